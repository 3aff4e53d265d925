import type { Deployment } from '../../core/deployment/model';
import { displayPath } from './inputFiles';
import { loadDeploymentForCli, place } from '../workspaceFiles';
import {
  EXIT_FINDINGS,
  EXIT_OK,
  EXIT_UNUSABLE,
  flag,
  parseArgs,
  UsageError,
  type CliCommand,
  type CliIo,
} from '../command';

function text(d: Deployment, cwd: string): string[] {
  const lines = [
    `${d.name} (${d.kind}${d.profile ? `, profile ${d.profile}` : ''}) ${displayPath(cwd, d.file)}`,
    `region ${d.region}${d.accountId ? `  account ${d.accountId}` : ''}${d.role ? `  role ${d.role}` : ''}`,
    `network ${d.network.name} ${d.network.vpcCidr}${d.network.internetGateway ? ', internet gateway' : ''}${d.network.natGateway ? `, NAT in ${d.network.natGateway.subnet}` : ''}`,
    ...d.network.subnets.map(
      (s) =>
        `  subnet ${s.name} ${s.cidr} ${s.public ? 'public' : 'private'}${s.availabilityZone ? ` ${s.availabilityZone}` : ''}`,
    ),
    `resources ${d.resources.length}`,
  ];
  for (const r of d.resources) {
    const config = Object.entries(r.config)
      .filter(([, v]) => typeof v !== 'object')
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    lines.push(
      `  ${r.type} ${r.name}  ${place(r.source.file, r.source.range, cwd)}${config ? `  ${config}` : ''}`,
    );
  }
  if (d.problems.length) lines.push(`problems ${d.problems.length}`);
  for (const p of d.problems)
    lines.push(`  ${place(p.file, p.range, cwd)} ${p.severity} ${p.check}: ${p.message}`);
  return lines;
}

export const deploymentCommand: CliCommand = {
  name: 'deployment',
  usage: 'grantwise deployment FILE [--profile NAME] [--workspace DIR] [--format json|text]',
  summary:
    'Print the normalized deployment model of a canvas or jsonnet deployment file (exit 1 on errors, 2 if unusable).',
  async run(args, io: CliIo) {
    const p = parseArgs(args);
    if (p.positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    const format = flag(p, 'format') ?? 'text';
    if (format !== 'json' && format !== 'text') throw new UsageError(`--format ${format}: use json or text`);
    const d = await loadDeploymentForCli(
      p.positionals[0],
      { profile: flag(p, 'profile'), workspace: flag(p, 'workspace') },
      io,
    );
    if (!d) return EXIT_UNUSABLE;
    if (format === 'json') io.out(JSON.stringify(d, null, 2));
    else io.out(text(d, io.cwd).join('\n'));
    return d.problems.some((x) => x.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
  },
};
