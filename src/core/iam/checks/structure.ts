import { DOCUMENT_ELEMENTS, STATEMENT_ELEMENTS } from '../elements';
import { OpaqueValue, type PolicyObject, type PolicyValue } from '../parse';
import { child, closest, entries, isObject, type CheckContext } from './context';

const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
const VERSIONS = ['2012-10-17', '2008-10-17'];
// Hoisted: a RegExp literal is a new object each time it is evaluated, and this runs per statement.
const SID = /^[A-Za-z0-9]*$/;
/** Each element, its Not form, and the check for a statement that has neither. */
const PAIRS: ReadonlyArray<[string, string, string]> = [
  ['Action', 'NotAction', 'missing-action'],
  ['Resource', 'NotResource', 'missing-resource'],
  ['Principal', 'NotPrincipal', 'missing-principal'],
];

const ACCOUNT = /^\d{12}$/;
const AWS_PRINCIPAL_ARN =
  /^arn:aws[a-z-]*:(iam::\d{12}:(root|user\/.+|role\/.+|federated-user\/.+)|sts::\d{12}:(assumed-role\/[^/]+\/.+|federated-user\/.+))$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;
const FEDERATED_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(oidc-provider|saml-provider)\/.+$/;
const FEDERATED_DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const CANONICAL_USER = /^[0-9a-f]{64}$/;

function typeName(v: PolicyValue): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** Reports a member whose key is not allowed here, suggesting the canonical spelling when it is a case slip. */
function checkKeys(
  ctx: CheckContext,
  pointer: string,
  value: PolicyObject,
  allowed: readonly string[],
  where: string,
): void {
  // for-in, not Object.keys: the same own keys in the same order for a parsed document, without an array.
  for (const key in value) {
    if (allowed.includes(key)) continue;
    const fix = allowed.find((a) => a.toLowerCase() === key.toLowerCase()) ?? closest(key, allowed);
    ctx.report({
      severity: 'error',
      check: 'invalid-policy-element',
      path: child(pointer, key),
      part: 'key',
      message: fix
        ? `"${key}" is not a valid ${where} element. Rename it to "${fix}" (element names are case-sensitive).`
        : `"${key}" is not a valid ${where} element. Remove it; ${where} elements are ${allowed.join(', ')}.`,
      ...(fix ? { data: { suggestion: fix } } : {}),
    });
  }
}

/** Checks that the element `key` of `parent` is a string or a non-empty list of strings; opaque values pass. */
function checkStringList(
  ctx: CheckContext,
  value: PolicyValue,
  parent: string,
  key: string,
  missingCheck: string,
): void {
  if (value instanceof OpaqueValue || typeof value === 'string') return;
  if (!Array.isArray(value)) {
    ctx.report({
      severity: 'error',
      check: 'data-type-mismatch',
      path: child(parent, key),
      message: `${key} must be a string or an array of strings, not ${typeName(value)}.`,
    });
    return;
  }
  if (value.length === 0) {
    ctx.report({
      severity: 'error',
      check: missingCheck,
      path: child(parent, key),
      message: `${key} is an empty list, so the statement matches nothing. Add at least one value.`,
    });
  }
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== 'string' && !(v instanceof OpaqueValue)) {
      ctx.report({
        severity: 'error',
        check: 'data-type-mismatch',
        path: child(child(parent, key), i),
        message: `Each ${key} value must be a string, not ${typeName(v)}. Quote it.`,
      });
    }
  }
}

/** checkStringList for a principal list, whose name ("Principal.AWS") is not its pointer segment. */
function checkPrincipalList(ctx: CheckContext, value: PolicyValue, pointer: string, name: string): void {
  if (value instanceof OpaqueValue || typeof value === 'string') return;
  if (!Array.isArray(value)) {
    ctx.report({
      severity: 'error',
      check: 'data-type-mismatch',
      path: pointer,
      message: `${name} must be a string or an array of strings, not ${typeName(value)}.`,
    });
    return;
  }
  if (value.length === 0) {
    ctx.report({
      severity: 'error',
      check: 'missing-principal',
      path: pointer,
      message: `${name} is an empty list, so the statement matches nothing. Add at least one value.`,
    });
  }
  value.forEach((v, i) => {
    if (typeof v !== 'string' && !(v instanceof OpaqueValue)) {
      ctx.report({
        severity: 'error',
        check: 'data-type-mismatch',
        path: child(pointer, i),
        message: `Each ${name} value must be a string, not ${typeName(v)}. Quote it.`,
      });
    }
  });
}

function principalProblem(type: string, value: string): string | undefined {
  if (value === '*')
    return type === 'AWS' ? undefined : `"*" is only valid as an AWS principal or as the whole Principal.`;
  switch (type) {
    case 'AWS':
      if (ACCOUNT.test(value) || AWS_PRINCIPAL_ARN.test(value)) {
        return /[*?]/.test(value)
          ? 'Wildcards are not allowed inside a principal ARN; use "*" with an aws:PrincipalArn condition.'
          : undefined;
      }
      if (/^arn:[^:]*:iam::\d{12}:group\//.test(value))
        return 'IAM groups cannot be principals; name the users or a role.';
      return 'Use a 12-digit account ID or the ARN of an account root, user, role, assumed-role session or federated user.';
    case 'Service':
      return SERVICE_PRINCIPAL.test(value)
        ? undefined
        : 'A service principal looks like "ec2.amazonaws.com" (lower case, ending in .amazonaws.com).';
    case 'Federated':
      return FEDERATED_ARN.test(value) || (FEDERATED_DOMAIN.test(value) && !value.startsWith('arn:'))
        ? undefined
        : 'Use the ARN of an IAM OIDC or SAML provider, or an identity provider domain such as cognito-identity.amazonaws.com.';
    case 'CanonicalUser':
      return CANONICAL_USER.test(value) ? undefined : 'A canonical user ID is 64 hexadecimal characters.';
  }
  return undefined;
}

function checkPrincipal(ctx: CheckContext, value: PolicyValue, pointer: string, key: string): void {
  if (value instanceof OpaqueValue || value === '*') return;
  if (typeof value === 'string') {
    ctx.report({
      severity: 'error',
      check: 'invalid-principal',
      path: pointer,
      message: `${key} must be "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}.`,
    });
    return;
  }
  if (!isObject(value)) {
    ctx.report({
      severity: 'error',
      check: 'data-type-mismatch',
      path: pointer,
      message: `${key} must be "*" or an object keyed by AWS, Service, Federated or CanonicalUser, not ${typeName(value)}.`,
    });
    return;
  }
  for (const [type, v] of Object.entries(value)) {
    const p = child(pointer, type);
    const canonical = PRINCIPAL_TYPES.find((t) => t.toLowerCase() === type.toLowerCase());
    if (!PRINCIPAL_TYPES.includes(type) || (type === 'CanonicalUser' && ctx.kind === 'trust')) {
      ctx.report({
        severity: 'error',
        check: 'unsupported-principal',
        path: p,
        part: 'key',
        message:
          type === 'CanonicalUser'
            ? 'Role trust policies do not accept CanonicalUser principals (they are for S3 policies); use an AWS principal.'
            : canonical
              ? `Principal type "${type}" must be spelled "${canonical}".`
              : `"${type}" is not a principal type. Use AWS, Service, Federated or CanonicalUser.`,
        ...(canonical && canonical !== type ? { data: { suggestion: canonical } } : {}),
      });
      continue;
    }
    checkPrincipalList(ctx, v, p, `${key}.${type}`);
    for (const e of entries(v, p)) {
      if (typeof e.value !== 'string') continue;
      const problem = principalProblem(type, e.value);
      if (problem) {
        ctx.report({
          severity: 'error',
          check: 'invalid-principal',
          path: e.pointer,
          message: `"${e.value}" is not a valid ${type} principal. ${problem}`,
        });
      }
    }
  }
}

const CONDITION_VALUE_TYPES = new Set(['string', 'number', 'boolean']);

/** A condition value is a scalar; `index` is its place in a list, or -1 for a lone value. */
function checkConditionValue(
  ctx: CheckContext,
  v: PolicyValue,
  parent: string,
  op: string,
  key: string,
  index: number,
): void {
  if (CONDITION_VALUE_TYPES.has(typeof v) || v instanceof OpaqueValue) return;
  const keyPointer = child(child(child(parent, 'Condition'), op), key);
  ctx.report({
    severity: 'error',
    check: 'data-type-mismatch',
    path: index < 0 ? keyPointer : child(keyPointer, index),
    message: `A condition value must be a string, number or boolean (or a list of them), not ${typeName(v)}.`,
  });
}

function checkConditionShape(ctx: CheckContext, value: PolicyValue, parent: string): void {
  if (value instanceof OpaqueValue) return;
  if (!isObject(value)) {
    ctx.report({
      severity: 'error',
      check: 'data-type-mismatch',
      path: child(parent, 'Condition'),
      message: `Condition must be an object such as {"StringEquals": {"aws:PrincipalOrgID": "o-123"}}, not ${typeName(value)}.`,
    });
    return;
  }
  // for-in, not Object.keys: the same own keys in the same order for a parsed document, without an array.
  for (const op in value) {
    const block = value[op];
    if (block instanceof OpaqueValue) continue;
    if (!isObject(block)) {
      ctx.report({
        severity: 'error',
        check: 'data-type-mismatch',
        path: child(child(parent, 'Condition'), op),
        message: `The ${op} block must be an object mapping condition keys to values, not ${typeName(block)}.`,
      });
      continue;
    }
    for (const key in block) {
      const v = block[key];
      if (!Array.isArray(v)) checkConditionValue(ctx, v, parent, op, key, -1);
      else for (let i = 0; i < v.length; i++) checkConditionValue(ctx, v[i], parent, op, key, i);
    }
  }
}

/**
 * Whether two statements have the same string Sid. Sorting the Sids and comparing neighbours is several
 * times cheaper than a Map of thousands of Sids, which the duplicate check then needs only when this holds.
 */
function repeatsSid(statements: PolicyValue[]): boolean {
  const sids = new Array<string>(statements.length);
  let n = 0;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (isObject(s) && typeof s.Sid === 'string') sids[n++] = s.Sid;
  }
  sids.length = n;
  sids.sort();
  for (let i = 1; i < n; i++) if (sids[i] === sids[i - 1]) return true;
  return false;
}

function checkStatement(
  ctx: CheckContext,
  value: PolicyValue,
  pointer: string,
  /** The first pointer of each Sid, or undefined when no two statements share one (see repeatsSid). */
  sids: Map<string, string> | undefined,
): void {
  if (!isObject(value)) {
    if (!(value instanceof OpaqueValue)) {
      ctx.report({
        severity: 'error',
        check: 'data-type-mismatch',
        path: pointer,
        message: `A statement must be an object with Effect, Action and Resource, not ${typeName(value)}.`,
      });
    }
    return;
  }
  const s = value;
  checkKeys(ctx, pointer, s, STATEMENT_ELEMENTS, 'statement');

  if ('Sid' in s) {
    const sid = s.Sid;
    if (typeof sid !== 'string') {
      if (!(sid instanceof OpaqueValue)) {
        ctx.report({
          severity: 'error',
          check: 'data-type-mismatch',
          path: child(pointer, 'Sid'),
          message: 'Sid must be a string.',
        });
      }
    } else {
      if (ctx.kind !== 'resource' && !SID.test(sid)) {
        const fixed = sid.replace(/[^A-Za-z0-9]/g, '');
        ctx.report({
          severity: 'error',
          check: 'invalid-sid',
          path: child(pointer, 'Sid'),
          message: `IAM accepts only letters and digits in a Sid; "${sid}" has other characters. Use "${fixed || 'Statement1'}".`,
          data: { suggestion: fixed || 'Statement1' },
        });
      }
      const first = sids?.get(sid);
      if (first !== undefined && sid !== '') {
        ctx.report({
          severity: 'error',
          check: 'duplicate-sid',
          path: child(pointer, 'Sid'),
          message: `Sid "${sid}" is already used by ${first}; each statement needs its own Sid.`,
          data: { duplicateOf: `${first}/Sid` },
        });
      } else sids?.set(sid, pointer);
    }
  }

  if (!('Effect' in s)) {
    ctx.report({
      severity: 'error',
      check: 'missing-effect',
      path: pointer,
      part: 'open',
      message: 'The statement has no Effect. Add "Effect": "Allow" or "Effect": "Deny".',
    });
  } else if (typeof s.Effect !== 'string') {
    if (!(s.Effect instanceof OpaqueValue)) {
      ctx.report({
        severity: 'error',
        check: 'data-type-mismatch',
        path: child(pointer, 'Effect'),
        message: 'Effect must be the string "Allow" or "Deny".',
      });
    }
  } else if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
    const fix = ['Allow', 'Deny'].find((x) => x.toLowerCase() === (s.Effect as string).toLowerCase());
    ctx.report({
      severity: 'error',
      check: 'invalid-effect',
      path: child(pointer, 'Effect'),
      message: fix
        ? `Effect is case-sensitive: write "${fix}", not "${s.Effect}".`
        : `Effect must be "Allow" or "Deny", not "${s.Effect}".`,
      ...(fix ? { data: { suggestion: fix } } : {}),
    });
  }

  for (let k = 0; k < PAIRS.length; k++) {
    // Indexing, not destructuring: it allocates nothing per statement.
    const a = PAIRS[k][0];
    const notA = PAIRS[k][1];
    const missing = PAIRS[k][2];
    if (a in s && notA in s) {
      ctx.report({
        severity: 'error',
        check: 'unsupported-element-combination',
        path: child(pointer, notA),
        part: 'key',
        message: `A statement cannot have both ${a} and ${notA}. Keep one of them.`,
      });
    }
    const present = a in s ? a : notA in s ? notA : undefined;
    if (a === 'Resource' && ctx.kind === 'trust') {
      if (present) {
        ctx.report({
          severity: 'error',
          check: 'resource-in-trust-policy',
          path: child(pointer, present),
          part: 'key',
          message: `A role trust policy has no ${present}: the role itself is the resource. Remove it.`,
        });
      }
      continue;
    }
    if (a === 'Principal') {
      if (ctx.kind === 'identity') {
        if (present) {
          ctx.report({
            severity: 'error',
            check: 'invalid-policy-element',
            path: child(pointer, present),
            part: 'key',
            message: `An identity policy has no ${present}: it applies to the user, group or role it is attached to. Remove it, or treat this file as a resource or trust policy.`,
          });
        }
        continue;
      }
      if (!present) {
        ctx.report({
          severity: 'error',
          check: missing,
          path: pointer,
          part: 'open',
          message: `A ${ctx.kind} policy statement needs a Principal naming who it applies to, e.g. "Principal": {"AWS": "arn:aws:iam::123456789012:root"}.`,
        });
      } else checkPrincipal(ctx, s[present], child(pointer, present), present);
      continue;
    }
    if (!present) {
      ctx.report({
        severity: 'error',
        check: missing,
        path: pointer,
        part: 'open',
        message:
          a === 'Action'
            ? 'The statement has no Action. Add "Action" with the actions it allows or denies, e.g. "s3:GetObject".'
            : 'The statement has no Resource. Add "Resource" with the ARNs it applies to, or "*" for actions that take no resource.',
      });
    } else checkStringList(ctx, s[present], pointer, present, missing);
  }
  if ('Condition' in s) checkConditionShape(ctx, s.Condition, pointer);
}

/** The grammar of the policy language: elements, their types and the combinations IAM accepts. */
export function checkStructure(ctx: CheckContext): void {
  const root = ctx.doc.value;
  if (root === undefined || root instanceof OpaqueValue) return;
  if (!isObject(root)) {
    ctx.report({
      severity: 'error',
      check: 'data-type-mismatch',
      path: '',
      message: `A policy document is a JSON object with Version and Statement, not ${typeName(root)}.`,
    });
    return;
  }
  checkKeys(ctx, '', root, DOCUMENT_ELEMENTS, 'top-level');
  if (!('Version' in root)) {
    ctx.report({
      severity: 'warning',
      check: 'missing-version',
      path: '',
      part: 'open',
      message:
        'The policy has no Version, so IAM reads it as 2008-10-17 and treats ${...} policy variables as plain text. Add "Version": "2012-10-17".',
      data: { suggestion: '2012-10-17' },
    });
  } else if (typeof root.Version !== 'string') {
    if (!(root.Version instanceof OpaqueValue)) {
      ctx.report({
        severity: 'error',
        check: 'data-type-mismatch',
        path: '/Version',
        message: 'Version must be the string "2012-10-17".',
      });
    }
  } else if (!VERSIONS.includes(root.Version)) {
    ctx.report({
      severity: 'error',
      check: 'invalid-version',
      path: '/Version',
      message: `"${root.Version}" is not a policy language version. Use "2012-10-17" (the only other is the legacy "2008-10-17"; a date of your own is not accepted).`,
      data: { suggestion: '2012-10-17' },
    });
  }
  const st = root.Statement;
  if (st === undefined) {
    ctx.report({
      severity: 'error',
      check: 'missing-statement',
      path: '',
      part: 'open',
      message:
        'The policy has no Statement. Add "Statement": [ { "Effect": ..., "Action": ..., "Resource": ... } ].',
    });
    return;
  }
  if (st instanceof OpaqueValue) return;
  if (Array.isArray(st) && st.length === 0) {
    ctx.report({
      severity: 'error',
      check: 'missing-statement',
      path: '/Statement',
      message: 'Statement is an empty list, so the policy grants and denies nothing. Add a statement.',
    });
    return;
  }
  if (!Array.isArray(st) && !isObject(st)) {
    ctx.report({
      severity: 'error',
      check: 'data-type-mismatch',
      path: '/Statement',
      message: `Statement must be an object or an array of objects, not ${typeName(st)}.`,
    });
    return;
  }
  if (!Array.isArray(st)) checkStatement(ctx, st, '/Statement', undefined);
  else {
    const sids = repeatsSid(st) ? new Map<string, string>() : undefined;
    for (let i = 0; i < st.length; i++) checkStatement(ctx, st[i], `/Statement/${i}`, sids);
  }
}
