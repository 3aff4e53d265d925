import { matchesResource, matchesString, type PatternPart } from '../wildcard';
import type { RequestContext } from './context';
import {
  parseConditionOperator,
  type ConditionOperatorInfo,
  type OperatorType,
  type ParsedConditionOperator,
} from '../conditionOperators';
import { parseCidr, parseIp, cidrContains } from './ipAddress';
import { resolveVariables, resolvedText } from './variables';

/**
 * How one `operator: { key: values }` pair is decided against a request. The operator table (types,
 * negation, wildcards) is shared with the validator in ../conditionOperators. IAM's rules, in one place:
 * - several policy values for a key are ORed; for a negated operator they are NORed;
 * - a key the request lacks makes a positive operator false and a negated one true, except `...IfExists`
 *   (true when absent) and `Null` (tests presence);
 * - `ForAllValues:` is true when every request value matches (and when the key is absent or empty);
 *   `ForAnyValue:` when at least one does (false when absent or empty); with a negated operator "matches"
 *   means "matches none of the policy values";
 * - without a set operator a list-valued key behaves like `ForAnyValue:` for positive operators and as
 *   "no request value matches" for negated ones.
 */

interface ValueTest {
  /** Builds the test for one policy value, or returns the reason the value is unusable. */
  (parts: readonly PatternPart[]): ((requestValue: string) => boolean) | string;
}

export interface KeyOutcome {
  ok: boolean;
  /** Why it held or failed, naming the operator and key: for explanations. */
  detail: string;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function parseNumber(s: string): number | undefined {
  return NUMBER.test(s.trim()) ? Number(s) : undefined;
}

/** ISO 8601 date/time or epoch seconds, as milliseconds. */
function parseDate(s: string): number | undefined {
  const t = s.trim();
  if (NUMBER.test(t)) return Number(t) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

function parseBase64(s: string): Buffer | undefined {
  const t = s.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 === 1) return undefined;
  return Buffer.from(t, 'base64');
}

function ordered(
  parse: (s: string) => number | undefined,
  what: string,
  cmp: (request: number, policy: number) => boolean,
): ValueTest {
  return (parts) => {
    const policy = parse(resolvedText(parts));
    if (policy === undefined) return `policy value "${resolvedText(parts)}" is not a ${what}`;
    return (rv) => {
      const request = parse(rv);
      return request !== undefined && cmp(request, policy);
    };
  };
}

const stringEquals: ValueTest = (parts) => {
  const text = resolvedText(parts);
  return (rv) => rv === text;
};
const stringEqualsIgnoreCase: ValueTest = (parts) => {
  const text = resolvedText(parts).toLowerCase();
  return (rv) => rv.toLowerCase() === text;
};
const stringLike: ValueTest = (parts) => (rv) => matchesString(parts, rv);
const arnLike: ValueTest = (parts) => (rv) => rv.startsWith('arn:') && matchesResource(parts, rv);
const numeric = (cmp: (r: number, p: number) => boolean) => ordered(parseNumber, 'number', cmp);
const date = (cmp: (r: number, p: number) => boolean) =>
  ordered(parseDate, 'date (ISO 8601 or epoch seconds)', cmp);

const bool: ValueTest = (parts) => {
  const text = resolvedText(parts).toLowerCase();
  if (text !== 'true' && text !== 'false')
    return `policy value "${resolvedText(parts)}" is not true or false`;
  return (rv) => rv.toLowerCase() === text;
};
const binary: ValueTest = (parts) => {
  const policy = parseBase64(resolvedText(parts));
  if (!policy) return `policy value "${resolvedText(parts)}" is not base64`;
  return (rv) => {
    const request = parseBase64(rv);
    return request !== undefined && request.equals(policy);
  };
};
const ipAddress: ValueTest = (parts) => {
  const range = parseCidr(resolvedText(parts));
  if (!range) return `policy value "${resolvedText(parts)}" is not an IPv4 or IPv6 address or CIDR range`;
  return (rv) => {
    const ip = parseIp(rv.split('/')[0]);
    return ip !== undefined && cidrContains(range, ip);
  };
};

const ORDER: Record<ConditionOperatorInfo['compare'], (r: number, p: number) => boolean> = {
  eq: (r, p) => r === p,
  lt: (r, p) => r < p,
  lte: (r, p) => r <= p,
  gt: (r, p) => r > p,
  gte: (r, p) => r >= p,
  like: (r, p) => r === p,
};

/** How one policy value of an operator is compared with request values (the table says which applies). */
function valueTest(info: ConditionOperatorInfo): ValueTest {
  switch (info.type) {
    case 'String':
      return info.wildcards ? stringLike : info.ignoreCase ? stringEqualsIgnoreCase : stringEquals;
    case 'Arn':
      return arnLike;
    case 'Numeric':
      return numeric(ORDER[info.compare]);
    case 'Date':
      return date(ORDER[info.compare]);
    case 'Bool':
      return bool;
    case 'Binary':
      return binary;
    case 'IpAddress':
      return ipAddress;
    case 'Null':
      return () => () => false; // decided on presence, see evaluateKey
  }
}

/** Policy variables are substituted only in these types' values (IAM documents the rest as unsupported). */
const VARIABLE_TYPES: ReadonlySet<OperatorType> = new Set(['String', 'Arn', 'Bool']);

/** Parses `ForAllValues:StringLikeIfExists` and friends; undefined for an operator IAM rejects. */
export function parseOperator(name: string): ParsedConditionOperator | undefined {
  const op = parseConditionOperator(name);
  // Null takes neither a set operator nor IfExists.
  if (op && op.base.type === 'Null' && (op.qualifier || op.ifExists)) return undefined;
  return op;
}

function quoteList(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/** Decides one `operator: { key: values }` pair against the request. */
export function evaluateKey(
  op: ParsedConditionOperator,
  key: string,
  rawValues: unknown,
  context: RequestContext,
  variables: boolean,
): KeyOutcome {
  const label = `${op.raw} ${key}`;
  const list = Array.isArray(rawValues) ? rawValues : [rawValues];
  if (list.some((v) => typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) {
    return { ok: false, detail: `${label}: condition values must be strings, numbers or booleans` };
  }
  const policyValues = list.map(String);
  const request = context.get(key);
  const absent = request === undefined || request.length === 0;

  if (op.base.type === 'Null') {
    for (const v of policyValues) {
      const want = v.toLowerCase();
      if (want !== 'true' && want !== 'false') {
        return { ok: false, detail: `${label}: Null takes "true" or "false", not ${JSON.stringify(v)}` };
      }
      if ((want === 'true') === absent) {
        return { ok: true, detail: `${label}: the key is ${absent ? 'absent' : 'present'}` };
      }
    }
    return { ok: false, detail: `${label}: the key is ${absent ? 'absent' : 'present'} in the request` };
  }

  if (absent) {
    const missing = `the request has no ${key}`;
    if (op.ifExists) return { ok: true, detail: `${label}: ${missing}, so IfExists holds` };
    if (op.qualifier === 'ForAllValues')
      return { ok: true, detail: `${label}: ${missing}; ForAllValues holds` };
    if (op.qualifier === 'ForAnyValue') return { ok: false, detail: `${label}: ${missing}` };
    return op.base.negated
      ? { ok: true, detail: `${label}: ${missing}, so the negated operator holds` }
      : { ok: false, detail: `${label}: ${missing}` };
  }

  const tests: Array<(rv: string) => boolean> = [];
  const substitute = variables && VARIABLE_TYPES.has(op.base.type);
  const prepare = valueTest(op.base);
  for (const v of policyValues) {
    const resolved = resolveVariables(v, context, substitute);
    if (resolved.unresolved !== undefined) return { ok: false, detail: `${label}: ${resolved.unresolved}` };
    const test = prepare(resolved.parts);
    if (typeof test === 'string') return { ok: false, detail: `${label}: ${test}` };
    tests.push(test);
  }
  const matches = (rv: string) => tests.some((t) => t(rv));
  // For a negated operator a request value "passes" when it matches none of the policy values.
  const passes = op.base.negated ? (rv: string) => !matches(rv) : matches;

  const against = quoteList(policyValues);
  if (op.qualifier === 'ForAllValues') {
    const failing = request.find((rv) => !passes(rv));
    return failing === undefined
      ? {
          ok: true,
          detail: `${label}: every request value in [${quoteList(request)}] passes against ${against}`,
        }
      : { ok: false, detail: `${label}: request value ${JSON.stringify(failing)} fails against ${against}` };
  }
  if (op.qualifier === 'ForAnyValue') {
    const passing = request.find(passes);
    return passing !== undefined
      ? { ok: true, detail: `${label}: request value ${JSON.stringify(passing)} passes against ${against}` }
      : {
          ok: false,
          detail: `${label}: no request value in [${quoteList(request)}] passes against ${against}`,
        };
  }
  const shown =
    request.length === 1 ? `request value ${quoteList(request)}` : `request values [${quoteList(request)}]`;
  if (op.base.negated) {
    const ok = request.every(passes);
    return { ok, detail: `${label}: ${shown} ${ok ? 'matches none of' : 'matches one of'} ${against}` };
  }
  const ok = request.some(passes);
  return { ok, detail: `${label}: ${shown} ${ok ? 'matches' : 'matches none of'} ${against}` };
}
