import { simulate } from './engine';
import { federatedHost } from './principal';
import type { ContextValue, Decision, RequestPrincipal } from './request';

export type TrustAction =
  'sts:AssumeRole' | 'sts:AssumeRoleWithWebIdentity' | 'sts:AssumeRoleWithSAML' | 'sts:TagSession';

export interface TrustSimulationInput {
  /** The role's trust policy, as `JSON.parse` returns it. */
  trustPolicy: unknown;
  /** Names the policy in the explanation; defaults to "trust policy". */
  policyId?: string;
  /** Who asks. For OIDC it defaults to the Federated issuer of `oidc`. */
  principal?: RequestPrincipal;
  /** Defaults to sts:AssumeRoleWithWebIdentity when `oidc` is given, sts:AssumeRole otherwise. */
  action?: TrustAction;
  /** The role being assumed; only used in the explanation. */
  roleArn?: string;
  /** Becomes the sts:ExternalId context key. */
  externalId?: string;
  /** A web-identity token's issuer (URL or host), subject and audience: become `<host>:sub` / `<host>:aud`. */
  oidc?: { issuer: string; sub: string; aud: string };
  /** Further context keys (aws:SourceAccount, saml:aud, ...). */
  context?: Record<string, ContextValue>;
}

/**
 * Can this principal assume the role? Evaluates the trust policy alone (the caller's own permission to call
 * sts:AssumeRole is a separate, identity-policy question).
 */
export function simulateTrust(input: TrustSimulationInput): Decision {
  const context: Record<string, ContextValue> = {};
  let principal = input.principal;
  if (input.externalId !== undefined) context['sts:ExternalId'] = input.externalId;
  if (input.oidc) {
    const host = federatedHost(input.oidc.issuer);
    context[`${host}:sub`] = input.oidc.sub;
    context[`${host}:aud`] = input.oidc.aud;
    principal ??= { type: 'Federated', id: host };
  }
  Object.assign(context, input.context ?? {});
  const action = input.action ?? (input.oidc ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRole');
  return simulate({ action, resource: input.roleArn ?? '*', principal, context }, [
    { id: input.policyId ?? 'trust policy', document: input.trustPolicy, kind: 'trust' },
  ]);
}
