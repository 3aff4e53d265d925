import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CANVAS_SUFFIX } from './canvas';
import { cmp } from './model';

/** Folders never searched: dependencies, build output, VCS data, terraform's working files. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  'out',
  'build',
  '.git',
  '.hg',
  '.svn',
  '.terraform',
  '.vscode-test',
  'test-results',
]);

export interface DeploymentFileOptions {
  /** Stop after this many files (a huge monorepo should not freeze the view). Default 2000. */
  limit?: number;
  /** Reads a jsonnet file to tell deployments from other jsonnet; the editor passes unsaved text. */
  readText?: (file: string) => Promise<string>;
}

/**
 * Deployment files under a folder, sorted: every `*.canvas.json`, and every `*.jsonnet` whose text looks
 * like a deployment (see isDeploymentJsonnet). `.libsonnet` files are libraries, never deployments.
 */
export async function findDeploymentFiles(
  root: string,
  options: DeploymentFileOptions = {},
): Promise<string[]> {
  const limit = options.limit ?? 2000;
  const read = options.readText ?? ((f: string) => readFile(f, 'utf8'));
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folders are skipped, like an editor's file search does
    }
    entries.sort((a, b) => cmp(a.name, b.name));
    for (const e of entries) {
      if (found.length >= limit) return;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name) && !(e.name.startsWith('.') && e.name !== '.grantwise')) await walk(p);
      } else if (e.isFile()) {
        const lower = e.name.toLowerCase();
        if (lower.endsWith(CANVAS_SUFFIX)) found.push(p);
        else if (lower.endsWith('.jsonnet') && isDeploymentJsonnet(await read(p).catch(() => '')))
          found.push(p);
      }
    }
  };
  await walk(path.resolve(root));
  return found.sort(cmp);
}

/**
 * A jsonnet file is taken for a deployment when it writes an output field `resources:` or, for the
 * capideploy layout, both `network:` and `instances:` or `security_groups:` (comments aside). Telling by
 * text keeps the listing cheap and works in untrusted workspaces, where nothing is evaluated.
 */
export function isDeploymentJsonnet(text: string): boolean {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(\/\/|#).*$/gm, '');
  const field = (name: string) =>
    new RegExp(`(^|[\\s{,])(${name}|'${name}'|"${name}")\\s*:(?!:)`, 'm').test(code);
  return field('resources') || (field('network') && (field('instances') || field('security_groups')));
}
