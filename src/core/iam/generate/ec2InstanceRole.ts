import { policyOf, type PolicyJson } from './document';
import { checkAccountId, checkIamName, checkPartition } from './inputs';

export interface Ec2InstanceRoleOptions {
  roleName: string;
  accountId: string;
  /** What software on the instance may do, e.g. `generateS3AccessPolicy(...)`. */
  permissions: PolicyJson;
  /** Name of the managed policy holding `permissions`; defaults to `<roleName>-policy`. */
  policyName?: string;
  partition?: string;
}

export interface Ec2InstanceRole {
  roleName: string;
  roleArn: string;
  /** The instance profile has the role's name, as the console creates it. */
  instanceProfileName: string;
  instanceProfileArn: string;
  policyName: string;
  policyArn: string;
  trustPolicy: PolicyJson;
  permissionsPolicy: PolicyJson;
  /**
   * What the operator who launches instances with this profile needs besides the EC2 actions:
   * PassRole on this role only, and only to EC2, and reading the instance profile.
   */
  operatorPolicy: PolicyJson;
}

export function generateEc2InstanceRole(options: Ec2InstanceRoleOptions): Ec2InstanceRole {
  const partition = checkPartition(options.partition);
  const accountId = checkAccountId(options.accountId);
  const roleName = checkIamName(options.roleName, 'role');
  const policyName = checkIamName(options.policyName ?? `${roleName}-policy`, 'policy-name', 128);
  const iam = `arn:${partition}:iam::${accountId}`;
  const roleArn = `${iam}:role/${roleName}`;
  const instanceProfileArn = `${iam}:instance-profile/${roleName}`;
  return {
    roleName,
    roleArn,
    instanceProfileName: roleName,
    instanceProfileArn,
    policyName,
    policyArn: `${iam}:policy/${policyName}`,
    trustPolicy: policyOf([
      {
        Sid: 'GrantwiseEc2AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    ]),
    permissionsPolicy: options.permissions,
    operatorPolicy: policyOf([
      {
        Sid: 'GrantwisePassInstanceRole',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: roleArn,
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      },
      {
        Sid: 'GrantwiseReadInstanceProfile',
        Effect: 'Allow',
        Action: 'iam:GetInstanceProfile',
        Resource: instanceProfileArn,
      },
    ]),
  };
}
