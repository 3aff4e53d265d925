/**
 * IAM glob matching, shared by the evaluator, the expander, the diff and the validator.
 *
 * - Actions: `*` and `?`, case-insensitive (`S3:get*` matches `s3:GetObject`).
 * - Strings (StringLike): `*` and `?`, case-sensitive, spanning every character.
 * - ARNs (Resource, ArnLike): case-sensitive and segment-aware. In the five colon-delimited segments before
 *   the resource part a wildcard stays inside its segment, except a `*` that ends the whole pattern, which
 *   reaches across the remaining colons (`arn:aws:s3:*` covers every S3 ARN). In the resource part
 *   (after the fifth colon) `*` and `?` match any character, `/` and `:` included.
 *
 * A pattern is either policy text or a list of parts: parts marked `literal` come from substituted policy
 * variables (or `${*}`) and match character for character, so a user name holding `*` grants nothing extra.
 */

export interface PatternPart {
  text: string;
  /** true: match the text character for character; false: `*` and `?` are wildcards. */
  literal: boolean;
}

export type Pattern = string | readonly PatternPart[];

/** How a pattern is read: see the module comment. */
export type PatternKind = 'action' | 'string' | 'resource';

// Tokens: a one-character string is that literal character; the numbers are wildcards.
const STAR_ANY = 0; // `*` over any characters
const STAR_SEG = 1; // `*` inside one ARN segment (no colon)
const ONE_ANY = 2; // `?` over any character
const ONE_SEG = 3; // `?` inside one ARN segment
type Token = string | number;

const ARN_PREFIX_SEGMENTS = 5;

function partsOf(pattern: Pattern): readonly PatternPart[] {
  return typeof pattern === 'string' ? [{ text: pattern, literal: false }] : pattern;
}

function patternText(pattern: Pattern): string {
  return typeof pattern === 'string' ? pattern : pattern.map((p) => p.text).join('');
}

function tokenize(pattern: Pattern, kind: PatternKind): Token[] {
  const parts = partsOf(pattern);
  const fold = kind === 'action';
  const arn = kind === 'resource' && patternText(pattern).startsWith('arn:');
  const tokens: Token[] = [];
  let colons = 0;
  for (const part of parts) {
    for (const raw of part.text) {
      const c = fold ? raw.toLowerCase() : raw;
      const inPrefix = arn && colons < ARN_PREFIX_SEGMENTS;
      if (!part.literal && c === '*') tokens.push(inPrefix ? STAR_SEG : STAR_ANY);
      else if (!part.literal && c === '?') tokens.push(inPrefix ? ONE_SEG : ONE_ANY);
      else {
        tokens.push(c);
        if (c === ':') colons++;
      }
    }
  }
  // A trailing `*` in the ARN prefix reaches across the colons that follow (documented IAM behaviour).
  if (tokens.length > 0 && tokens[tokens.length - 1] === STAR_SEG) tokens[tokens.length - 1] = STAR_ANY;
  return tokens;
}

function escapeRegExp(c: string): string {
  return c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function toRegExp(tokens: Token[], kind: PatternKind): RegExp {
  let source = '';
  for (const t of tokens) {
    if (t === STAR_ANY) source += '[\\s\\S]*';
    else if (t === STAR_SEG) source += '[^:]*';
    else if (t === ONE_ANY) source += '[\\s\\S]';
    else if (t === ONE_SEG) source += '[^:]';
    else source += escapeRegExp(t as string);
  }
  return new RegExp(`^${source}$`, kind === 'action' ? 'i' : '');
}

// Policies repeat the same patterns across statements and requests; compiled forms are cached by text.
const CACHE_LIMIT = 20_000;
const regexCache = new Map<string, RegExp>();

function compiled(pattern: Pattern, kind: PatternKind): RegExp {
  const key = typeof pattern === 'string' ? `${kind}\u0000${pattern}` : undefined;
  const hit = key === undefined ? undefined : regexCache.get(key);
  if (hit) return hit;
  const re = toRegExp(tokenize(pattern, kind), kind);
  if (key !== undefined) {
    if (regexCache.size >= CACHE_LIMIT) regexCache.clear();
    regexCache.set(key, re);
  }
  return re;
}

/** True when `pattern` holds an unescaped `*` or `?`. */
export function hasWildcard(pattern: Pattern): boolean {
  return partsOf(pattern).some((p) => !p.literal && /[*?]/.test(p.text));
}

/** Does `value` match `pattern` read as `kind`? */
export function matchesPattern(pattern: Pattern, value: string, kind: PatternKind): boolean {
  if (typeof pattern === 'string' && pattern === '*') return true;
  return compiled(pattern, kind).test(value);
}

/** IAM action matching: `s3:Get*` matches `S3:GetObject`. `*` alone matches every action. */
export function matchesAction(pattern: string, action: string): boolean {
  return matchesPattern(pattern, action, 'action');
}

/** Resource / ArnLike matching: segment-aware for ARN patterns, plain glob otherwise. */
export function matchesResource(pattern: Pattern, resource: string): boolean {
  return matchesPattern(pattern, resource, 'resource');
}

/** StringLike matching: case-sensitive glob. */
export function matchesString(pattern: Pattern, value: string): boolean {
  return matchesPattern(pattern, value, 'string');
}

function isStar(t: Token): boolean {
  return t === STAR_ANY || t === STAR_SEG;
}

/** Can wildcard `w` (a star or a `?`) stand for the single token `t` of another pattern? */
function absorbs(w: Token, t: Token): boolean {
  if (w === STAR_ANY || w === ONE_ANY) return true;
  // Segment-bound wildcards never produce a colon.
  if (typeof t === 'string') return t !== ':';
  return t === STAR_SEG || t === ONE_SEG;
}

/**
 * Does every value matched by `inner` also match `outer`? Sound (a `true` is a proof); complete for the
 * `*`/`?` language. `arn:aws:s3:::b/*` covers `arn:aws:s3:::b/logs/*`; `arn:aws:s3:::b/*` does not cover
 * `arn:aws:s3:::b`.
 */
export function patternCovers(outer: Pattern, inner: Pattern, kind: PatternKind): boolean {
  if (outer === '*') return true;
  const a = tokenize(outer, kind);
  const b = tokenize(inner, kind);
  const n = a.length;
  const m = b.length;
  // can[i][j]: a[i..] covers b[j..]. Filled from the end.
  let next = new Array<boolean>(m + 1).fill(false);
  next[m] = true; // row i = n
  for (let i = n - 1; i >= 0; i--) {
    const row = new Array<boolean>(m + 1).fill(false);
    const t = a[i];
    for (let j = m; j >= 0; j--) {
      if (isStar(t)) {
        // Skip the star, or let it absorb inner token j (which may itself be a wildcard).
        row[j] = next[j] || (j < m && absorbs(t, b[j]) && row[j + 1]);
      } else if (t === ONE_ANY || t === ONE_SEG) {
        row[j] = j < m && !isStar(b[j]) && absorbs(t, b[j]) && next[j + 1];
      } else {
        row[j] = j < m && b[j] === t && next[j + 1];
      }
    }
    next = row;
  }
  return next[0];
}

function singleCompatible(x: Token, y: Token): boolean {
  if (typeof x === 'string' && typeof y === 'string') return x === y;
  if (typeof x === 'string') return absorbs(y, x);
  if (typeof y === 'string') return absorbs(x, y);
  return true; // two `?`: they agree on a non-colon character
}

/** Could some value match both patterns? Exact for the `*`/`?` language. */
export function patternsOverlap(a: Pattern, b: Pattern, kind: PatternKind): boolean {
  if (a === '*' || b === '*') return true;
  const x = tokenize(a, kind);
  const y = tokenize(b, kind);
  const n = x.length;
  const m = y.length;
  // ok[i][j]: x[i..] and y[j..] share a value. Filled from the end.
  const ok: boolean[][] = Array.from({ length: n + 1 }, () => new Array<boolean>(m + 1).fill(false));
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      if (i === n && j === m) {
        ok[i][j] = true;
        continue;
      }
      const xi = i < n ? x[i] : undefined;
      const yj = j < m ? y[j] : undefined;
      let v = false;
      if (xi !== undefined && isStar(xi)) {
        v = ok[i + 1][j] || (yj !== undefined && !isStar(yj) && absorbs(xi, yj) && ok[i][j + 1]);
      }
      if (!v && yj !== undefined && isStar(yj)) {
        v = ok[i][j + 1] || (xi !== undefined && !isStar(xi) && absorbs(yj, xi) && ok[i + 1][j]);
      }
      if (!v && xi !== undefined && yj !== undefined && !isStar(xi) && !isStar(yj)) {
        v = singleCompatible(xi, yj) && ok[i + 1][j + 1];
      }
      ok[i][j] = v;
    }
  }
  return ok[0][0];
}
