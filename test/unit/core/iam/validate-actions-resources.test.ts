import { strict as assert } from 'node:assert';
import { describeCases, findings, V, type CheckCase } from './policyCases';

const stmt = (Action: unknown, Resource: unknown = '*') => ({
  Version: V,
  Statement: [{ Effect: 'Allow', Action, Resource }],
});

export const actionCases: CheckCase[] = [
  {
    check: 'unknown-service',
    kind: 'identity',
    bad: stmt('s4:GetObject', 'arn:aws:s3:::b/*'),
    path: '/Statement/0/Action',
    clean: stmt('s3:GetObject', 'arn:aws:s3:::b/*'),
    data: { suggestion: 's3:GetObject' },
  },
  {
    check: 'unknown-action',
    kind: 'identity',
    bad: stmt(['s3:GetObjekt'], 'arn:aws:s3:::b/*'),
    path: '/Statement/0/Action/0',
    clean: stmt(['s3:GetObject'], 'arn:aws:s3:::b/*'),
    data: { suggestion: 's3:GetObject' },
  },
  {
    check: 'invalid-action-format',
    kind: 'identity',
    bad: stmt('s3 GetObject', 'arn:aws:s3:::b/*'),
    path: '/Statement/0/Action',
    clean: stmt('s3:GetObject', 'arn:aws:s3:::b/*'),
  },
  {
    check: 'redundant-action',
    kind: 'identity',
    bad: stmt(['s3:Get*', 's3:List*', 's3:GetObject'], 'arn:aws:s3:::b/*'),
    path: '/Statement/0/Action/2',
    clean: stmt(['s3:GetObject', 's3:GetObjectVersion'], 'arn:aws:s3:::b/*'),
    data: { duplicateOf: '/Statement/0/Action/0' },
  },
  {
    check: 'wildcard-matches-nothing',
    kind: 'identity',
    bad: stmt('ec2:DescribeInstancez*'),
    path: '/Statement/0/Action',
    clean: stmt('ec2:DescribeInstance*'),
  },
];

export const resourceCases: CheckCase[] = [
  {
    check: 'invalid-arn',
    kind: 'identity',
    bad: stmt('s3:GetObject', 'my-bucket/*'),
    path: '/Statement/0/Resource',
    clean: stmt('s3:GetObject', 'arn:aws:s3:::my-bucket/*'),
  },
  {
    check: 'invalid-partition',
    kind: 'identity',
    bad: stmt('s3:GetObject', 'arn:amazon:s3:::b/*'),
    path: '/Statement/0/Resource',
    clean: stmt('s3:GetObject', 'arn:aws-cn:s3:::b/*'),
    data: { suggestion: 'arn:aws:s3:::b/*' },
  },
  {
    check: 'invalid-arn-service-case',
    kind: 'identity',
    bad: stmt('s3:GetObject', 'arn:aws:S3:::b/*'),
    path: '/Statement/0/Resource',
    clean: stmt('s3:GetObject', 'arn:aws:s3:::b/*'),
    data: { suggestion: 'arn:aws:s3:::b/*' },
  },
  {
    check: 'arn-region-not-allowed',
    kind: 'identity',
    bad: stmt('s3:ListBucket', 'arn:aws:s3:us-east-1::b'),
    path: '/Statement/0/Resource',
    clean: stmt('s3:ListBucket', 'arn:aws:s3:::b'),
    data: { suggestion: 'arn:aws:s3:::b' },
  },
  {
    check: 'arn-account-not-allowed',
    kind: 'identity',
    bad: stmt('s3:ListBucket', 'arn:aws:s3::123456789012:b'),
    path: '/Statement/0/Resource',
    clean: stmt('s3:ListBucket', 'arn:aws:s3:*:*:b'),
    data: { suggestion: 'arn:aws:s3:::b' },
  },
  {
    check: 'action-resource-mismatch',
    kind: 'identity',
    bad: stmt(['s3:ListBucket', 's3:GetObject'], 'arn:aws:s3:::b'),
    path: '/Statement/0/Action/1',
    clean: stmt(['s3:ListBucket', 's3:GetObject'], ['arn:aws:s3:::b', 'arn:aws:s3:::b/*']),
    data: { bucketArn: 'arn:aws:s3:::b', objectArn: 'arn:aws:s3:::b/*' },
  },
  {
    check: 'redundant-resource',
    kind: 'identity',
    bad: stmt('s3:GetObject', ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/reports']),
    path: '/Statement/0/Resource/1',
    clean: stmt('s3:GetObject', ['arn:aws:s3:::b/*', 'arn:aws:s3:::c/*']),
    data: { duplicateOf: '/Statement/0/Resource/0' },
  },
];

describeCases('actions', actionCases);
describeCases('resources', resourceCases);

describe('validatePolicy: action and resource details', () => {
  it('flags s3:ListBucket on objects with the bucket ARN as the fix', () => {
    const f = findings(stmt('s3:ListBucket', 'arn:aws:s3:::b/*'), 'identity');
    assert.deepEqual(
      f.map((x) => [x.check, x.path, x.data]),
      [
        [
          'action-resource-mismatch',
          '/Statement/0/Action',
          { bucketArn: 'arn:aws:s3:::b', objectArn: 'arn:aws:s3:::b/*' },
        ],
      ],
    );
  });

  it('flags an action that takes only "*" when the statement names ARNs', () => {
    const f = findings(
      stmt('ec2:DescribeInstances', 'arn:aws:ec2:us-east-1:123456789012:instance/*'),
      'identity',
    );
    assert.deepEqual(
      f.map((x) => x.check),
      ['action-resource-mismatch'],
    );
    assert.match(f[0].message, /only Resource "\*"/);
  });

  it('accepts role paths, wildcards and policy variables in ARNs that match the format', () => {
    const ok = stmt(
      ['iam:PassRole', 'iam:GetRole'],
      ['arn:aws:iam::123456789012:role/service-role/app-*', 'arn:aws:iam::*:role/${aws:PrincipalTag/team}-*'],
    );
    assert.deepEqual(findings(ok, 'identity'), []);
  });

  it('does not judge a statement whose service part or actions are wildcards it cannot pin down', () => {
    assert.deepEqual(findings(stmt('s3:*', ['arn:aws:s3:::b', 'arn:aws:s3:::b/*']), 'identity'), []);
    assert.deepEqual(findings(stmt('*', 'arn:aws:s3:::b'), 'identity'), []);
  });

  it('reports an exact duplicate action once, pointing at the first copy', () => {
    const f = findings(stmt(['s3:GetObject', 'S3:getobject'], 'arn:aws:s3:::b/*'), 'identity');
    assert.deepEqual(
      f.map((x) => [x.check, x.path, x.data]),
      [['redundant-action', '/Statement/0/Action/1', { duplicateOf: '/Statement/0/Action/0' }]],
    );
  });
});
