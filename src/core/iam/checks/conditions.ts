import type { ConditionKeyInfo } from '../catalog';
import {
  CONDITION_OPERATORS,
  isMultiValuedKeyType,
  operatorTypesForKeyType,
  type OperatorType,
  type ParsedConditionOperator,
} from '../conditionOperators';
import { OpaqueValue, type PolicyValue } from '../parse';
import { child, closest, isObject, type CheckContext, type StatementView } from './context';

/**
 * Keys of an identity provider: `oidc.eks.us-east-1.amazonaws.com/id/ABC:sub`, `accounts.google.com:aud`,
 * `token.actions.githubusercontent.com:sub`. Their prefix is a host name, which no service prefix is.
 */
export function isProviderKey(key: string): boolean {
  const colon = key.lastIndexOf(':');
  return colon > 0 && /[./]/.test(key.slice(0, colon)) && /^[A-Za-z0-9_.-]+$/.test(key.slice(colon + 1));
}

/** The catalog entry for a key, or a String entry for identity-provider claims the catalog cannot list. */
export function conditionKeyInfo(ctx: CheckContext, key: string): ConditionKeyInfo | undefined {
  const info = ctx.conditionKey(key);
  if (info) return info;
  if (isProviderKey(key))
    return { key, type: key.endsWith(':amr') ? 'ArrayOfString' : 'String', description: '' };
  return undefined;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;
const IPV6 = /^[0-9a-f:]+(?:\/(\d{1,3}))?$/i;
// Hoisted RegExps: a RegExp literal is a new object each time it is evaluated, and these run per value.
const WILD = /[*?]/;
const BOOL_TYPE = /^(ArrayOf)?Bool/;
const ARN_KEY = /arn$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function ipv4(text: string): { octets: number[]; bits: number } | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  return { octets, bits };
}

function isPrivate(o: number[]): boolean {
  return (
    o[0] === 10 ||
    o[0] === 127 ||
    (o[0] === 172 && o[1] >= 16 && o[1] <= 31) ||
    (o[0] === 192 && o[1] === 168)
  );
}

function valueProblem(op: ParsedConditionOperator, v: string | number | boolean): string | undefined {
  const text = String(v);
  if (text.includes('${')) return undefined;
  switch (op.base.type) {
    case 'Numeric':
      return /^-?\d+(\.\d+)?$/.test(text) ? undefined : 'a number';
    case 'Date':
      return ISO_DATE.test(text) || /^\d+$/.test(text)
        ? undefined
        : 'an ISO 8601 date (2026-01-31T00:00:00Z) or epoch seconds';
    case 'Bool':
    case 'Null':
      return /^(true|false)$/i.test(text) ? undefined : '"true" or "false"';
    case 'IpAddress': {
      if (ipv4(text)) return undefined;
      return IPV6.test(text) && text.includes(':')
        ? undefined
        : 'an IP address or CIDR such as 203.0.113.0/24';
    }
    case 'Arn':
      return text === '*' || text.startsWith('arn:')
        ? undefined
        : 'an ARN (or a pattern such as arn:aws:iam::*:role/*)';
    case 'Binary':
      return /^[A-Za-z0-9+/]*={0,2}$/.test(text) ? undefined : 'base64 text';
    default:
      return undefined;
  }
}

/** Service condition keys the statement's actions support (action-level and via their resource types). */
function supportedKeys(ctx: CheckContext, s: StatementView): Set<string> | undefined {
  if (s.actionKey !== 'Action') return undefined;
  const out = new Set<string>();
  for (const v of s.actionValues) {
    if (typeof v !== 'string' || v === '*' || v.includes('${')) return undefined;
    for (const k of keysOfAction(ctx, v)) out.add(k);
  }
  return out;
}

/** The lower-case condition keys an action pattern supports, once per distinct pattern and validation. */
const actionKeys = new WeakMap<CheckContext, Map<string, Set<string>>>();

function keysOfAction(ctx: CheckContext, action: string): Set<string> {
  let byAction = actionKeys.get(ctx);
  if (!byAction) actionKeys.set(ctx, (byAction = new Map()));
  let out = byAction.get(action);
  if (!out) {
    out = new Set<string>();
    for (const a of ctx.matchActions(action)) {
      for (const k of a.conditionKeys) out.add(k.toLowerCase());
      for (const rt of a.resourceTypes) {
        for (const k of rt.conditionKeys) out.add(k.toLowerCase());
        for (const k of ctx.catalog.resourceType(a.service, rt.name)?.conditionKeys ?? [])
          out.add(k.toLowerCase());
      }
    }
    byAction.set(action, out);
  }
  return out;
}

/**
 * supportedKeys(ctx, s)?.has(key) without building the set: undefined when the statement's actions
 * cannot be listed (NotAction, "*", a variable), else whether one of them supports `key` (lower case).
 */
function statementSupports(ctx: CheckContext, s: StatementView, key: string): boolean | undefined {
  if (s.actionKey !== 'Action') return undefined;
  let found = false;
  for (const v of s.actionValues) {
    if (typeof v !== 'string' || v === '*' || v.includes('${')) return undefined;
    if (!found && keysOfAction(ctx, v).has(key)) found = true;
  }
  return found;
}

// operatorTypesForKeyType builds a list per call; key types are a handful of catalog words.
const keyTypeOperators = new Map<string, OperatorType[]>();

function operatorTypesFor(keyType: string): OperatorType[] {
  let fits = keyTypeOperators.get(keyType);
  if (!fits) keyTypeOperators.set(keyType, (fits = operatorTypesForKeyType(keyType)));
  return fits;
}

function suggestOperator(raw: string): string | undefined {
  const m = /^(?:(ForAnyValue|ForAllValues|[^:]*):)?(.*?)(IfExists)?$/i.exec(raw)!;
  const qualifier = m[1] ? closest(m[1], ['ForAnyValue', 'ForAllValues']) : undefined;
  if (m[1] && !qualifier) return undefined;
  const base = closest(m[2], Object.keys(CONDITION_OPERATORS));
  if (!base) return undefined;
  return `${qualifier ? `${qualifier}:` : ''}${base}${m[3] ? 'IfExists' : ''}`;
}

/** The pointer of condition `op`/`key` in statement `s`, or of its value `index` (-1: the lone value). */
function conditionPath(s: StatementView, op: string, key?: string, index = -1): string {
  const opPointer = child(child(s.pointer, 'Condition'), op);
  if (key === undefined) return opPointer;
  return index < 0 ? child(opPointer, key) : child(child(opPointer, key), index);
}

function checkValues(
  ctx: CheckContext,
  op: ParsedConditionOperator,
  key: string,
  value: PolicyValue,
  s: StatementView,
): void {
  const list = Array.isArray(value);
  const n = list ? value.length : 1;
  for (let i = 0; i < n; i++) {
    const v = list ? value[i] : value;
    if (v instanceof OpaqueValue || v === null || typeof v === 'object') continue;
    const problem = valueProblem(op, v);
    if (problem) {
      ctx.report({
        severity: 'error',
        check: 'invalid-condition-value',
        path: conditionPath(s, op.raw, key, list ? i : -1),
        message: `${op.base.name} compares ${problem}; "${String(v)}" is not one, so the condition never matches as intended.`,
      });
      continue;
    }
    const text = String(v);
    if (
      op.base.type === 'String' &&
      !op.base.wildcards &&
      WILD.test(text) &&
      /[*?]/.test(text.replace(/\$\{[^}]*\}/g, ''))
    ) {
      const like = op.base.ignoreCase ? undefined : op.base.name.replace('Equals', 'Like');
      const suggestion = like ? op.raw.replace(op.base.name, like) : undefined;
      ctx.report({
        severity: 'warning',
        check: 'wildcard-without-like-operator',
        path: conditionPath(s, op.raw, key, list ? i : -1),
        message: `${op.base.name} compares literally, so "${text}" matches only a value with that ${text.includes('*') ? '*' : '?'} in it.${suggestion ? ` Use ${suggestion} for a pattern.` : ' Use StringLike for a pattern.'}`,
        ...(suggestion ? { data: { suggestion } } : {}),
      });
    }
    if (op.base.type === 'IpAddress') {
      const ip = ipv4(text);
      if (!ip) continue;
      if (key.toLowerCase() === 'aws:sourceip' && isPrivate(ip.octets)) {
        ctx.report({
          severity: 'warning',
          check: 'private-ip-address',
          path: conditionPath(s, op.raw, key, list ? i : -1),
          message: `${text} is a private address, but aws:SourceIp holds the public address a request comes from; it never matches traffic through a VPC endpoint. Use aws:VpcSourceIp (with aws:SourceVpc) for private addresses.`,
          data: { suggestion: 'aws:VpcSourceIp' },
        });
      }
      const mask = ip.bits === 0 ? 0 : (0xffffffff << (32 - ip.bits)) >>> 0;
      const addr = ((ip.octets[0] << 24) | (ip.octets[1] << 16) | (ip.octets[2] << 8) | ip.octets[3]) >>> 0;
      const network = (addr & mask) >>> 0;
      if (network !== addr) {
        const fixed = `${[24, 16, 8, 0].map((sh) => (network >>> sh) & 255).join('.')}/${ip.bits}`;
        ctx.report({
          severity: 'suggestion',
          check: 'improve-ip-range',
          path: conditionPath(s, op.raw, key, list ? i : -1),
          message: `${text} has host bits set; the range it means is ${fixed}. Write that to make the intent plain.`,
          data: { suggestion: fixed },
        });
      }
    }
  }
}

function checkStatement(ctx: CheckContext, s: StatementView): void {
  const cond = s.condition!;
  // for-in, not Object.keys: the same own keys in the same order for a parsed document, without an array.
  for (const rawOp in cond) {
    const block = cond[rawOp];
    const op = ctx.conditionOperator(rawOp);
    if (!op) {
      const fix = suggestOperator(rawOp);
      ctx.report({
        severity: 'error',
        check: 'invalid-condition-operator',
        path: conditionPath(s, rawOp),
        part: 'key',
        message: `"${rawOp}" is not a condition operator.${fix ? ` Did you mean "${fix}"?` : ' Use one such as StringEquals, ArnLike, IpAddress or Bool.'}`,
        ...(fix ? { data: { suggestion: fix } } : {}),
      });
      continue;
    }
    if (op.base.name === 'Null' && op.ifExists) {
      ctx.report({
        severity: 'error',
        check: 'null-with-ifexists',
        path: conditionPath(s, rawOp),
        part: 'key',
        message: `${rawOp} is not valid: Null already tests whether the key exists. Use "Null".`,
        data: { suggestion: rawOp.replace(/IfExists$/i, '') },
      });
    }
    if (!isObject(block)) continue;
    for (const key in block) {
      const value = block[key];
      if (key.includes('${')) continue; // variables.ts reports it
      const info = conditionKeyInfo(ctx, key);
      if (!info) {
        const candidates = supportedKeys(ctx, s) ?? new Set<string>();
        const fix = closest(key, candidates);
        ctx.report({
          severity: 'error',
          check: 'unknown-condition-key',
          path: conditionPath(s, rawOp, key),
          part: 'key',
          message: `"${key}" is not a condition key (catalog ${ctx.catalog.dataVersion}), so this condition never matches.${fix ? ` Did you mean "${fix}"?` : ' Check the key in the Service Authorization Reference.'}`,
          ...(fix ? { data: { suggestion: fix } } : {}),
        });
      } else {
        const prefix = ctx.lowerCase(key.slice(0, key.indexOf(':')));
        if (prefix !== 'aws' && !isProviderKey(key) && ctx.catalog.service(prefix)) {
          if (statementSupports(ctx, s, ctx.lowerCase(info.key)) === false) {
            ctx.report({
              severity: 'warning',
              check: 'condition-key-not-applicable',
              path: conditionPath(s, rawOp, key),
              part: 'key',
              message: `None of this statement's actions supports "${key}", so the request never carries it and the condition ${op.ifExists ? 'is skipped' : 'never matches'}. Remove it or move it to the statement whose actions support it.`,
            });
          }
        }
        if (op.base.type !== 'Null') {
          const fits = operatorTypesFor(info.type);
          const ok =
            fits.includes(op.base.type) ||
            (op.base.type === 'String' && BOOL_TYPE.test(info.type)) ||
            (op.base.type === 'Arn' && ARN_KEY.test(key));
          if (!ok) {
            ctx.report({
              severity: 'error',
              check: 'condition-type-mismatch',
              path: conditionPath(s, rawOp, key),
              part: 'key',
              message: `"${key}" holds ${info.type} values, which ${op.base.name} cannot compare. Use a ${fits[0]} operator such as ${Object.values(CONDITION_OPERATORS).find((o) => o.type === fits[0])!.name}.`,
            });
          }
        }
        if (op.qualifier && !isMultiValuedKeyType(info.type)) {
          ctx.report({
            severity: 'warning',
            check: 'forallvalues-single-valued-key',
            path: conditionPath(s, rawOp),
            part: 'key',
            message:
              op.qualifier === 'ForAllValues'
                ? `"${key}" is single-valued; ForAllValues is also true when the key is absent, which makes an Allow too broad. Drop "ForAllValues:".`
                : `"${key}" is single-valued; ForAnyValue is meant for multi-valued keys. Drop "ForAnyValue:".`,
            data: { suggestion: rawOp.slice(rawOp.indexOf(':') + 1) },
          });
        }
      }
      checkValues(ctx, op, key, value, s);
    }
  }
}

/** Operators, keys, value types and the classic condition mistakes. */
export function checkConditions(ctx: CheckContext): void {
  for (const s of ctx.statements) if (s.condition) checkStatement(ctx, s);
}
