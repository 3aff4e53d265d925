import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

/** Resolves a path written by a user in settings or profiles.json: `~/` is the home folder, relative is from `base`. */
export function resolveUserPath(base: string, p: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(homedir(), p.slice(1));
  return path.resolve(base, p);
}

/** The real path (symlinks resolved) when the file exists, else the normalized absolute path. */
export function realPathOrSelf(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

/** Whether `p` is `root` or lies under it; both must be absolute and normalized. */
export function isInside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}
