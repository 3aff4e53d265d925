import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Range } from '../core/range';
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
