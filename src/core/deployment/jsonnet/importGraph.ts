import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { LineIndex, type Range } from '../../range';
import type { JsonnetDiagnostic } from './evaluator';
import { lex } from './lexer';
import { isInside } from './paths';
import { findImports, type ImportRef } from './references';

/** One import statement and where libjsonnet would open it. */
export interface ImportEdge {
  /** The importing file, normalized absolute path. */
  from: string;
  ref: ImportRef;
  range: Range;
  /** The opened file as libjsonnet names it (normalized); undefined when not found or refused. */
  to?: string;
}

export interface ImportGraph {
  root: string;
  /** The import closure (root included), normalized absolute paths as libjsonnet names them, sorted. */
  files: string[];
  edges: ImportEdge[];
  /** Texts of the jsonnet files of the closure (not importstr/importbin data), by normalized path. */
  texts: Map<string, string>;
  /** sha256 over every file's name and content, and every unresolved import, of the closure. */
  hash: string;
  /** Sandbox refusals (errors) and imports that match no file (warnings), on the import string. */
  diagnostics: JsonnetDiagnostic[];
  /** True when an import leaves the sandbox: the file must not be evaluated. */
  refused: boolean;
}

export interface SandboxOptions {
  /** Folders evaluation may read: the workspace folder(s). Library paths are added to them. */
  roots: string[];
  /** Library search paths, later entries first, as libjsonnet's jpath (absolute). */
  jpath: string[];
}

async function realpathOrUndefined(p: string): Promise<string | undefined> {
  try {
    return await realpath(p);
  } catch {
    return undefined;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/**
 * Resolves the import graph of `rootFile` statically, exactly as libjsonnet searches (the importing
 * file's folder, then the library paths from the last to the first; an absolute path as is), and checks
 * that every opened file's real path (symlinks resolved, `..` applied by the OS) lies in a root or a
 * library path. Import paths are string literals in Jsonnet, so this sees every file evaluation can open.
 */
export async function resolveImportGraph(rootFile: string, options: SandboxOptions): Promise<ImportGraph> {
  const root = path.resolve(rootFile);
  const roots = (
    await Promise.all(
      [...options.roots, ...options.jpath].map(
        async (r) => (await realpathOrUndefined(r)) ?? path.resolve(r),
      ),
    )
  ).filter((r, i, all) => all.indexOf(r) === i);
  const searchDirs = [...options.jpath].reverse().map((j) => (j.endsWith('/') ? j : j + '/'));
  const allowed = (real: string) => roots.some((r) => isInside(real, r));

  const texts = new Map<string, string>();
  const contents = new Map<string, Buffer>();
  const edges: ImportEdge[] = [];
  const diagnostics: JsonnetDiagnostic[] = [];
  const missing: string[] = [];
  let refused = false;

  const rootReal = await realpathOrUndefined(root);
  if (rootReal && !allowed(rootReal)) {
    refused = true;
    diagnostics.push({
      file: root,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      message: `${root} is outside the workspace and the library paths; only files inside them are evaluated.`,
      severity: 'error',
      code: 'jsonnet-outside-sandbox',
    });
    return { root, files: [root], edges, texts, hash: '', diagnostics, refused };
  }

  // `raw` is the name libjsonnet gives the file (folder + literal, unnormalized): its folder is where the
  // file's own relative imports are searched, and the OS resolves symlinks before `..` in it.
  const queue: { raw: string; code: boolean }[] = [{ raw: root, code: true }];
  const seen = new Set<string>();
  while (queue.length) {
    const { raw, code } = queue.shift()!;
    const name = path.normalize(raw);
    if (seen.has(name)) continue;
    seen.add(name);
    let data: Buffer;
    try {
      data = await readFile(raw);
    } catch {
      continue; // The root itself missing: evaluation reports it with the engine's own message.
    }
    contents.set(name, data);
    if (!code) continue;
    const text = data.toString('utf8');
    texts.set(name, text);
    const index = new LineIndex(text);
    const dir = raw.slice(0, raw.lastIndexOf('/') + 1);
    for (const ref of findImports(lex(text))) {
      const range = index.rangeOf(ref.offset, ref.length);
      const edge: ImportEdge = { from: name, ref, range };
      edges.push(edge);
      const candidates = ref.path.startsWith('/')
        ? [ref.path]
        : [dir + ref.path, ...searchDirs.map((d) => d + ref.path)];
      let found: string | undefined;
      for (const c of candidates) {
        if (ref.path && (await isFile(c))) {
          found = c;
          break;
        }
      }
      if (!found) {
        missing.push(`${name}\0${ref.path}`);
        diagnostics.push({
          file: name,
          range,
          message: `Cannot find "${ref.path}": looked in ${path.dirname(name)}${searchDirs.length ? ' and the library paths ' + searchDirs.map((d) => d.slice(0, -1)).join(', ') : ''}. Fix the path, or add its folder to the profile's "libPaths" or the setting grantwise.jsonnet.jpath.`,
          severity: 'warning',
          code: 'jsonnet-import-not-found',
        });
        continue;
      }
      const real = (await realpathOrUndefined(found)) ?? path.resolve(found);
      if (!allowed(real)) {
        refused = true;
        const via = real !== path.normalize(found) ? ` (through a symbolic link to ${real})` : ` (${real})`;
        diagnostics.push({
          file: name,
          range,
          message: `${ref.kind} "${ref.path}" leaves the sandbox${via}: only files in the workspace and the library paths can be imported. Move the file into the workspace, or add its folder to the profile's "libPaths" or the setting grantwise.jsonnet.jpath.`,
          severity: 'error',
          code: 'jsonnet-import-outside-sandbox',
        });
        continue;
      }
      edge.to = path.normalize(found);
      queue.push({ raw: found, code: ref.kind === 'import' });
    }
  }

  const files = [...contents.keys()].sort();
  const h = createHash('sha256');
  for (const f of files) h.update(`${f}\0${contents.get(f)!.length}\0`).update(contents.get(f)!);
  for (const m of missing.sort()) h.update(`missing\0${m}\0`);
  return {
    root,
    files: files.length ? files : [root],
    edges,
    texts,
    hash: h.digest('hex'),
    diagnostics,
    refused,
  };
}

/** The range of the import in `graph.root` through which `file` is reached (breadth-first), if any. */
export function importSiteInRoot(graph: ImportGraph, file: string): Range | undefined {
  const parent = new Map<string, ImportEdge>();
  const queue = [graph.root];
  const seen = new Set(queue);
  while (queue.length) {
    const f = queue.shift()!;
    for (const e of graph.edges) {
      if (e.from !== f || !e.to || seen.has(e.to)) continue;
      seen.add(e.to);
      parent.set(e.to, e);
      queue.push(e.to);
    }
  }
  let edge = parent.get(file);
  while (edge && edge.from !== graph.root) edge = parent.get(edge.from);
  return edge?.range;
}
