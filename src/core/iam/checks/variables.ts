import { findPolicyVariables, type PolicyVariableScan } from '../policyVariables';
import { OpaqueValue, type PolicyValue } from '../parse';
import { conditionKeyInfo } from './conditions';
import { child, entries, isObject, Memo, type CheckContext, type Entry } from './context';

/** findPolicyVariables, once per distinct value and validation: policies repeat their variable values. */
const scans = new WeakMap<CheckContext, Memo<PolicyVariableScan>>();

function scanOf(ctx: CheckContext, value: string): PolicyVariableScan {
  let memo = scans.get(ctx);
  if (!memo) scans.set(ctx, (memo = new Memo(findPolicyVariables)));
  return memo.get(value);
}

/** Whether checkSubstituted reports anything for `v`: decided before entries and pointers are built. */
function substitutionFails(ctx: CheckContext, v: PolicyValue): boolean {
  if (typeof v !== 'string' || !v.includes('${')) return false;
  if (ctx.version !== '2012-10-17') return true;
  const scan = scanOf(ctx, v);
  if (scan.unclosed.length > 0) return true;
  for (const ref of scan.refs) if (!ref.escape && !conditionKeyInfo(ctx, ref.name)) return true;
  return false;
}

function checkSubstituted(ctx: CheckContext, e: Entry, where: string): void {
  if (typeof e.value !== 'string' || !e.value.includes('${')) return;
  if (ctx.version !== '2012-10-17') {
    ctx.report({
      severity: 'error',
      check: 'variable-unsupported-in-version',
      path: e.pointer,
      message: `Policy variables work only in Version 2012-10-17; ${ctx.version ? `in ${ctx.version}` : 'without a Version'} "${e.value}" is matched literally. Set "Version": "2012-10-17".`,
      data: { suggestion: '2012-10-17' },
    });
    return;
  }
  const scan = scanOf(ctx, e.value);
  for (const at of scan.unclosed) {
    ctx.report({
      severity: 'error',
      check: 'invalid-policy-variable',
      path: e.pointer,
      message: `The policy variable starting at "${e.value.slice(at, at + 20)}" in ${where} is not closed. Add "}".`,
    });
  }
  for (const ref of scan.refs) {
    if (ref.escape || conditionKeyInfo(ctx, ref.name)) continue;
    ctx.report({
      severity: 'error',
      check: 'invalid-policy-variable',
      path: e.pointer,
      message: `"\${${ref.name}}" in ${where} is not a request context key, so IAM cannot substitute it. Use a key such as \${aws:username} or \${aws:PrincipalTag/team}.`,
    });
  }
}

function checkNotSubstituted(ctx: CheckContext, e: Entry, where: string): void {
  if (typeof e.value !== 'string' || !e.value.includes('${')) return;
  ctx.report({
    severity: 'error',
    check: 'variable-unsupported-in-element',
    path: e.pointer,
    message: `Policy variables are substituted only in Resource, NotResource and condition values; in ${where} "${e.value}" is matched literally. Name the value explicitly, or move the variable into a condition.`,
  });
}

/** ${...} policy variables: known keys, closed braces, allowed elements, and the version that enables them. */
export function checkVariables(ctx: CheckContext): void {
  const failsIn = (v: PolicyValue) => substitutionFails(ctx, v);
  for (const s of ctx.statements) {
    // Only values holding "${" (substituted ones: with a bad variable) can have a finding: look for them
    // before building entries and pointers.
    const actions = s.actionValues;
    for (let i = 0; i < actions.length; i++) {
      if (hasVariable(actions[i])) checkNotSubstituted(ctx, s.actions[i], s.actionKey!);
    }
    if (s.principalKey && isObject(s.raw[s.principalKey])) {
      const p = s.raw[s.principalKey] as Record<string, never>;
      for (const type of Object.keys(p)) {
        for (const e of entries(p[type], child(child(s.pointer, s.principalKey), type))) {
          checkNotSubstituted(ctx, e, s.principalKey);
        }
      }
    }
    if (ctx.kind !== 'trust') {
      const resources = s.resourceValues;
      for (let i = 0; i < resources.length; i++) {
        if (failsIn(resources[i])) checkSubstituted(ctx, s.resources[i], s.resourceKey!);
      }
    }
    if (!s.condition) continue;
    // for-in, not Object.keys: the same own keys in the same order for a parsed document, without an array.
    for (const op in s.condition) {
      const block = s.condition[op];
      if (!isObject(block)) continue;
      for (const key in block) {
        const value = block[key];
        if (key.includes('${')) {
          ctx.report({
            severity: 'error',
            check: 'variable-unsupported-in-element',
            path: child(child(child(s.pointer, 'Condition'), op), key),
            part: 'key',
            message: `A condition key cannot hold a policy variable; "${key}" is read literally. Name the key explicitly.`,
          });
        }
        if (!(Array.isArray(value) ? value.some(failsIn) : failsIn(value))) continue;
        for (const e of entries(value, child(child(child(s.pointer, 'Condition'), op), key))) {
          if (!(e.value instanceof OpaqueValue)) checkSubstituted(ctx, e, 'a condition value');
        }
      }
    }
  }
}

function hasVariable(v: PolicyValue): boolean {
  return typeof v === 'string' && v.includes('${');
}
