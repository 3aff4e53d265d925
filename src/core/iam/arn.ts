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

/** The index of the colon that ends the account field (the fifth), or -1 when `text` is not an ARN. */
function headEnd(text: string): number {
  if (!text.startsWith('arn:')) return -1;
  let from = 4;
  for (let i = 0; i < 4; i++) {
    const colon = text.indexOf(':', from);
    if (colon < 0) return -1;
    from = colon + 1;
  }
  return from - 1;
}

/** Splits `arn:partition:service:region:account:resource`; undefined when there are fewer than six fields. */
export function parseArn(text: string): ParsedArn | undefined {
  const end = headEnd(text);
  if (end < 0) return undefined;
  const head = splitHead(text.slice(0, end + 1));
  return {
    partition: head.partition,
    service: head.service,
    region: head.region,
    account: head.account,
    resource: text.slice(end + 1),
  };
}

/** The fields before the resource part, `arn:partition:service:region:account:`. */
export interface ArnHead {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** The text up to and including the fifth colon. */
  readonly prefix: string;
}

function splitHead(prefix: string): ArnHead {
  const c1 = prefix.indexOf(':', 4);
  const c2 = prefix.indexOf(':', c1 + 1);
  const c3 = prefix.indexOf(':', c2 + 1);
  return {
    partition: prefix.slice(4, c1),
    service: prefix.slice(c1 + 1, c2),
    region: prefix.slice(c2 + 1, c3),
    account: prefix.slice(c3 + 1, prefix.length - 1),
    prefix,
  };
}

/**
 * parseArn for the many ARNs of one policy: they mostly begin with one of a few heads
 * (`arn:aws:s3:::`, `arn:aws:iam::123456789012:`), so a head seen recently is shared instead of split
 * again, and reading an ARN allocates only its resource part. Its heads are user text: keep one
 * reader per validation.
 */
export class ArnReader {
  private readonly heads: ArnHead[] = [];
  private next = 0;

  /** The head of `text` (its resource part starts at `prefix.length`); undefined when it is not an ARN. */
  head(text: string): ArnHead | undefined {
    const end = headEnd(text);
    if (end < 0) return undefined;
    const heads = this.heads;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h.prefix.length === end + 1 && text.startsWith(h.prefix)) return h;
    }
    // A flat copy, not a slice: startsWith against a slice of a megabyte text is about twice as slow.
    const h = splitHead(Array.from(text.slice(0, end + 1)).join(''));
    // A few slots, replaced in turn: a policy with thousands of distinct heads stays linear.
    if (heads.length < 16) heads.push(h);
    else heads[this.next++ % 16] = h;
    return h;
  }
}

/**
 * Patterns are encoded as strings: literal characters stand for themselves and four private-use
 * characters stand for "any run" and "one character", each either allowed or not allowed to cover '/'.
 * Policy wildcards and policy variables may cover '/'; catalog placeholders such as ${BucketName} may
 * not, except path-like ones, so `bucket/*` is not a bucket. Strings keep matching allocation-free.
 */
const STAR = 0xe000;
const ONE = 0xe001;
const STAR_NO_SLASH = 0xe002;
const ONE_NO_SLASH = 0xe003;
const SLASH = 47;

function encodePolicy(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '$' && pattern[i + 1] === '{') {
      const close = pattern.indexOf('}', i);
      if (close > 0) {
        const inner = pattern.slice(i + 2, close);
        out += inner === '*' || inner === '?' || inner === '$' ? inner : String.fromCharCode(STAR);
        i = close;
        continue;
      }
    }
    out += ch === '*' ? String.fromCharCode(STAR) : ch === '?' ? String.fromCharCode(ONE) : ch;
  }
  return out;
}

/** A catalog ARN format field as literal runs and placeholders. */
export type FormatToken = string | { readonly coversSlash: boolean };

const PLACEHOLDER = /\$\{([^}]+)\}/g;

/**
 * The one reading of catalog placeholders, for this file and checks/arnFastPath.ts: a placeholder is
 * one or more characters and spans '/' only when it is path-like (…Path, …ObjectName, …Key) or ends
 * the field right after a '/'.
 */
export function formatTokens(field: string): FormatToken[] {
  const out: FormatToken[] = [];
  const vars = [...field.matchAll(PLACEHOLDER)];
  let at = 0;
  vars.forEach((m, n) => {
    if (m.index > at) out.push(field.slice(at, m.index));
    const last = n === vars.length - 1 && m.index + m[0].length === field.length;
    out.push({ coversSlash: /Path|ObjectName|Key$/i.test(m[1]) || (last && field[m.index - 1] === '/') });
    at = m.index + m[0].length;
  });
  if (at < field.length) out.push(field.slice(at));
  return out;
}

function encodeFormat(format: string): string {
  let out = '';
  for (const t of formatTokens(format)) {
    if (typeof t === 'string') out += t;
    else
      out += t.coversSlash
        ? String.fromCharCode(ONE, STAR)
        : String.fromCharCode(ONE_NO_SLASH, STAR_NO_SLASH);
  }
  return out;
}

const isStar = (c: number) => c === STAR || c === STAR_NO_SLASH;
const isWild = (c: number) => c >= STAR && c <= ONE_NO_SLASH;
const coversSlash = (c: number) => c === STAR || c === ONE;

function canPair(a: number, b: number): boolean {
  const wa = isWild(a);
  const wb = isWild(b);
  if (!wa && !wb) return a === b;
  if (!wa) return a !== SLASH || coversSlash(b);
  if (!wb) return b !== SLASH || coversSlash(a);
  return true;
}

/** Whether some string matches both encoded patterns: a depth-first walk over the product automaton. */
function intersects(a: string, b: string): boolean {
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
    const ai = i < n ? a.charCodeAt(i) : -1;
    const bj = j < m ? b.charCodeAt(j) : -1;
    if (isStar(ai) && !seen[s + w]) {
      seen[s + w] = 1;
      stack.push(s + w);
    }
    if (isStar(bj) && !seen[s + 1]) {
      seen[s + 1] = 1;
      stack.push(s + 1);
    }
    if (ai >= 0 && bj >= 0 && canPair(ai, bj)) {
      const k = (isStar(ai) ? i : i + 1) * w + (isStar(bj) ? j : j + 1);
      if (!seen[k]) {
        seen[k] = 1;
        stack.push(k);
      }
    }
  }
  return false;
}

/** Whether two encoded fields can name a common string; most differ in a leading literal, rejected first. */
function fieldsIntersect(a: string, b: string): boolean {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (isWild(ca) || isWild(cb)) return intersects(a.slice(i), b.slice(i));
    if (ca !== cb) return false;
  }
  return a.length === b.length ? true : intersects(a.slice(len), b.slice(len));
}

type Encoded = [string, string, string, string, string];
const formatCache = new Map<string, Encoded | null>();

function encodeArn(text: string, encode: (s: string) => string): Encoded | null {
  const arn = parseArn(text);
  if (!arn) return null;
  return [arn.partition, arn.service, arn.region, arn.account, arn.resource].map(encode) as Encoded;
}

function encodedFormat(format: string): Encoded | null {
  let f = formatCache.get(format);
  if (f === undefined) {
    f = encodeArn(format, encodeFormat);
    formatCache.set(format, f);
  }
  return f;
}

/** A policy Resource compiled once for many format comparisons; undefined when it is not an ARN. */
export type CompiledResource = Encoded;

export function compileResource(resource: string): CompiledResource | undefined {
  return encodeArn(resource, encodePolicy) ?? undefined;
}

/** Whether a compiled Resource can name a resource of the catalog ARN format, field by field as IAM does. */
export function compiledMatchesFormat(r: CompiledResource, format: string): boolean {
  const f = encodedFormat(format);
  if (!f) return false;
  for (let i = 4; i >= 0; i--) if (!fieldsIntersect(r[i], f[i])) return false;
  return true;
}

/** The same comparison for the resource part alone (after the fifth colon). */
export function resourcePartMatchesFormat(r: CompiledResource, format: string): boolean {
  const f = encodedFormat(format);
  return !!f && fieldsIntersect(r[4], f[4]);
}

/**
 * Whether a policy Resource (with *, ? and ${variables}) can name a resource of the catalog ARN format
 * `arn:${Partition}:s3:::${BucketName}`.
 */
export function resourceMatchesFormat(resource: string, format: string): boolean {
  const r = compileResource(resource);
  return !!r && compiledMatchesFormat(r, format);
}

/** Glob match where `*` and `?` do not cross '/', without building a RegExp (patterns are mostly unique). */
function globNoSlash(p: string, t: string): boolean {
  let pi = 0;
  let ti = 0;
  let starP = -1;
  let starT = 0;
  while (ti < t.length) {
    const pc = p[pi];
    if (pi < p.length && (pc === t[ti] || (pc === '?' && t[ti] !== '/')) && pc !== '*') {
      pi++;
      ti++;
    } else if (pc === '*') {
      starP = pi++;
      starT = ti;
    } else if (starP >= 0 && t[starT] !== '/') {
      pi = starP + 1;
      ti = ++starT;
    } else return false;
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}

/**
 * Whether policy pattern `a` covers everything pattern `b` names, for redundancy findings. It is
 * deliberately conservative: here `*` does not cross '/' (IAM's does), so the usual pair `bucket-*` and
 * the object pattern under it stays unflagged, and a pattern `b` with wildcards is covered only by a trailing `*`.
 */
export function patternCovers(a: string, b: string): boolean {
  if (a === b || a === '*') return true;
  if (!/[*?]/.test(a)) return false;
  if (!globNoSlash(a, b)) return false;
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
