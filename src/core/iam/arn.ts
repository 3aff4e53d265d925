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

/** Whether some string matches both patterns: a breadth-first walk over the product of the two automata. */
function intersects(a: Atom[], b: Atom[]): boolean {
  const n = a.length;
  const m = b.length;
  const seen = new Uint8Array((n + 1) * (m + 1));
  const stack: number[] = [0];
  seen[0] = 1;
  while (stack.length) {
    const s = stack.pop()!;
    const i = Math.floor(s / (m + 1));
    const j = s % (m + 1);
    if (i === n && j === m) return true;
    const push = (x: number, y: number) => {
      const k = x * (m + 1) + y;
      if (!seen[k]) {
        seen[k] = 1;
        stack.push(k);
      }
    };
    const ai = a[i];
    const bj = b[j];
    if (ai && 'star' in ai) push(i + 1, j);
    if (bj && 'star' in bj) push(i, j + 1);
    if (ai && bj && canPair(ai, bj)) {
      const ni = 'star' in ai ? i : i + 1;
      const nj = 'star' in bj ? j : j + 1;
      if (ni !== i || nj !== j) push(ni, nj);
    }
  }
  return false;
}

const formatCache = new Map<string, Atom[][] | null>();
const matchCache = new Map<string, boolean>();

function fields(text: string, atoms: (s: string) => Atom[]): Atom[][] | null {
  const arn = parseArn(text);
  if (!arn) return null;
  return [arn.partition, arn.service, arn.region, arn.account, arn.resource].map(atoms);
}

/**
 * Whether a policy Resource (with *, ? and ${variables}) can name a resource of the catalog ARN format
 * `arn:${Partition}:s3:::${BucketName}`. Each of the six fields is compared on its own, as IAM does.
 */
export function resourceMatchesFormat(resource: string, format: string): boolean {
  const key = `${format}\u0000${resource}`;
  const hit = matchCache.get(key);
  if (hit !== undefined) return hit;
  let f = formatCache.get(format);
  if (f === undefined) {
    f = fields(format, formatAtoms);
    formatCache.set(format, f);
  }
  const r = fields(resource, policyAtoms);
  const result = !!f && !!r && f.every((atoms, i) => intersects(r[i], atoms));
  if (matchCache.size > 50_000) matchCache.clear();
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
