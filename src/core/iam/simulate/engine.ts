import { RequestContext } from './context';
import { statementsOf } from './document';
import type { Decision, MatchedStatement, PolicyInput, SimulationRequest } from './request';
import { evaluateStatement } from './statement';
import { variablesEnabled } from './variables';

/**
 * Evaluates a request against policies the way IAM does within one account: an applying Deny anywhere
 * decides ExplicitDeny; otherwise an applying Allow anywhere decides Allowed; otherwise ImplicitDeny.
 * The explanation's first line names the deciding statement(s); then one line per statement says whether
 * it applied and, if not, which element stopped it.
 *
 * Out of scope, because they need more than the documents: permission boundaries, SCPs, session policies
 * and the cross-account rule that needs both an identity and a resource policy to allow.
 */
export function simulate(request: SimulationRequest, policies: readonly PolicyInput[]): Decision {
  const context = new RequestContext(request.context, request.principal);
  const matched: MatchedStatement[] = [];
  const lines: string[] = [];
  for (const policy of policies) {
    const { version, statements, problems } = statementsOf(policy.document);
    for (const problem of problems) lines.push(`${policy.id}: ${problem}.`);
    const variables = variablesEnabled(version);
    for (const entry of statements) {
      const s = entry.statement;
      const impliedResource =
        policy.kind === 'trust' ||
        policy.kind === 'resource' ||
        s.Principal !== undefined ||
        s.NotPrincipal !== undefined;
      const outcome = evaluateStatement(entry, request, context, { variables, impliedResource });
      const sid = entry.sid !== undefined ? `Sid "${entry.sid}", ` : '';
      const name = `${policy.id} ${entry.path} (${sid}${entry.effect ?? 'no Effect'})`;
      lines.push(`${name} ${outcome.applies ? 'applies' : 'does not apply'}: ${outcome.reason}.`);
      if (outcome.applies && entry.effect) {
        matched.push({
          policyId: policy.id,
          path: entry.path,
          ...(entry.sid !== undefined ? { sid: entry.sid } : {}),
          effect: entry.effect,
        });
      }
    }
  }

  const named = (effect: 'Allow' | 'Deny') =>
    matched
      .filter((m) => m.effect === effect)
      .map((m) => `${m.policyId} ${m.path}${m.sid !== undefined ? ` (Sid "${m.sid}")` : ''}`)
      .join(', ');
  const what = `${request.action} on ${request.resource}`;
  const denies = named('Deny');
  const allows = named('Allow');
  let summary: string;
  let decision: Decision['decision'];
  if (denies) {
    decision = 'ExplicitDeny';
    summary = `ExplicitDeny: ${denies} denies ${what}; an explicit Deny overrides ${allows ? `the Allow in ${allows}` : 'any Allow'}.`;
  } else if (allows) {
    decision = 'Allowed';
    summary = `Allowed: ${allows} allows ${what}, and no Deny applies.`;
  } else {
    decision = 'ImplicitDeny';
    summary = `ImplicitDeny: no statement allows ${what}, so it is denied by default.`;
  }
  return { decision, matched, explanation: [summary, ...lines] };
}
