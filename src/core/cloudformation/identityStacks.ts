import type { PolicyJson } from '../iam/generate/document';
import type { Ec2InstanceRole } from '../iam/generate/ec2InstanceRole';
import type { IrsaRole } from '../iam/generate/irsa';
import { canonicalPolicy, yamlText } from '../iam/generate/serialize';

/** One IAM role, the customer-managed policies attached to it and optionally its instance profile. */
export interface IdentityStackSpec {
  description: string;
  roleName: string;
  roleDescription?: string;
  trustPolicy: PolicyJson;
  policies: Array<{ name: string; description?: string; document: PolicyJson }>;
  instanceProfile?: boolean;
}

/**
 * The CloudFormation template as a plain object. Names are fixed (RoleName, ManagedPolicyName...), which is
 * why deploying it needs CAPABILITY_NAMED_IAM; logical ids are stable so updates replace nothing needlessly.
 */
export function identityStackTemplate(spec: IdentityStackSpec): Record<string, unknown> {
  const resources: Record<string, unknown> = {
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: spec.roleName,
        ...(spec.roleDescription ? { Description: spec.roleDescription } : {}),
        AssumeRolePolicyDocument: canonicalPolicy(spec.trustPolicy),
      },
    },
  };
  const outputs: Record<string, unknown> = {
    RoleArn: { Description: 'ARN of the role', Value: { 'Fn::GetAtt': ['Role', 'Arn'] } },
  };
  spec.policies.forEach((p, i) => {
    const id = spec.policies.length === 1 ? 'Policy' : `Policy${i + 1}`;
    resources[id] = {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        ManagedPolicyName: p.name,
        ...(p.description ? { Description: p.description } : {}),
        PolicyDocument: canonicalPolicy(p.document),
        Roles: [{ Ref: 'Role' }],
      },
    };
    outputs[`${id}Arn`] = { Description: `ARN of the managed policy ${p.name}`, Value: { Ref: id } };
  });
  if (spec.instanceProfile) {
    resources.InstanceProfile = {
      Type: 'AWS::IAM::InstanceProfile',
      Properties: { InstanceProfileName: spec.roleName, Roles: [{ Ref: 'Role' }] },
    };
    outputs.InstanceProfileArn = {
      Description: 'ARN of the instance profile wrapping the role',
      Value: { 'Fn::GetAtt': ['InstanceProfile', 'Arn'] },
    };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: spec.description,
    Resources: resources,
    Outputs: outputs,
  };
}

export function identityStackYaml(spec: IdentityStackSpec): string {
  return yamlText(identityStackTemplate(spec));
}

export function ec2InstanceRoleStackYaml(role: Ec2InstanceRole): string {
  return identityStackYaml({
    description: `Grantwise: EC2 instance role ${role.roleName} with its instance profile`,
    roleName: role.roleName,
    roleDescription: 'Assumed by EC2 instances launched with the instance profile of the same name',
    trustPolicy: role.trustPolicy,
    policies: [{ name: role.policyName, document: role.permissionsPolicy }],
    instanceProfile: true,
  });
}

export function irsaStackYaml(role: IrsaRole): string {
  const sub = role.trustPolicy.Statement[0].Condition?.StringEquals?.[`${role.issuerHostPath}:sub`];
  return identityStackYaml({
    description: `Grantwise: IAM role for the Kubernetes service account ${String(sub).replace('system:serviceaccount:', '')}`,
    roleName: role.roleName,
    roleDescription: `Assumed through the OIDC provider ${role.issuerHostPath}`,
    trustPolicy: role.trustPolicy,
    policies: [{ name: role.policyName, document: role.permissionsPolicy }],
  });
}

/**
 * The argument vector that deploys a template (for a dry-run hand-over to an administrator, or to run with
 * execFile). Named IAM resources need CAPABILITY_NAMED_IAM.
 */
export function deployCommand(options: {
  stackName: string;
  templateFile: string;
  region?: string;
}): string[] {
  return [
    'aws',
    'cloudformation',
    'deploy',
    '--stack-name',
    options.stackName,
    '--template-file',
    options.templateFile,
    '--capabilities',
    'CAPABILITY_NAMED_IAM',
    ...(options.region ? ['--region', options.region] : []),
  ];
}

/** `deployCommand` as one line for a Markdown guide or a terminal (arguments quoted when needed). */
export function shellLine(argv: string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
