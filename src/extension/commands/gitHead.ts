import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { GrantwiseError } from '../../core/errors';

/** The committed text of a file, or why there is none. Kept free of `vscode` so it runs under plain Node. */
export type HeadVersion =
  | { state: 'committed'; text: string; repoRoot: string; relativePath: string }
  | { state: 'not-in-head'; repoRoot: string; relativePath: string };

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

function git(args: string[], cwd: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 15_000 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(
          new GrantwiseError(
            'git-missing',
            'Compare with HEAD needs git, and no git executable was found on PATH.',
            'Install git or add it to PATH.',
          ),
        );
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/**
 * Reads `HEAD:<file>` with `git show` run in the file's repository (argument array, no shell). A file
 * that is new or untracked is not an error: callers compare it against an empty policy.
 */
export async function readHeadVersion(file: string): Promise<HeadVersion> {
  const absolute = await realpath(file).catch(() => path.resolve(file));
  const dir = path.dirname(absolute);
  const top = await git(['rev-parse', '--show-toplevel'], dir);
  if (top.code !== 0) {
    throw new GrantwiseError(
      'not-a-repo',
      `${absolute} is not inside a git repository, so there is no HEAD version to compare with.`,
      'Open the file from a git working tree (git init, then commit it).',
    );
  }
  const repoRoot = await realpath(top.stdout.trim());
  const relativePath = path.relative(repoRoot, absolute).split(path.sep).join('/');
  const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD'], repoRoot);
  if (head.code !== 0) return { state: 'not-in-head', repoRoot, relativePath };
  const show = await git(['show', `HEAD:${relativePath}`], repoRoot);
  if (show.code === 0) return { state: 'committed', text: show.stdout, repoRoot, relativePath };
  if (/does not exist in|exists on disk, but not in/.test(show.stderr)) {
    return { state: 'not-in-head', repoRoot, relativePath };
  }
  throw new GrantwiseError(
    'git-show-failed',
    `git show HEAD:${relativePath} failed in ${repoRoot}: ${show.stderr.trim() || `exit code ${show.code}`}.`,
    'Run the same command in a terminal to see what git needs.',
  );
}
