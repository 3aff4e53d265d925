import { strict as assert } from 'node:assert';
import { describeCases, findings, V, type CheckCase } from './policyCases';

const withCondition = (
  Condition: unknown,
  Action: unknown = 's3:GetObject',
  Resource: unknown = 'arn:aws:s3:::b/*',
) => ({
  Version: V,
  Statement: [{ Effect: 'Allow', Action, Resource, Condition }],
});

export const conditionCases: CheckCase[] = [
  {
    check: 'invalid-condition-operator',
    kind: 'identity',
    bad: withCondition({ StringEqual: { 'aws:PrincipalOrgID': 'o-1' } }),
    path: '/Statement/0/Condition/StringEqual',
    clean: withCondition({ StringEquals: { 'aws:PrincipalOrgID': 'o-1' } }),
    data: { suggestion: 'StringEquals' },
  },
  {
    check: 'unknown-condition-key',
    kind: 'identity',
    bad: withCondition({ StringEquals: { 'aws:PrincipalOrgId2': 'o-1' } }),
    path: '/Statement/0/Condition/StringEquals/aws:PrincipalOrgId2',
    clean: withCondition({ StringEquals: { 'aws:principalorgid': 'o-1' } }),
  },
  {
    check: 'condition-key-not-applicable',
    kind: 'identity',
    bad: withCondition({ StringLike: { 's3:prefix': 'home/*' } }),
    path: '/Statement/0/Condition/StringLike/s3:prefix',
    clean: withCondition({ StringLike: { 's3:prefix': 'home/*' } }, 's3:ListBucket', 'arn:aws:s3:::b'),
  },
  {
    check: 'condition-type-mismatch',
    kind: 'identity',
    bad: withCondition({ NumericEquals: { 'aws:SourceIp': '1' } }),
    path: '/Statement/0/Condition/NumericEquals/aws:SourceIp',
    clean: withCondition({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
  },
  {
    check: 'invalid-condition-value',
    kind: 'identity',
    bad: withCondition({ DateGreaterThan: { 'aws:CurrentTime': 'tomorrow' } }),
    path: '/Statement/0/Condition/DateGreaterThan/aws:CurrentTime',
    clean: withCondition({ DateGreaterThan: { 'aws:CurrentTime': '2026-01-31T00:00:00Z' } }),
  },
  {
    check: 'null-with-ifexists',
    kind: 'identity',
    bad: withCondition({ NullIfExists: { 'aws:TokenIssueTime': 'true' } }),
    path: '/Statement/0/Condition/NullIfExists',
    clean: withCondition({ Null: { 'aws:TokenIssueTime': 'false' } }),
    data: { suggestion: 'Null' },
  },
  {
    check: 'forallvalues-single-valued-key',
    kind: 'identity',
    bad: withCondition({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-1' } }),
    path: '/Statement/0/Condition/ForAllValues:StringEquals',
    clean: withCondition(
      { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } },
      's3:PutObjectTagging',
    ),
    data: { suggestion: 'StringEquals' },
  },
  {
    check: 'wildcard-without-like-operator',
    kind: 'identity',
    bad: withCondition({ StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/app-*' } }),
    path: '/Statement/0/Condition/StringEquals/aws:PrincipalArn',
    clean: withCondition({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/app-*' } }),
    data: { suggestion: 'StringLike' },
  },
  {
    check: 'invalid-policy-variable',
    kind: 'identity',
    bad: withCondition(undefined, 's3:GetObject', 'arn:aws:s3:::b/${aws:user-name}/*'),
    path: '/Statement/0/Resource',
    clean: withCondition(undefined, 's3:GetObject', 'arn:aws:s3:::b/${aws:username}/*'),
  },
  {
    check: 'variable-unsupported-in-element',
    kind: 'identity',
    bad: withCondition(undefined, 's3:${aws:username}', '*'),
    path: '/Statement/0/Action',
    clean: withCondition(undefined, 's3:ListAllMyBuckets', '*'),
  },
  {
    check: 'variable-unsupported-in-version',
    kind: 'identity',
    bad: {
      Version: '2008-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }],
    },
    path: '/Statement/0/Resource',
    clean: {
      Version: '2008-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/shared/*' }],
    },
    data: { suggestion: V },
  },
  {
    check: 'private-ip-address',
    kind: 'identity',
    bad: withCondition({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '10.0.0.0/8'] } }),
    path: '/Statement/0/Condition/IpAddress/aws:SourceIp/1',
    clean: withCondition({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' } }),
    data: { suggestion: 'aws:VpcSourceIp' },
  },
  {
    check: 'improve-ip-range',
    kind: 'identity',
    bad: withCondition({ NotIpAddress: { 'aws:SourceIp': '203.0.113.77/24' } }),
    path: '/Statement/0/Condition/NotIpAddress/aws:SourceIp',
    clean: withCondition({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
    data: { suggestion: '203.0.113.0/24' },
  },
];

describeCases('conditions', conditionCases);

describe('validatePolicy: condition details', () => {
  it('accepts identity-provider claim keys, tag keys and ARN keys with String operators', () => {
    const ok = withCondition({
      StringEquals: {
        'aws:ResourceTag/team': '${aws:PrincipalTag/team}',
        's3:ExistingObjectTag/classification': 'public',
      },
      StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ci-*' },
      Bool: { 'aws:SecureTransport': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
    });
    assert.deepEqual(findings(ok, 'identity'), []);
  });

  it('reads operators case-insensitively and with IfExists and qualifiers', () => {
    const ok = withCondition(
      { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': 'team*' } },
      's3:PutObjectTagging',
    );
    assert.deepEqual(findings(ok, 'identity'), []);
  });

  it('a Bool condition with a non-boolean value is invalid', () => {
    const f = findings(withCondition({ Bool: { 'aws:SecureTransport': 'yes' } }), 'identity');
    assert.deepEqual(
      f.map((x) => `${x.check} ${x.path}`),
      ['invalid-condition-value /Statement/0/Condition/Bool/aws:SecureTransport'],
    );
  });
});
