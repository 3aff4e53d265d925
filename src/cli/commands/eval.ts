import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createEvaluator, type JsonnetDiagnostic } from '../../core/deployment/jsonnet/evaluator';
import { resolveInputs, type JsonnetInputs } from '../../core/deployment/jsonnet/inputs';
import { loadProfiles, PROFILES_FILE } from '../../core/deployment/jsonnet/profiles';
import type { Finding } from '../../core/finding';
import { place, workspaceRootFor } from '../workspaceFiles';
import {
  EXIT_OK,
  EXIT_UNUSABLE,
  flag,
  flagList,
  parseArgs,
  UsageError,
  type CliCommand,
  type CliIo,
} from '../command';

/** `K=V` pairs of repeated flags; a bare `K` takes the value of the environment variable K, as the jsonnet CLI does. */
function pairs(values: string[], name: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    const key = eq < 0 ? v : v.slice(0, eq);
    if (!key) throw new UsageError(`--${name} ${v}: expected NAME=VALUE`);
    if (eq < 0) {
      if (env[key] === undefined)
        throw new UsageError(`--${name} ${key}: no '=' and no environment variable ${key}`);
      out[key] = env[key]!;
    } else out[key] = v.slice(eq + 1);
  }
  return out;
}

export const evalCommand: CliCommand = {
  name: 'eval',
  usage:
    'grantwise eval FILE [--profile NAME] [--ext-str K=V...] [--ext-code K=V...] [--tla-str K=V...] [--tla-code K=V...] [--jpath DIR...] [--workspace DIR] [--timeout-ms N]',
  summary: 'Evaluate a jsonnet file with a run profile in the sandboxed engine and print the JSON.',
  async run(args, io: CliIo) {
    const p = parseArgs(args);
    if (p.positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    const file = path.resolve(io.cwd, p.positionals[0]);
    if (!existsSync(file)) {
      io.err(`${p.positionals[0]}: no such file`);
      return EXIT_UNUSABLE;
    }
    const workspace = workspaceRootFor(file, io.cwd, flag(p, 'workspace'));
    const loaded = await loadProfiles(workspace);
    const problems: Finding[] = [...loaded.problems];
    const profileName = flag(p, 'profile') ?? loaded.defaultProfile;
    const profile = profileName ? loaded.profiles.find((x) => x.name === profileName) : undefined;
    if (profileName && !profile) {
      const names = loaded.profiles.map((x) => x.name).join(', ') || 'none';
      io.err(
        `${path.join(workspace, PROFILES_FILE)}: no profile named "${profileName}" (profiles: ${names}).`,
      );
      return EXIT_UNUSABLE;
    }
    const overrides: Partial<JsonnetInputs> = {
      extVars: pairs(flagList(p, 'ext-str'), 'ext-str', io.env),
      extCode: pairs(flagList(p, 'ext-code'), 'ext-code', io.env),
      tlaVars: pairs(flagList(p, 'tla-str'), 'tla-str', io.env),
      tlaCode: pairs(flagList(p, 'tla-code'), 'tla-code', io.env),
      jpath: flagList(p, 'jpath').map((j) => path.resolve(io.cwd, j)),
    };
    const resolved = await resolveInputs({ workspaceRoot: workspace, profile, overrides });
    problems.push(...resolved.problems);
    for (const pr of problems) {
      const where = typeof pr.data?.file === 'string' ? place(pr.data.file, pr.range, io.cwd) : workspace;
      io.err(`${where}: ${pr.severity}: ${pr.message}`);
    }
    if (problems.some((x) => x.severity === 'error')) return EXIT_UNUSABLE;

    const timeout = flag(p, 'timeout-ms');
    const evaluator = createEvaluator({ timeoutMs: timeout ? Number(timeout) : undefined });
    try {
      const result = await evaluator.evaluateFile(file, resolved.inputs, { sandboxRoots: [workspace] });
      const show = (d: JsonnetDiagnostic) =>
        io.err(`${place(d.file, d.range, io.cwd)}: ${d.severity}: ${d.message}`);
      if (!result.ok) {
        result.diagnostics.forEach(show);
        return EXIT_UNUSABLE;
      }
      result.warnings.forEach(show);
      io.out(result.text.replace(/\n$/, ''));
      return EXIT_OK;
    } finally {
      evaluator.dispose();
    }
  },
};
