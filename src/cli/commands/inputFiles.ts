import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { GrantwiseError } from '../../core/errors';

/** A file named on the command line: its text and how outputs name it (relative to the working directory). */
export interface InputFile {
  absolute: string;
  display: string;
  text: string;
}

/** `policies/a.json` for a file under `cwd`, the absolute path otherwise; always forward slashes. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = path.relative(cwd, absolute);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return absolute;
  return rel.split(path.sep).join('/');
}

/** Reads a named input; a missing, unreadable or directory path is unusable input (exit 2) naming the flag. */
export async function readInputFile(cwd: string, name: string, what: string): Promise<InputFile> {
  const absolute = path.resolve(cwd, name);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) throw new GrantwiseError('input-missing', `${what} ${name} does not exist.`, 'Check the path.');
  if (info.isDirectory()) {
    throw new GrantwiseError(
      'input-directory',
      `${what} ${name} is a directory.`,
      'Pass files; a shell glob such as iam/*.json expands to them.',
    );
  }
  const text = await readFile(absolute, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new GrantwiseError(
      'input-unreadable',
      `${what} ${name} cannot be read (${e.code ?? e.message}).`,
      'Check its permissions.',
    );
  });
  return { absolute, display: displayPath(cwd, absolute), text };
}
