import type { Effect } from './request';

/** One statement of a parsed policy document, with its JSON Pointer. */
export interface StatementEntry {
  /** `/Statement/2`, or `/Statement` when Statement is a single object. */
  path: string;
  statement: Record<string, unknown>;
  sid?: string;
  /** Undefined when Effect is missing or not exactly Allow/Deny: such a statement never applies. */
  effect?: Effect;
}

export interface PolicyStatements {
  version: unknown;
  statements: StatementEntry[];
  /** Why parts of the document cannot be evaluated (not an object, a statement that is not an object...). */
  problems: string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The statements of a policy value as `JSON.parse` returns it; a single Statement object or an array. */
export function statementsOf(document: unknown): PolicyStatements {
  if (!isObject(document))
    return { version: undefined, statements: [], problems: ['the policy is not a JSON object'] };
  const raw = document.Statement;
  const problems: string[] = [];
  const list: Array<[string, unknown]> = Array.isArray(raw)
    ? raw.map((s, i) => [`/Statement/${i}`, s])
    : raw === undefined
      ? []
      : [['/Statement', raw]];
  if (raw === undefined) problems.push('the policy has no Statement');
  const statements: StatementEntry[] = [];
  for (const [path, s] of list) {
    if (!isObject(s)) {
      problems.push(`${path} is not an object`);
      continue;
    }
    const effect = s.Effect === 'Allow' || s.Effect === 'Deny' ? s.Effect : undefined;
    statements.push({ path, statement: s, sid: typeof s.Sid === 'string' ? s.Sid : undefined, effect });
  }
  return { version: document.Version, statements, problems };
}

/** Action/Resource-style values: a string or an array of strings. Undefined when absent or malformed. */
export function stringsOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

/** `file.json /Statement/1 (Sid "Read")`: how explanations name a statement. */
export function describeStatement(policyId: string, entry: StatementEntry): string {
  return `${policyId} ${entry.path}${entry.sid ? ` (Sid "${entry.sid}")` : ''}`;
}
