import type { Deployment } from '../../core/deployment/model';
import { generateOperatorPolicy, type OperatorPolicy } from '../../core/deployment/operatorPolicy';
import { isGrantwiseError } from '../../core/errors';
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

const USAGE =
  'grantwise policy operator FILE [--profile NAME] [--workspace DIR] [--account-id ID] [--partition P] [--format json|text]';

/** The policy with its reasoning: per statement, each action and the rendered resources that need it. */
function text(d: Deployment, p: OperatorPolicy, cwd: string): string[] {
  const actions = p.statements.reduce((n, s) => n + s.actions.length, 0);
  const lines = [
    `Operator policy for ${d.name} (${displayPath(cwd, d.file)}): ${p.statements.length} statements, ${actions} actions`,
  ];
  for (const s of p.statements) {
    lines.push('', `${s.sid}  on ${s.resources.join(', ')}`);
    for (const r of s.reason) lines.push(`  ${r}`);
  }
  lines.push('', p.policyJson.trimEnd());
  return lines;
}

export const policyCommand: CliCommand = {
  name: 'policy',
  usage: USAGE,
  summary:
    'Print the least-privilege policy an operator needs to create, update and delete a deployment with Terraform (exit 2 if unusable).',
  async run(args, io: CliIo) {
    const p = parseArgs(args);
    const [sub, file, ...extra] = p.positionals;
    if (sub !== 'operator')
      throw new UsageError(sub ? `unknown policy kind '${sub}': use operator` : 'expected operator FILE');
    if (!file || extra.length) throw new UsageError('expected exactly one FILE');
    const format = flag(p, 'format') ?? 'text';
    if (format !== 'json' && format !== 'text') throw new UsageError(`--format ${format}: use json or text`);
    const d = await loadDeploymentForCli(
      file,
      { profile: flag(p, 'profile'), workspace: flag(p, 'workspace') },
      io,
    );
    if (!d) return EXIT_UNUSABLE;
    let policy: OperatorPolicy;
    try {
      policy = generateOperatorPolicy(d, {
        accountId: flag(p, 'account-id'),
        partition: flag(p, 'partition'),
      });
    } catch (e) {
      if (!isGrantwiseError(e)) throw e;
      io.err(e.display);
      return EXIT_UNUSABLE;
    }
    io.out(format === 'json' ? policy.policyJson.trimEnd() : text(d, policy, io.cwd).join('\n'));
    const errors = d.problems.filter((x) => x.severity === 'error');
    for (const e of errors) {
      io.err(`${place(e.file, e.range, io.cwd)}: error: ${e.message}`);
    }
    return errors.length ? EXIT_FINDINGS : EXIT_OK;
  },
};
