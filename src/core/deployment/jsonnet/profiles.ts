import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Finding } from '../../finding';
import { LineIndex } from '../../range';
import { resolveUserPath } from './paths';

/**
 * A named set of inputs for evaluating jsonnet deployment files, kept in `.grantwise/profiles.json`:
 *
 * ```json
 * { "default": "dev",
 *   "profiles": [ { "name": "dev", "envFiles": ["deployments/env/dev.rc"], "extVars": {}, "extCode": {},
 *                   "tlaVars": {}, "tlaCode": {}, "libPaths": ["lib"] } ] }
 * ```
 * Paths are relative to the workspace root (`~/` means the home folder). Every field but `name` is optional.
 */
export interface RunProfile {
  name: string;
  description?: string;
  envFiles: string[];
  extVars: Record<string, string>;
  extCode: Record<string, string>;
  tlaVars: Record<string, string>;
  tlaCode: Record<string, string>;
  libPaths: string[];
}

export const PROFILES_FILE = path.join('.grantwise', 'profiles.json');

export interface LoadedProfiles {
  profiles: RunProfile[];
  defaultProfile?: string;
  /** Problems with ranges in profiles.json; `data.file` is its absolute path. */
  problems: Finding[];
}

export async function loadProfiles(workspaceRoot: string): Promise<LoadedProfiles> {
  const file = path.join(workspaceRoot, PROFILES_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: [], problems: [] };
    throw e;
  }
  return parseProfiles(text, file, workspaceRoot);
}

const MAP_FIELDS = ['extVars', 'extCode', 'tlaVars', 'tlaCode'] as const;
const LIST_FIELDS = ['envFiles', 'libPaths'] as const;
const KNOWN_FIELDS = new Set(['name', 'description', ...MAP_FIELDS, ...LIST_FIELDS]);

/** Parses and checks profiles.json text; `file` names it in problems, `workspaceRoot` resolves its paths. */
export function parseProfiles(text: string, file: string, workspaceRoot: string): LoadedProfiles {
  const index = new LineIndex(text);
  const problems: Finding[] = [];
  const at = (
    node: Node | undefined,
    pointer: string,
    severity: Finding['severity'],
    check: string,
    message: string,
  ) =>
    problems.push({
      severity,
      check,
      path: pointer,
      range: node ? index.rangeOf(node.offset, node.length) : index.rangeOf(0, 0),
      message,
      data: { file },
    });
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) {
    problems.push({
      severity: 'error',
      check: 'profiles-syntax',
      path: '',
      range: index.rangeOf(e.offset, e.length),
      message: `${PROFILES_FILE}: JSON syntax error (${printParseErrorCode(e.error)}); fix the JSON at this place.`,
      data: { file },
    });
  }
  if (!root || root.type !== 'object') {
    if (root)
      at(root, '', 'error', 'profiles-shape', `${PROFILES_FILE} must be an object with a "profiles" array.`);
    return { profiles: [], problems };
  }
  const prop = (obj: Node, key: string) =>
    obj.children?.find((p) => p.children?.[0].value === key)?.children?.[1];
  const profiles: RunProfile[] = [];
  const list = prop(root, 'profiles');
  if (!list || list.type !== 'array') {
    at(
      list ?? root,
      '/profiles',
      'error',
      'profiles-shape',
      `${PROFILES_FILE}: "profiles" must be an array of profile objects.`,
    );
  } else {
    list.children?.forEach((node, i) => {
      const p = readProfile(node, `/profiles/${i}`, prop, at, workspaceRoot);
      if (!p) return;
      if (profiles.some((q) => q.name === p.name)) {
        at(
          prop(node, 'name'),
          `/profiles/${i}/name`,
          'error',
          'profiles-duplicate-name',
          `Profile name "${p.name}" is used twice; give each profile its own name.`,
        );
        return;
      }
      profiles.push(p);
    });
  }
  for (const child of root.children ?? []) {
    const key = child.children?.[0].value;
    if (key !== 'profiles' && key !== 'default') {
      at(
        child.children?.[0],
        `/${key}`,
        'warning',
        'profiles-unknown-field',
        `Unknown field "${key}" in ${PROFILES_FILE}; expected "default" and "profiles".`,
      );
    }
  }
  const def = prop(root, 'default');
  let defaultProfile: string | undefined;
  if (def) {
    if (def.type !== 'string')
      at(def, '/default', 'error', 'profiles-type', `"default" must be the name of a profile (a string).`);
    else if (!profiles.some((p) => p.name === def.value)) {
      const names = profiles.map((p) => `"${p.name}"`).join(', ') || 'none defined';
      at(
        def,
        '/default',
        'error',
        'profiles-unknown-default',
        `"default" names profile "${def.value}", which does not exist; use one of: ${names}.`,
      );
    } else defaultProfile = def.value as string;
  }
  return { profiles, defaultProfile, problems };
}

type Prop = (obj: Node, key: string) => Node | undefined;
type At = (
  node: Node | undefined,
  pointer: string,
  severity: Finding['severity'],
  check: string,
  message: string,
) => void;

function readProfile(
  node: Node,
  pointer: string,
  prop: Prop,
  at: At,
  workspaceRoot: string,
): RunProfile | undefined {
  if (node.type !== 'object') {
    at(node, pointer, 'error', 'profiles-shape', 'A profile must be an object with at least a "name".');
    return undefined;
  }
  const nameNode = prop(node, 'name');
  if (!nameNode || nameNode.type !== 'string' || !String(nameNode.value).trim()) {
    at(
      nameNode ?? node,
      `${pointer}/name`,
      'error',
      'profiles-missing-name',
      'A profile needs a non-empty string "name".',
    );
    return undefined;
  }
  const profile: RunProfile = {
    name: nameNode.value as string,
    envFiles: [],
    extVars: {},
    extCode: {},
    tlaVars: {},
    tlaCode: {},
    libPaths: [],
  };
  const desc = prop(node, 'description');
  if (desc?.type === 'string') profile.description = desc.value as string;
  else if (desc)
    at(desc, `${pointer}/description`, 'error', 'profiles-type', '"description" must be a string.');
  for (const field of MAP_FIELDS) {
    const m = prop(node, field);
    if (!m) continue;
    if (m.type !== 'object') {
      at(
        m,
        `${pointer}/${field}`,
        'error',
        'profiles-type',
        `"${field}" must be an object mapping names to strings.`,
      );
      continue;
    }
    for (const entry of m.children ?? []) {
      const [k, v] = entry.children ?? [];
      if (v?.type !== 'string') {
        const hint =
          field === 'extVars' || field === 'tlaVars'
            ? ` (use "${field === 'extVars' ? 'extCode' : 'tlaCode'}" for numbers, booleans or objects)`
            : ' (jsonnet code as a string)';
        at(
          v ?? entry,
          `${pointer}/${field}/${k.value}`,
          'error',
          'profiles-type',
          `"${field}"."${k.value}" must be a string${hint}.`,
        );
      } else profile[field][k.value as string] = v.value as string;
    }
  }
  for (const field of LIST_FIELDS) {
    const l = prop(node, field);
    if (!l) continue;
    if (l.type !== 'array') {
      at(
        l,
        `${pointer}/${field}`,
        'error',
        'profiles-type',
        `"${field}" must be an array of paths relative to the workspace root.`,
      );
      continue;
    }
    l.children?.forEach((item, j) => {
      if (item.type !== 'string') {
        at(
          item,
          `${pointer}/${field}/${j}`,
          'error',
          'profiles-type',
          `"${field}" entries must be path strings.`,
        );
        return;
      }
      const rel = item.value as string;
      if (!existsSync(resolveUserPath(workspaceRoot, rel))) {
        const what = field === 'envFiles' ? 'Env file' : 'Library path';
        at(
          item,
          `${pointer}/${field}/${j}`,
          'error',
          'profiles-missing-path',
          `${what} "${rel}" does not exist (paths are relative to the workspace root); fix the path or create it.`,
        );
      }
      profile[field].push(rel);
    });
  }
  for (const child of node.children ?? []) {
    const key = child.children?.[0].value as string;
    if (!KNOWN_FIELDS.has(key)) {
      at(
        child.children?.[0],
        `${pointer}/${key}`,
        'warning',
        'profiles-unknown-field',
        `Unknown profile field "${key}"; known fields are ${[...KNOWN_FIELDS].join(', ')}.`,
      );
    }
  }
  return profile;
}
