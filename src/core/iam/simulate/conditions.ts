import type { RequestContext } from './context';
import { evaluateKey, parseOperator } from './operators';

export interface ConditionOutcome {
  ok: boolean;
  /** When !ok: the first operator/key pair that failed, for the explanation. */
  failure?: string;
}

/**
 * A Condition block holds when every operator holds, and an operator when every key under it holds
 * (AND over operators and keys; the OR/NOR over values lives in evaluateKey). Operators and keys are visited
 * in document order so the failure named is stable. An unusable block fails, naming what is wrong.
 */
export function evaluateCondition(
  block: unknown,
  context: RequestContext,
  variables: boolean,
): ConditionOutcome {
  if (block === undefined) return { ok: true };
  if (!isObject(block)) return { ok: false, failure: 'Condition is not an object' };
  for (const [operatorName, keys] of Object.entries(block)) {
    const op = parseOperator(operatorName);
    if (!op) return { ok: false, failure: `unknown condition operator ${operatorName}` };
    if (!isObject(keys))
      return { ok: false, failure: `${operatorName} does not map condition keys to values` };
    for (const [key, values] of Object.entries(keys)) {
      const outcome = evaluateKey(op, key, values, context, variables);
      if (!outcome.ok) return { ok: false, failure: outcome.detail };
    }
  }
  return { ok: true };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
