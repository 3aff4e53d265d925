/**
 * The plain-data model of a simulation: a request, the policies it is evaluated against, and the decision.
 * Policies are what `JSON.parse` returns, so the engine works on any document, valid or not, without
 * depending on the editor's parse model.
 */

import type { PolicyKind } from '../kind';

export type { PolicyKind };

export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

export interface RequestPrincipal {
  type: PrincipalType;
  /** AWS: a user/role/assumed-role/root ARN or a 12-digit account id; Service: `ec2.amazonaws.com`;
   *  Federated: an OIDC/SAML provider ARN or the issuer host (`oidc.eks.us-east-1.amazonaws.com/id/ABC`). */
  id: string;
}

/** A context value: a single-valued key holds a string, a multivalued key (aws:TagKeys) a list. */
export type ContextValue = string | string[];

export interface SimulationRequest {
  action: string;
  resource: string;
  principal?: RequestPrincipal;
  /** Condition keys, matched case-insensitively as IAM does. */
  context: Record<string, ContextValue>;
}

export interface PolicyInput {
  /** Names the policy in explanations and results, e.g. its file name. */
  id: string;
  document: unknown;
  kind?: PolicyKind;
}

export type Effect = 'Allow' | 'Deny';

export interface MatchedStatement {
  policyId: string;
  /** RFC 6901 pointer of the statement: `/Statement/2`, or `/Statement` for a single statement object. */
  path: string;
  sid?: string;
  effect: Effect;
}

export type DecisionKind = 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny';

export interface Decision {
  decision: DecisionKind;
  /** Every statement that applies to the request, Deny and Allow alike, in policy then statement order. */
  matched: MatchedStatement[];
  /** Human lines: the first says what decided; then one line per statement saying why it did or did not apply. */
  explanation: string[];
}
