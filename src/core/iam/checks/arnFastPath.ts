import { formatTokens, parseArn, type ParsedArn } from '../arn';

/**
 * A fast path for arn.ts's format matching, which encodes each policy ARN and walks a product automaton
 * per format: too slow for a policy with thousands of distinct ARNs. Nearly every real ARN field is
 * either literal (`123456789012`) or literal text then one `*` (`data/team-1/*`, `*`). Such a field
 * meets a catalog format field exactly when the text matches it (literal) or can be extended into a
 * match (prefix), which RegExps compiled once per format answer. Any other field (`?`, a `*` inside,
 * `${...}`) makes isFastArn false and the caller uses arn.ts.
 *
 * The expressions read catalog placeholders with arn.ts's formatTokens, the one rule for which may span
 * '/'. test/unit/core/iam/checks/arnFastPath.test.ts compares the two matchers on every format.
 */

/** Whether arn.ts reads `field` as literal text, or literal text and then one trailing `*`. */
export function isFastField(field: string): boolean {
  const last = field.length - 1;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    // '*' except at the end, '?', '${', and the private-use characters arn.ts encodes wildcards with.
    if (
      (c === 42 && i !== last) ||
      c === 63 ||
      (c === 36 && field.charCodeAt(i + 1) === 123) ||
      (c >= 0xe000 && c <= 0xe003)
    ) {
      return false;
    }
  }
  return true;
}

/** A catalog format field as literal runs and placeholders (each one or more of its class). */
type Token = string | { cls: string };

/**
 * Whether a policy field can meet the format field: `full` for a literal field, `prefix` for one ending
 * in `*` (some string of the format field starts with the text before the `*`). Both take the policy
 * field as written, so nothing is sliced per ARN.
 */
interface FieldTest {
  full: (field: string) => boolean;
  prefix: (field: string) => boolean;
}

/** Whether `text` starts with `field` minus its final character (the `*`). */
function startsWithHead(text: string, field: string): boolean {
  const n = field.length - 1;
  if (n > text.length) return false;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) !== field.charCodeAt(i)) return false;
  return true;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function tokens(field: string): Token[] {
  return formatTokens(field).map((t) =>
    typeof t === 'string' ? t : { cls: t.coversSlash ? '[\\s\\S]' : '[^/]' },
  );
}

function fieldTest(field: string): FieldTest {
  const ts = tokens(field);
  // The usual fields, `${Partition}`, `${Region}`, `${Account}`, `s3`, '' and `${BucketName}`, need no RegExp.
  if (ts.length === 0) return { full: (v) => v === '', prefix: (v) => v.length === 1 };
  if (ts.length === 1) {
    const t = ts[0];
    if (typeof t === 'string') return { full: (v) => v === t, prefix: (v) => startsWithHead(t, v) };
    if (t.cls === '[^/]')
      return { full: (v) => v.length > 0 && !v.includes('/'), prefix: (v) => !v.includes('/') };
    return { full: (v) => v.length > 0, prefix: () => true };
  }
  const full = ts.map((t) => (typeof t === 'string' ? escapeRegExp(t) : `${t.cls}+`)).join('');
  // Prefixes of t1 t2 … tn: nothing, or part of t1, or all of t1 and a prefix of t2 … tn.
  let prefix = '';
  for (let i = ts.length - 1; i >= 0; i--) {
    const t = ts[i];
    if (typeof t === 'string') {
      for (let j = t.length - 1; j >= 0; j--) prefix = `(?:${escapeRegExp(t[j])}${prefix})?`;
    } else {
      prefix = `(?:${t.cls}+${prefix})?`;
    }
  }
  const fullRe = new RegExp(`^${full}$`);
  const prefixRe = new RegExp(`^${prefix}\\*$`);
  return { full: (v) => fullRe.test(v), prefix: (v) => prefixRe.test(v) };
}

/** A catalog ARN format, read once, that fast ARNs (see isFastArn) are matched against. */
export class FastFormat {
  private constructor(private readonly fields: readonly FieldTest[] | undefined) {}

  // Keyed by catalog ARN formats, so bounded by the catalog.
  private static readonly cache = new Map<string, FastFormat>();

  static of(format: string): FastFormat {
    let f = FastFormat.cache.get(format);
    if (!f) {
      const arn = parseArn(format);
      f = new FastFormat(
        arn && [arn.partition, arn.service, arn.region, arn.account, arn.resource].map(fieldTest),
      );
      FastFormat.cache.set(format, f);
    }
    return f;
  }

  /** arn.ts resourcePartMatchesFormat for a fast ARN: the resource parts can name a common resource. */
  resourcePartMatches(arn: ParsedArn): boolean {
    const t = this.fields;
    return !!t && meets(arn.resource, t[4]);
  }

  /** arn.ts compiledMatchesFormat for a fast ARN: every field can name a common string. */
  matches(arn: ParsedArn): boolean {
    const t = this.fields;
    return (
      !!t &&
      meets(arn.resource, t[4]) &&
      meets(arn.account, t[3]) &&
      meets(arn.region, t[2]) &&
      meets(arn.service, t[1]) &&
      meets(arn.partition, t[0])
    );
  }
}

function meets(field: string, t: FieldTest): boolean {
  return field.charCodeAt(field.length - 1) === 42 ? t.prefix(field) : t.full(field);
}

/** Whether every field of `arn` is literal or ends in its only `*`: FastFormat then applies. */
export function isFastArn(arn: ParsedArn): boolean {
  return (
    isFastField(arn.resource) &&
    isFastField(arn.account) &&
    isFastField(arn.region) &&
    isFastField(arn.service) &&
    isFastField(arn.partition)
  );
}
