import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createEvaluator } from '../core/deployment/jsonnet/evaluator';
import { loadDeployment, unusableProblems } from '../core/deployment/load';
import type { Deployment } from '../core/deployment/model';
import type { Range } from '../core/range';
import type { CliIo } from './command';
import { displayPath } from './commands/inputFiles';

/**
 * The workspace a deployment or jsonnet file belongs to, as the editor would see it: `--workspace` when
 * given, else the nearest folder above the file holding `.grantwise/` (roles and run profiles live
 * there), else the working directory when it contains the file, else the file's own folder.
 */
export function workspaceRootFor(file: string, cwd: string, explicit?: string): string {
  if (explicit) return path.resolve(cwd, explicit);
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.grantwise'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  const rel = path.relative(cwd, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel) ? cwd : path.dirname(file);
}

/** `file:line:col` (1-based, as compilers print) with the file relative to the working directory. */
export function place(file: string, range: Range, cwd: string): string {
  return `${displayPath(cwd, file)}:${range.start.line + 1}:${range.start.character + 1}`;
}

/**
 * Loads a deployment file named on the command line the way the editor does (same engine, sandbox and
 * run profiles). Returns undefined after printing `file:line:col: severity: message` lines when the
 * file is missing or unusable, so the command exits 2.
 */
export async function loadDeploymentForCli(
  name: string,
  options: { profile?: string; workspace?: string },
  io: CliIo,
): Promise<Deployment | undefined> {
  const file = path.resolve(io.cwd, name);
  if (!existsSync(file)) {
    io.err(`${name}: no such file`);
    return undefined;
  }
  const evaluator = createEvaluator();
  let d: Deployment;
  try {
    d = await loadDeployment(file, {
      workspaceRoot: workspaceRootFor(file, io.cwd, options.workspace),
      profile: options.profile,
      evaluator,
    });
  } finally {
    evaluator.dispose();
  }
  const unusable = unusableProblems(d);
  for (const u of unusable) io.err(`${place(u.file, u.range, io.cwd)}: ${u.severity}: ${u.message}`);
  return unusable.length ? undefined : d;
}
