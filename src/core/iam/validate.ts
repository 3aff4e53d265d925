import { compareFindings, type Finding, type Severity } from '../finding';
import type { IamCatalog } from './catalog';
import { checkActions } from './checks/actions';
import { checkConditions } from './checks/conditions';
import { CheckContext, type ValidateOptions } from './checks/context';
import { checkResources } from './checks/resources';
import { checkSecurity } from './checks/security';
import { checkStructure } from './checks/structure';
import { checkVariables } from './checks/variables';
import type { PolicyDocument } from './parse';
import { learnMoreFor } from './checkDocs';

export type { ValidateOptions } from './checks/context';

export type CheckFamily = 'syntax' | 'structure' | 'actions' | 'resources' | 'conditions' | 'security';

/** Every check id the validator emits, with its family and severity (for SARIF rules and documentation). */
export const CHECKS: Readonly<Record<string, { family: CheckFamily; severity: Severity }>> = Object.freeze({
  'json-syntax': { family: 'syntax', severity: 'error' },
  'missing-statement': { family: 'structure', severity: 'error' },
  'missing-effect': { family: 'structure', severity: 'error' },
  'missing-action': { family: 'structure', severity: 'error' },
  'missing-resource': { family: 'structure', severity: 'error' },
  'missing-principal': { family: 'structure', severity: 'error' },
  'invalid-version': { family: 'structure', severity: 'error' },
  'missing-version': { family: 'structure', severity: 'warning' },
  'invalid-effect': { family: 'structure', severity: 'error' },
  'data-type-mismatch': { family: 'structure', severity: 'error' },
  'invalid-policy-element': { family: 'structure', severity: 'error' },
  'unsupported-element-combination': { family: 'structure', severity: 'error' },
  'invalid-sid': { family: 'structure', severity: 'error' },
  'duplicate-sid': { family: 'structure', severity: 'error' },
  'unsupported-principal': { family: 'structure', severity: 'error' },
  'invalid-principal': { family: 'structure', severity: 'error' },
  'resource-in-trust-policy': { family: 'structure', severity: 'error' },
  'unknown-service': { family: 'actions', severity: 'error' },
  'unknown-action': { family: 'actions', severity: 'error' },
  'invalid-action-format': { family: 'actions', severity: 'error' },
  'redundant-action': { family: 'actions', severity: 'warning' },
  'wildcard-matches-nothing': { family: 'actions', severity: 'warning' },
  'invalid-arn': { family: 'resources', severity: 'error' },
  'invalid-partition': { family: 'resources', severity: 'error' },
  'invalid-arn-service-case': { family: 'resources', severity: 'error' },
  'arn-region-not-allowed': { family: 'resources', severity: 'error' },
  'arn-account-not-allowed': { family: 'resources', severity: 'error' },
  'action-resource-mismatch': { family: 'resources', severity: 'warning' },
  'redundant-resource': { family: 'resources', severity: 'warning' },
  'invalid-condition-operator': { family: 'conditions', severity: 'error' },
  'unknown-condition-key': { family: 'conditions', severity: 'error' },
  'condition-key-not-applicable': { family: 'conditions', severity: 'warning' },
  'condition-type-mismatch': { family: 'conditions', severity: 'error' },
  'invalid-condition-value': { family: 'conditions', severity: 'error' },
  'null-with-ifexists': { family: 'conditions', severity: 'error' },
  'forallvalues-single-valued-key': { family: 'conditions', severity: 'warning' },
  'wildcard-without-like-operator': { family: 'conditions', severity: 'warning' },
  'invalid-policy-variable': { family: 'conditions', severity: 'error' },
  'variable-unsupported-in-element': { family: 'conditions', severity: 'error' },
  'variable-unsupported-in-version': { family: 'conditions', severity: 'error' },
  'private-ip-address': { family: 'conditions', severity: 'warning' },
  'improve-ip-range': { family: 'conditions', severity: 'suggestion' },
  'passrole-star-resource': { family: 'security', severity: 'security' },
  'full-admin-access': { family: 'security', severity: 'security' },
  'allow-with-notaction': { family: 'security', severity: 'security' },
  'allow-with-notresource': { family: 'security', severity: 'security' },
  'allow-with-notprincipal': { family: 'security', severity: 'security' },
  'privilege-escalation': { family: 'security', severity: 'security' },
  'cross-account-trust-without-external-id': { family: 'security', severity: 'security' },
  'oidc-trust-missing-sub': { family: 'security', severity: 'security' },
  'service-principal-without-source-condition': { family: 'security', severity: 'security' },
  'trust-wildcard-principal': { family: 'security', severity: 'security' },
  'notprincipal-in-trust-policy': { family: 'security', severity: 'security' },
  'mismatched-action-for-principal': { family: 'security', severity: 'security' },
});

/**
 * Checks a parsed policy against the policy grammar and the catalog: structure, actions, resources,
 * conditions and variables, and security. Returns the syntax findings and the check findings in
 * document order (compareFindings); a clean policy returns [].
 */
export function validatePolicy(
  doc: PolicyDocument,
  catalog: IamCatalog,
  options: ValidateOptions = {},
): Finding[] {
  const ctx = new CheckContext(doc, catalog, options);
  checkStructure(ctx);
  checkActions(ctx);
  checkResources(ctx);
  checkConditions(ctx);
  checkVariables(ctx);
  checkSecurity(ctx);
  const findings = [...doc.syntaxFindings, ...ctx.findings];
  for (const f of findings) {
    const info = CHECKS[f.check];
    if (info && !f.learnMore) f.learnMore = learnMoreFor(f.check, info.family);
  }
  return findings.sort(compareFindings);
}
