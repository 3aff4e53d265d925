import type { CheckFamily } from './validate';

// Where each finding's "learn more" points: the AWS page that states the rule the check enforces.
const IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide';
const BY_FAMILY: Record<CheckFamily, string> = {
  syntax: `${IAM}/reference_policies_grammar.html`,
  structure: `${IAM}/reference_policies_elements.html`,
  actions:
    'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
  resources: `${IAM}/reference-arns.html`,
  conditions: `${IAM}/reference_policies_elements_condition_operators.html`,
  security: `${IAM}/access-analyzer-reference-policy-checks.html`,
};
const BY_CHECK: Record<string, string> = {
  'invalid-version': `${IAM}/reference_policies_elements_version.html`,
  'missing-version': `${IAM}/reference_policies_elements_version.html`,
  'invalid-principal': `${IAM}/reference_policies_elements_principal.html`,
  'unsupported-principal': `${IAM}/reference_policies_elements_principal.html`,
  'invalid-policy-variable': `${IAM}/reference_policies_variables.html`,
  'variable-unsupported-in-element': `${IAM}/reference_policies_variables.html`,
  'variable-unsupported-in-version': `${IAM}/reference_policies_variables.html`,
  'unknown-condition-key': `${IAM}/reference_policies_condition-keys.html`,
  'passrole-star-resource': `${IAM}/id_roles_use_passrole.html`,
  'privilege-escalation': `${IAM}/best-practices.html`,
  'cross-account-trust-without-external-id': `${IAM}/id_roles_create_for_user_externalid.html`,
  'service-principal-without-source-condition': `${IAM}/confused-deputy.html`,
  'oidc-trust-missing-sub': `${IAM}/id_roles_create_for-idp_oidc.html`,
};

/** The documentation link for a check id of the given family. */
export function learnMoreFor(check: string, family: CheckFamily): string {
  return BY_CHECK[check] ?? BY_FAMILY[family];
}
