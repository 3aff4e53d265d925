import { strict as assert } from 'node:assert';
import { generateEc2InstanceRole } from '../../../../../src/core/iam/generate/ec2InstanceRole';
import { generateS3AccessPolicy } from '../../../../../src/core/iam/generate/s3Access';
import { isGrantwiseError } from '../../../../../src/core/errors';

describe('generateEc2InstanceRole', () => {
  const permissions = generateS3AccessPolicy({ bucket: 'capillaries-testbucket' });
  const role = generateEc2InstanceRole({
    roleName: 'RoleAccessCapillariesTestbucket',
    accountId: '123456789012',
    permissions,
  });

  it('names the role, its same-named instance profile and the policy', () => {
    assert.equal(role.roleArn, 'arn:aws:iam::123456789012:role/RoleAccessCapillariesTestbucket');
    assert.equal(role.instanceProfileName, 'RoleAccessCapillariesTestbucket');
    assert.equal(
      role.instanceProfileArn,
      'arn:aws:iam::123456789012:instance-profile/RoleAccessCapillariesTestbucket',
    );
    assert.equal(role.policyName, 'RoleAccessCapillariesTestbucket-policy');
    assert.equal(role.policyArn, 'arn:aws:iam::123456789012:policy/RoleAccessCapillariesTestbucket-policy');
    assert.equal(role.permissionsPolicy, permissions);
  });

  it('is trusted by ec2.amazonaws.com only', () => {
    assert.deepEqual(role.trustPolicy, {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'GrantwiseEc2AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'ec2.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    });
  });

  it('gives the operator PassRole on this role only, only to EC2', () => {
    assert.deepEqual(role.operatorPolicy.Statement, [
      {
        Sid: 'GrantwisePassInstanceRole',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: 'arn:aws:iam::123456789012:role/RoleAccessCapillariesTestbucket',
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      },
      {
        Sid: 'GrantwiseReadInstanceProfile',
        Effect: 'Allow',
        Action: 'iam:GetInstanceProfile',
        Resource: 'arn:aws:iam::123456789012:instance-profile/RoleAccessCapillariesTestbucket',
      },
    ]);
  });

  it('refuses a bad account id and a bad role name', () => {
    assert.throws(
      () => generateEc2InstanceRole({ roleName: 'R', accountId: '1234', permissions }),
      (e: unknown) =>
        isGrantwiseError(e) && e.code === 'generate.invalid-account' && /12-digit/.test(e.remedy!),
    );
    assert.throws(
      () => generateEc2InstanceRole({ roleName: 'has space', accountId: '123456789012', permissions }),
      (e: unknown) => isGrantwiseError(e) && e.code === 'generate.invalid-role',
    );
  });
});
