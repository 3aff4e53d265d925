import { deployCommand, identityStackYaml, shellLine } from '../../cloudformation/identityStacks';
import type { IamCatalog } from '../catalog';
import { SERVICE_TYPE_SPECS, type ServiceType } from '../serviceTypes';
import { generateCrossAccountTrust } from './crossAccount';
import { policyOf, type PolicyJson } from './document';
import { checkAccountId, checkIamName, checkPartition, checkRegion } from './inputs';
import { MANAGED_POLICY_MAX_CHARS, policyChars, splitForManagedPolicies } from './policySize';
import { policyJson } from './serialize';
import { generateServiceSetPolicy, type AccessLevelName, type ServiceSetPolicy } from './serviceSet';

export interface SetupGuideOptions {
  roleName: string;
  accountId: string;
  region: string;
  services: readonly ServiceType[];
  levels?: readonly AccessLevelName[];
  /**
   * Who assumes the role. Default: identities of the same account (the account root principal, so any
   * user or role there that is allowed sts:AssumeRole). A principal of another account gets an ExternalId.
   */
  trustedPrincipal?: string;
  externalId?: string;
  partition?: string;
}

export interface ManagedPolicyPart {
  name: string;
  arn: string;
  document: PolicyJson;
  json: string;
}

export interface SetupGuide {
  markdown: string;
  cloudFormationYaml: string;
  cliScript: string;
  stackName: string;
  roleArn: string;
  trustPolicy: PolicyJson;
  serviceSet: ServiceSetPolicy;
  /** The permissions as customer-managed policies, each within IAM's size quota. */
  policies: ManagedPolicyPart[];
  /** Set when the trusted principal is in another account. */
  externalId?: string;
}

function trustOf(
  options: SetupGuideOptions,
  partition: string,
  roleArn: string,
): { trust: PolicyJson; externalId?: string } {
  const principal = options.trustedPrincipal ?? options.accountId;
  const principalAccount = /^\d{12}$/.test(principal) ? principal : /:iam::(\d{12}):/.exec(principal)?.[1];
  if (principalAccount === options.accountId && !options.externalId) {
    const arn = /^\d{12}$/.test(principal) ? `arn:${partition}:iam::${principal}:root` : principal;
    return {
      trust: policyOf([
        {
          Sid: 'GrantwiseAccountAssumeRole',
          Effect: 'Allow',
          Principal: { AWS: arn },
          Action: 'sts:AssumeRole',
        },
      ]),
    };
  }
  const cross = generateCrossAccountTrust({ principal, roleArn, externalId: options.externalId, partition });
  return { trust: cross.trustPolicy, externalId: cross.externalId };
}

function fenced(lang: string, text: string): string {
  return '```' + lang + '\n' + text.replace(/\n$/, '') + '\n```';
}

/**
 * Everything an administrator needs to create a role for a set of service types, three ways: console
 * steps, an AWS CLI script and a CloudFormation template. The permissions are split into as many
 * customer-managed policies as IAM's size quota requires. The guide holds no credentials.
 */
export function generateSetupGuide(catalog: IamCatalog, options: SetupGuideOptions): SetupGuide {
  const partition = checkPartition(options.partition);
  const accountId = checkAccountId(options.accountId);
  const region = checkRegion(options.region);
  const roleName = checkIamName(options.roleName, 'role');
  const serviceSet = generateServiceSetPolicy(catalog, {
    services: options.services,
    levels: options.levels,
  });
  const roleArn = `arn:${partition}:iam::${accountId}:role/${roleName}`;
  const { trust, externalId } = trustOf(options, partition, roleArn);

  const documents = splitForManagedPolicies(serviceSet.policy);
  const policies = documents.map((document, i) => {
    const name = documents.length === 1 ? `${roleName}-policy` : `${roleName}-policy-${i + 1}`;
    checkIamName(name, 'role', 128);
    return {
      name,
      arn: `arn:${partition}:iam::${accountId}:policy/${name}`,
      document,
      json: policyJson(document),
    };
  });
  const stackName = `grantwise-role-${roleName}`.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 128);
  const types = serviceSet.perService.map((s) => s.type);
  const cloudFormationYaml = identityStackYaml({
    description: `Grantwise: role ${roleName} for ${types.join(', ')}`,
    roleName,
    roleDescription: `Deploys and operates ${types.join(', ')}`,
    trustPolicy: trust,
    policies: policies.map((p) => ({ name: p.name, document: p.document })),
  });
  const trustFile = `${roleName}-trust.json`;
  const templateFile = `${stackName}.yaml`;
  const script = [
    '#!/bin/sh',
    `# Creates role ${roleName} in account ${accountId} with the Grantwise policy for ${types.join(', ')}.`,
    '# Run with credentials of an administrator of that account.',
    'set -eu',
    '',
    `cat > ${trustFile} <<'EOF'`,
    policyJson(trust),
    'EOF',
    ...policies.flatMap((p) => [`cat > ${p.name}.json <<'EOF'`, p.json, 'EOF']),
    '',
    ...policies.map((p) =>
      shellLine([
        'aws',
        'iam',
        'create-policy',
        '--policy-name',
        p.name,
        '--policy-document',
        `file://${p.name}.json`,
      ]),
    ),
    shellLine([
      'aws',
      'iam',
      'create-role',
      '--role-name',
      roleName,
      '--assume-role-policy-document',
      `file://${trustFile}`,
    ]),
    ...policies.map((p) =>
      shellLine(['aws', 'iam', 'attach-role-policy', '--role-name', roleName, '--policy-arn', p.arn]),
    ),
    '',
  ].join('\n');

  const trusted = trust.Statement[0].Principal?.AWS as string;
  const rows = serviceSet.perService.map((s) => {
    const shared = s.sharedActions > 0 ? ` (+${s.sharedActions} in other statements)` : '';
    return `| ${s.type} | ${SERVICE_TYPE_SPECS[s.type].title} | \`${s.sid}\` | ${s.actions}${shared} |`;
  });
  const policyNames = policies.map((p) => `\`${p.name}\``).join(', ');
  const markdown = [
    `# Set up role \`${roleName}\` in account ${accountId}`,
    '',
    `This role lets its user deploy and operate ${types.join(', ')} in ${region}. It grants ${serviceSet.totalActionsGranted} actions at the access levels ${serviceSet.levels.join(', ')}, chosen from IAM catalog data ${serviceSet.dataVersion}.`,
    '',
    '| Service type | What | Statement | Actions |',
    '| --- | --- | --- | ---: |',
    ...rows,
    '',
    policies.length > 1
      ? `The permissions are ${policyChars(serviceSet.policy)} characters, more than the ${MANAGED_POLICY_MAX_CHARS} IAM allows in one managed policy, so they come as ${policies.length} policies: ${policyNames}.`
      : `The permissions fit one managed policy: ${policyNames}.`,
    '',
    ...(serviceSet.withheld.length > 0
      ? [
          'Left out on purpose, because on Resource "*" they let the role escalate its own access:',
          '',
          ...serviceSet.withheld.map((w) => `- \`${w.action}\` (${w.type}): ${w.why}.`),
          '',
        ]
      : []),
    '## Option 1: AWS console',
    '',
    `1. Sign in to the IAM console (https://console.aws.amazon.com/iam/) as an administrator of account ${accountId}.`,
    `2. For each policy below (${policyNames}): open **Policies → Create policy**, choose the **JSON** editor, replace its content with the policy document, then **Next**, enter the policy name and **Create policy**.`,
    externalId
      ? `3. Open **Roles → Create role**. Choose **AWS account → Another AWS account**, enter the account of \`${trusted}\`, tick **Require external ID** and enter \`${externalId}\`. Then **Next**.`
      : `3. Open **Roles → Create role**. Choose **AWS account → This account (${accountId})**, then **Next**.`,
    `4. Select the policies ${policyNames}, then **Next**.`,
    `5. Enter the role name \`${roleName}\` and **Create role**.`,
    `6. Open the role's **Trust relationships** tab, choose **Edit trust policy** and make it the trust policy below${externalId ? ' (it names the exact principal)' : ''}.`,
    `7. The role ARN is \`${roleArn}\`.`,
    '',
    '## Option 2: AWS CLI',
    '',
    fenced('sh', script),
    '',
    '## Option 3: CloudFormation',
    '',
    `Save the template as \`${templateFile}\` and deploy it. It names its IAM resources, so it needs CAPABILITY_NAMED_IAM.`,
    '',
    fenced('sh', shellLine(deployCommand({ stackName, templateFile, region }))),
    '',
    fenced('yaml', cloudFormationYaml),
    '',
    '## Documents',
    '',
    `### Trust policy of \`${roleName}\``,
    '',
    fenced('json', policyJson(trust)),
    ...policies.flatMap((p) => ['', `### Policy \`${p.name}\``, '', fenced('json', p.json)]),
    '',
  ].join('\n');

  return {
    markdown,
    cloudFormationYaml,
    cliScript: script,
    stackName,
    roleArn,
    trustPolicy: trust,
    serviceSet,
    policies,
    ...(externalId ? { externalId } : {}),
  };
}
