import { matchesAction, matchesResource } from '../wildcard';
import { evaluateCondition } from './conditions';
import type { RequestContext } from './context';
import { stringsOf, type StatementEntry } from './document';
import { principalMatches } from './principal';
import type { SimulationRequest } from './request';
import { resolveVariables } from './variables';

export interface StatementOutcome {
  applies: boolean;
  /** Why it applies or which element stopped it: one clause for the explanation. */
  reason: string;
}

export interface StatementOptions {
  /** Version 2012-10-17: substitute policy variables in Resource and Condition values. */
  variables: boolean;
  /** The policy implies its resource (trust and resource policies), so a missing Resource matches any. */
  impliedResource: boolean;
}

function pair(s: Record<string, unknown>, name: string): { key: string; negated: boolean; present: number } {
  const has = s[name] !== undefined;
  const hasNot = s[`Not${name}`] !== undefined;
  return {
    key: hasNot && !has ? `Not${name}` : name,
    negated: hasNot && !has,
    present: Number(has) + Number(hasNot),
  };
}

function actionOutcome(s: Record<string, unknown>, action: string): string | undefined {
  const el = pair(s, 'Action');
  if (el.present === 0) return 'it has no Action or NotAction';
  if (el.present === 2) return 'it has both Action and NotAction';
  const patterns = stringsOf(s[el.key]);
  if (!patterns) return `${el.key} is not a string or a list of strings`;
  const hit = patterns.some((p) => matchesAction(p, action));
  if (el.negated) return hit ? `action ${action} is excluded by NotAction` : undefined;
  return hit ? undefined : `action ${action} is not in Action`;
}

function resourceOutcome(
  s: Record<string, unknown>,
  resource: string,
  context: RequestContext,
  options: StatementOptions,
): string | undefined {
  const el = pair(s, 'Resource');
  if (el.present === 0) return options.impliedResource ? undefined : 'it has no Resource or NotResource';
  if (el.present === 2) return 'it has both Resource and NotResource';
  const patterns = stringsOf(s[el.key]);
  if (!patterns) return `${el.key} is not a string or a list of strings`;
  const unresolved: string[] = [];
  let hit = false;
  for (const p of patterns) {
    const r = resolveVariables(p, context, options.variables);
    if (r.unresolved !== undefined) unresolved.push(r.unresolved);
    else if (matchesResource(r.parts, resource)) {
      hit = true;
      break;
    }
  }
  const note = !hit && unresolved.length > 0 ? ` (${unresolved.join('; ')})` : '';
  if (el.negated) return hit ? `resource ${resource} is excluded by NotResource` : undefined;
  return hit ? undefined : `resource ${resource} is not in Resource${note}`;
}

function principalOutcome(s: Record<string, unknown>, request: SimulationRequest): string | undefined {
  const el = pair(s, 'Principal');
  if (el.present === 0) return undefined; // identity policy: the principal is whoever holds it
  if (el.present === 2) return 'it has both Principal and NotPrincipal';
  const outcome = principalMatches(s[el.key], request.principal);
  if (el.negated) {
    return outcome.matches ? `the request principal is excluded by NotPrincipal` : undefined;
  }
  return outcome.matches ? undefined : `Principal does not match: ${outcome.reason}`;
}

/** Does one statement apply to the request? Elements are checked in the order a reader scans them. */
export function evaluateStatement(
  entry: StatementEntry,
  request: SimulationRequest,
  context: RequestContext,
  options: StatementOptions,
): StatementOutcome {
  const s = entry.statement;
  if (!entry.effect) return { applies: false, reason: 'its Effect is not "Allow" or "Deny"' };
  const stop =
    actionOutcome(s, request.action) ??
    resourceOutcome(s, request.resource, context, options) ??
    principalOutcome(s, request);
  if (stop) return { applies: false, reason: stop };
  const condition = evaluateCondition(s.Condition, context, options.variables);
  if (!condition.ok) return { applies: false, reason: `condition not met: ${condition.failure}` };
  return {
    applies: true,
    reason:
      s.Condition === undefined
        ? 'action, resource and principal match'
        : 'all elements and conditions match',
  };
}
