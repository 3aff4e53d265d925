import { strict as assert } from 'node:assert';
import { findings, V } from './policyCases';

const OIDC = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const EC2_OPERATOR_ACTIONS = [
  'ec2:AllocateAddress',
  'ec2:AssociateAddress',
  'ec2:AssociateIamInstanceProfile',
  'ec2:AssociateRouteTable',
  'ec2:AttachInternetGateway',
  'ec2:AttachVolume',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:CreateImage',
  'ec2:CreateInternetGateway',
  'ec2:CreateNatGateway',
  'ec2:CreateRoute',
  'ec2:CreateRouteTable',
  'ec2:CreateSecurityGroup',
  'ec2:CreateSubnet',
  'ec2:CreateTags',
  'ec2:CreateVolume',
  'ec2:CreateVpc',
  'ec2:DeleteInternetGateway',
  'ec2:DeleteNatGateway',
  'ec2:DeleteRouteTable',
  'ec2:DeleteSecurityGroup',
  'ec2:DeleteSnapshot',
  'ec2:DeleteSubnet',
  'ec2:DeleteVolume',
  'ec2:DeleteVpc',
  'ec2:DeregisterImage',
  'ec2:DescribeAddresses',
  'ec2:DescribeImages',
  'ec2:DescribeInstances',
  'ec2:DescribeInstanceTypes',
  'ec2:DescribeInternetGateways',
  'ec2:DescribeKeyPairs',
  'ec2:DescribeNatGateways',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSnapshots',
  'ec2:DescribeSubnets',
  'ec2:DescribeTags',
  'ec2:DescribeVolumes',
  'ec2:DescribeVpcs',
  'ec2:DetachInternetGateway',
  'ec2:DetachVolume',
  'ec2:ReleaseAddress',
  'ec2:RunInstances',
  'ec2:TerminateInstances',
  'iam:GetInstanceProfile',
  'tag:GetResources',
];

/** Realistic policies that must produce no finding at all: false positives destroy trust. */
const CLEAN: Array<[string, 'identity' | 'trust' | 'resource', unknown]> = [
  [
    'bucket/object split (seed 001)',
    'identity',
    {
      Version: V,
      Statement: [
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::capillaries-testbucket' },
        {
          Effect: 'Allow',
          Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
          Resource: 'arn:aws:s3:::capillaries-testbucket/*',
        },
      ],
    },
  ],
  [
    'EC2 service trust (seed 001)',
    'trust',
    {
      Version: V,
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
  ],
  [
    'operator policy with Resource "*" EC2 actions and scoped PassRole (seed 001)',
    'identity',
    {
      Version: V,
      Statement: [
        { Effect: 'Allow', Action: EC2_OPERATOR_ACTIONS, Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: 'arn:aws:iam::123456789012:role/RoleAccessCapillariesTestbucket',
        },
      ],
    },
  ],
  [
    'cross-account trust with ExternalId (seed 001)',
    'trust',
    {
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::210987654321:user/UserSaasCapideployOperator' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'someExternalId' } },
        },
      ],
    },
  ],
  [
    'scoped PassRole with iam:PassedToService',
    'identity',
    {
      Version: V,
      Statement: [
        {
          Sid: 'PassAppRole',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: 'arn:aws:iam::123456789012:role/app/*',
          Condition: {
            StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'lambda.amazonaws.com'] },
          },
        },
      ],
    },
  ],
  [
    'IRSA trust with sub and aud (seed 003)',
    'trust',
    {
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${OIDC}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${OIDC}:sub`]: 'system:serviceaccount:rok:rok',
              [`${OIDC}:aud`]: 'sts.amazonaws.com',
            },
          },
        },
      ],
    },
  ],
  [
    'S3 bucket-prefix policy (seed 003)',
    'identity',
    {
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::rok-us-east-1-cluster-*', 'arn:aws:s3:::rok-us-east-1-cluster-*/*'],
        },
        { Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'], Resource: '*' },
      ],
    },
  ],
  [
    'Deny with NotAction unless MFA',
    'identity',
    {
      Version: V,
      Statement: [
        {
          Sid: 'DenyAllExceptMfaSetupWithoutMfa',
          Effect: 'Deny',
          NotAction: [
            'iam:CreateVirtualMFADevice',
            'iam:EnableMFADevice',
            'iam:GetUser',
            'iam:ListMFADevices',
            'sts:GetSessionToken',
          ],
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ],
    },
  ],
  [
    '${aws:username} self-service in 2012-10-17',
    'identity',
    {
      Version: V,
      Statement: [
        {
          Sid: 'OwnAccessKeys',
          Effect: 'Allow',
          Action: ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys', 'iam:UpdateAccessKey'],
          Resource: 'arn:aws:iam::*:user/${aws:username}',
        },
        {
          Sid: 'ListHome',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::home-bucket',
          Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } },
        },
        {
          Sid: 'UseHome',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: 'arn:aws:s3:::home-bucket/home/${aws:username}/*',
        },
      ],
    },
  ],
  [
    'GitHub Actions OIDC trust',
    'trust',
    {
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' },
          },
        },
      ],
    },
  ],
  [
    'bucket policy enforcing TLS for the own org',
    'resource',
    {
      Version: V,
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'OrgRead',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
        },
      ],
    },
  ],
  [
    'KMS and DynamoDB with region/account ARNs and tag conditions',
    'identity',
    {
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
        },
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
          Resource: [
            'arn:aws:dynamodb:us-east-1:123456789012:table/orders',
            'arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/*',
          ],
        },
        {
          Effect: 'Allow',
          Action: 'ec2:StartInstances',
          Resource: 'arn:aws:ec2:*:123456789012:instance/*',
          Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
        },
      ],
    },
  ],
];

describe('validatePolicy: realistic clean policies', () => {
  for (const [name, kind, policy] of CLEAN) {
    it(`${name}: no findings`, () => {
      assert.deepEqual(
        findings(policy, kind).map((f) => `${f.severity} ${f.check} ${f.path}: ${f.message}`),
        [],
      );
    });
  }
});
