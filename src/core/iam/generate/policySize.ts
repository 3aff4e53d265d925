import { canonicalPolicy } from './serialize';
import { policyOf, type PolicyJson, type PolicyStatement } from './document';

/** IAM's quota on a customer-managed policy, counted without whitespace. */
export const MANAGED_POLICY_MAX_CHARS = 6144;

/** Characters IAM counts against the quota: the document without whitespace outside strings. */
export function policyChars(policy: PolicyJson): number {
  return JSON.stringify(canonicalPolicy(policy)).length;
}

function actionsOf(s: PolicyStatement): string[] {
  return typeof s.Action === 'string' ? [s.Action] : s.Action;
}

/** Splits one statement's action list into pieces that each fit `max` inside a policy of their own. */
function splitStatement(s: PolicyStatement, max: number): PolicyStatement[] {
  const pieces: PolicyStatement[] = [];
  let current: string[] = [];
  const withActions = (actions: string[], n: number): PolicyStatement => ({
    ...s,
    Sid: s.Sid ? `${s.Sid}${n}` : undefined,
    Action: actions,
  });
  for (const action of actionsOf(s)) {
    const next = [...current, action];
    if (current.length > 0 && policyChars(policyOf([withActions(next, pieces.length + 1)])) > max) {
      pieces.push(withActions(current, pieces.length + 1));
      current = [action];
    } else current = next;
  }
  pieces.push(withActions(current, pieces.length + 1));
  return pieces;
}

/**
 * Packs a policy's statements, in order, into as few documents as fit IAM's managed-policy quota; a
 * statement too big on its own is cut into numbered pieces (`GrantwiseEc2` → `GrantwiseEc21`,
 * `GrantwiseEc22`). A policy that fits comes back as the only part.
 */
export function splitForManagedPolicies(policy: PolicyJson, max = MANAGED_POLICY_MAX_CHARS): PolicyJson[] {
  if (policyChars(policy) <= max) return [policy];
  const parts: PolicyStatement[][] = [];
  let current: PolicyStatement[] = [];
  for (const statement of policy.Statement) {
    const pieces = policyChars(policyOf([statement])) > max ? splitStatement(statement, max) : [statement];
    for (const piece of pieces) {
      if (current.length > 0 && policyChars(policyOf([...current, piece])) > max) {
        parts.push(current);
        current = [];
      }
      current.push(piece);
    }
  }
  if (current.length > 0) parts.push(current);
  return parts.map((statements) => policyOf(statements));
}
