/** ARN parsing and matching a policy's Resource pattern against the catalog's ARN formats. */

export const PARTITIONS: readonly string[] = [
  'aws',
  'aws-cn',
  'aws-eusc',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-us-gov',
];

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon; may itself hold colons and slashes. */
  resource: string;
}

/** Splits `arn:partition:service:region:account:resource`; undefined when there are fewer than six fields. */
export function parseArn(text: string): ParsedArn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts: string[] = [];
  let from = 4;
  for (let i = 0; i < 4; i++) {
    const colon = text.indexOf(':', from);
    if (colon < 0) return undefined;
    parts.push(text.slice(from, colon));
    from = colon + 1;
  }
  return {
    partition: parts[0],
    service: parts[1],
    region: parts[2],
    account: parts[3],
    resource: text.slice(from),
  };
}

/**
 * One element of a pattern: a literal character, exactly one character, or any run (`*`); `slash` says
 * whether the element may stand for '/'. Policy wildcards and policy variables may; catalog placeholders
 * such as ${BucketName} may not, except path-like ones (so `bucket/*` is not a bucket).
 */
type Atom = { lit: string } | { one: true; slash: boolean } | { star: true; slash: boolean };

function policyAtoms(pattern: string): Atom[] {
  const out: Atom[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '$' && pattern[i + 1] === '{') {
      const close = pattern.indexOf('}', i);
      if (close > 0) {
        const inner = pattern.slice(i + 2, close);
        if (inner === '*' || inner === '?' || inner === '$') out.push({ lit: inner });
        else out.push({ star: true, slash: true });
        i = close;
        continue;
      }
    }
    if (ch === '*') out.push({ star: true, slash: true });
    else if (ch === '?') out.push({ one: true, slash: true });
    else out.push({ lit: ch });
  }
  return out;
}

function formatAtoms(format: string): Atom[] {
  const out: Atom[] = [];
  const vars = [...format.matchAll(/\$\{([^}]+)\}/g)];
  let at = 0;
  vars.forEach((m, n) => {
    for (const ch of format.slice(at, m.index)) out.push({ lit: ch });
    const last = n === vars.length - 1 && m.index + m[0].length === format.length;
    const slash = /Path|ObjectName|Key$/i.test(m[1]) || (last && format[m.index - 1] === '/');
    out.push({ one: true, slash }, { star: true, slash });
    at = m.index + m[0].length;
  });
  for (const ch of format.slice(at)) out.push({ lit: ch });
  return out;
}

function canPair(a: Atom, b: Atom): boolean {
  if ('lit' in a && 'lit' in b) return a.lit === b.lit;
  if ('lit' in a) return a.lit !== '/' || (b as { slash: boolean }).slash;
  if ('lit' in b) return b.lit !== '/' || a.slash;
  return true;
}

/** Whether some string matches both patterns: a depth-first walk over the product of the two automata. */
function intersects(a: Atom[], b: Atom[]): boolean {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const seen = new Uint8Array((n + 1) * w);
  const stack: number[] = [0];
  seen[0] = 1;
  while (stack.length) {
    const s = stack.pop()!;
    const i = (s / w) | 0;
    const j = s - i * w;
    if (i === n && j === m) return true;
    const ai = a[i];
    const bj = b[j];
    if (ai && 'star' in ai && !seen[s + w]) {
      seen[s + w] = 1;
      stack.push(s + w);
    }
    if (bj && 'star' in bj && !seen[s + 1]) {
      seen[s + 1] = 1;
      stack.push(s + 1);
    }
    if (ai && bj && canPair(ai, bj)) {
      const k = ('star' in ai ? i : i + 1) * w + ('star' in bj ? j : j + 1);
      if (!seen[k]) {
        seen[k] = 1;
        stack.push(k);
      }
    }
  }
  return false;
}

/** Leading literal characters of a pattern, up to its first wildcard or placeholder. */
function literalPrefix(atoms: Atom[]): string {
  let out = '';
  for (const a of atoms) {
    if (!('lit' in a)) break;
    out += a.lit;
  }
  return out;
}

interface Compiled {
  fields: Atom[][];
  prefixes: string[];
}

const formatCache = new Map<string, Compiled | null>();
const resourceCache = new Map<string, Compiled | null>();
const matchCache = new Map<string, boolean>();

function compile(text: string, atoms: (s: string) => Atom[]): Compiled | null {
  const arn = parseArn(text);
  if (!arn) return null;
  const fields = [arn.partition, arn.service, arn.region, arn.account, arn.resource].map(atoms);
  return { fields, prefixes: fields.map(literalPrefix) };
}

function cached(cache: Map<string, Compiled | null>, text: string, atoms: (s: string) => Atom[]): Compiled | null {
  let c = cache.get(text);
  if (c === undefined) {
    if (cache.size > 20_000) cache.clear();
    c = compile(text, atoms);
    cache.set(text, c);
  }
  return c;
}

/**
 * Whether a policy Resource (with *, ? and ${variables}) can name a resource of the catalog ARN format
 * `arn:${Partition}:s3:::${BucketName}`. Each of the six fields is compared on its own, as IAM does.
 * Most pairs differ in a leading literal ("instance/" against "vpc/") and are rejected before the walk.
 */
export function resourceMatchesFormat(resource: string, format: string): boolean {
  const f = cached(formatCache, format, formatAtoms);
  const r = cached(resourceCache, resource, policyAtoms);
  if (!f || !r) return false;
  for (let i = 0; i < 5; i++) {
    const a = f.prefixes[i];
    const b = r.prefixes[i];
    const len = Math.min(a.length, b.length);
    if (a.slice(0, len) !== b.slice(0, len)) return false;
    // Both fields fully literal: they must be equal.
    if (a.length === f.fields[i].length && b.length === r.fields[i].length && a !== b) return false;
  }
  const key = `${format}\u0000${resource}`;
  const hit = matchCache.get(key);
  if (hit !== undefined) return hit;
  const result = f.fields.every((atoms, i) => intersects(r.fields[i], atoms));
  if (matchCache.size > 20_000) matchCache.clear();
  matchCache.set(key, result);
  return result;
}

/**
 * Whether policy pattern `a` covers everything pattern `b` names, for redundancy findings. It is
 * deliberately conservative: here `*` does not cross '/' (IAM's does), so the usual pair `bucket-*` and
 * the object pattern under it stays unflagged, and a pattern `b` with wildcards is covered only by a trailing `*`.
 */
export function patternCovers(a: string, b: string): boolean {
  if (a === b || a === '*') return true;
  if (!/[*?]/.test(a)) return false;
  let re = '';
  for (const ch of a)
    re += ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  if (!new RegExp(`^${re}$`, 's').test(b)) return false;
  if (!/[*?]/.test(b)) return true;
  const star = a.indexOf('*');
  const head = a.slice(0, star);
  return (
    star >= 0 &&
    a.slice(star) === '*' &&
    !/[*?]/.test(head) &&
    b.startsWith(head) &&
    !b.slice(star).includes('/')
  );
}
