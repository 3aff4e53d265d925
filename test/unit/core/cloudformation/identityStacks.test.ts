import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import {
  deployCommand,
  ec2InstanceRoleStackYaml,
  identityStackTemplate,
  irsaStackYaml,
  shellLine,
} from '../../../../src/core/cloudformation/identityStacks';
import { generateEc2InstanceRole } from '../../../../src/core/iam/generate/ec2InstanceRole';
import { generateIrsaRole } from '../../../../src/core/iam/generate/irsa';
import { generateS3AccessPolicy } from '../../../../src/core/iam/generate/s3Access';

const role = generateEc2InstanceRole({
  roleName: 'RoleAccessCapillariesTestbucket',
  accountId: '123456789012',
  permissions: generateS3AccessPolicy({ bucket: 'capillaries-testbucket' }),
});
const irsa = generateIrsaRole({
  issuer: 'https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
  namespace: 'rok',
  serviceAccount: 'rok-s3',
  accountId: '123456789012',
  bucket: 'rok-data',
  prefix: 'snapshots',
  clusterName: 'prod',
});

describe('identity stacks', () => {
  it('EC2 role stack: the role, its managed policy and the instance profile, with outputs', () => {
    const t = parse(ec2InstanceRoleStackYaml(role));
    assert.equal(t.AWSTemplateFormatVersion, '2010-09-09');
    assert.deepEqual(Object.keys(t.Resources), ['Role', 'Policy', 'InstanceProfile']);
    assert.deepEqual(t.Resources.Role.Properties.AssumeRolePolicyDocument, role.trustPolicy);
    assert.deepEqual(t.Resources.Policy.Properties, {
      ManagedPolicyName: 'RoleAccessCapillariesTestbucket-policy',
      PolicyDocument: role.permissionsPolicy,
      Roles: [{ Ref: 'Role' }],
    });
    assert.deepEqual(t.Resources.InstanceProfile, {
      Type: 'AWS::IAM::InstanceProfile',
      Properties: { InstanceProfileName: 'RoleAccessCapillariesTestbucket', Roles: [{ Ref: 'Role' }] },
    });
    assert.deepEqual(Object.keys(t.Outputs), ['RoleArn', 'PolicyArn', 'InstanceProfileArn']);
  });

  it('IRSA stack round-trips the trust and the prefix policy exactly', () => {
    const text = irsaStackYaml(irsa);
    const t = parse(text);
    assert.equal(t.Resources.Role.Properties.RoleName, 'grantwise-irsa-prod-rok-rok-s3');
    assert.deepEqual(t.Resources.Role.Properties.AssumeRolePolicyDocument, irsa.trustPolicy);
    assert.deepEqual(t.Resources.Policy.Properties.PolicyDocument, irsa.permissionsPolicy);
    assert.equal(t.Description, 'Grantwise: IAM role for the Kubernetes service account rok:rok-s3');
    assert.equal(irsaStackYaml(irsa), text, 'deterministic');
  });

  it('numbers several policies and omits the instance profile unless asked', () => {
    const t = identityStackTemplate({
      description: 'd',
      roleName: 'r',
      trustPolicy: role.trustPolicy,
      policies: [
        { name: 'a', document: role.permissionsPolicy },
        { name: 'b', document: role.operatorPolicy },
      ],
    });
    assert.deepEqual(Object.keys(t.Resources as object), ['Role', 'Policy1', 'Policy2']);
  });

  it('deploys with CAPABILITY_NAMED_IAM, as an argument vector and a quoted line', () => {
    const argv = deployCommand({
      stackName: irsa.stackName,
      templateFile: 'my stack.yaml',
      region: 'us-west-2',
    });
    assert.deepEqual(argv, [
      'aws',
      'cloudformation',
      'deploy',
      '--stack-name',
      'grantwise-irsa-us-west-2-prod-rok-rok-s3',
      '--template-file',
      'my stack.yaml',
      '--capabilities',
      'CAPABILITY_NAMED_IAM',
      '--region',
      'us-west-2',
    ]);
    assert.equal(
      shellLine(argv),
      "aws cloudformation deploy --stack-name grantwise-irsa-us-west-2-prod-rok-rok-s3 --template-file 'my stack.yaml' --capabilities CAPABILITY_NAMED_IAM --region us-west-2",
    );
  });
});
