import { strict as assert } from 'node:assert';
import { CHECKS } from '../../../../src/core/iam/validate';
import { describeCases, findings, V, type CheckCase } from './policyCases';
import { actionCases, resourceCases } from './validate-actions-resources.test';
import { conditionCases } from './validate-conditions.test';
import { structureCases } from './validate-structure.test';

const OIDC = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const allow = (Action: unknown, Resource: unknown, extra: object = {}) => ({
  Version: V,
  Statement: [{ Effect: 'Allow', Action, Resource, ...extra }],
});
const trust = (Principal: unknown, Action: unknown, Condition?: unknown) => ({
  Version: V,
  Statement: [{ Effect: 'Allow', Principal, Action, ...(Condition ? { Condition } : {}) }],
});

export const securityCases: CheckCase[] = [
  {
    check: 'passrole-star-resource',
    kind: 'identity',
    bad: allow(['ec2:RunInstances', 'iam:PassRole'], '*'),
    path: '/Statement/0/Action/1',
    clean: allow('iam:PassRole', 'arn:aws:iam::123456789012:role/app', {
      Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
    }),
    data: { resourcePointer: '/Statement/0/Resource' },
  },
  {
    check: 'full-admin-access',
    kind: 'identity',
    bad: allow('*', '*'),
    path: '/Statement/0/Action',
    clean: allow('s3:ListAllMyBuckets', '*'),
  },
  {
    check: 'allow-with-notaction',
    kind: 'identity',
    bad: { Version: V, Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] },
    path: '/Statement/0/NotAction',
    clean: { Version: V, Statement: [{ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }] },
  },
  {
    check: 'allow-with-notresource',
    kind: 'identity',
    bad: {
      Version: V,
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }],
    },
    path: '/Statement/0/NotResource',
    clean: {
      Version: V,
      Statement: [{ Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::public/*' }],
    },
  },
  {
    check: 'allow-with-notprincipal',
    kind: 'resource',
    bad: {
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          NotPrincipal: { AWS: '123456789012' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
        },
      ],
    },
    path: '/Statement/0/NotPrincipal',
    clean: {
      Version: V,
      Statement: [
        {
          Effect: 'Deny',
          NotPrincipal: { AWS: '123456789012' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
        },
      ],
    },
  },
  {
    check: 'privilege-escalation',
    kind: 'identity',
    bad: allow(['iam:AttachUserPolicy', 'iam:ListUsers'], '*'),
    path: '/Statement/0/Action/0',
    clean: allow(['iam:CreateAccessKey', 'iam:ListAccessKeys'], 'arn:aws:iam::*:user/${aws:username}'),
    data: { actions: ['iam:AttachUserPolicy'], methods: ['attach a managed policy to a user'] },
  },
  {
    check: 'cross-account-trust-without-external-id',
    kind: 'trust',
    bad: trust({ AWS: 'arn:aws:iam::210987654321:user/UserSaasCapideployOperator' }, 'sts:AssumeRole'),
    path: '/Statement/0/Principal/AWS',
    clean: trust({ AWS: 'arn:aws:iam::210987654321:user/UserSaasCapideployOperator' }, 'sts:AssumeRole', {
      StringEquals: { 'sts:ExternalId': '5b3c7f52-0c0e-4c8e-9a51-5b3ad3b0c3d1' },
    }),
    data: { conditionKey: 'sts:ExternalId' },
  },
  {
    check: 'oidc-trust-missing-sub',
    kind: 'trust',
    bad: trust(
      { Federated: `arn:aws:iam::123456789012:oidc-provider/${OIDC}` },
      'sts:AssumeRoleWithWebIdentity',
      { StringEquals: { [`${OIDC}:aud`]: 'sts.amazonaws.com' } },
    ),
    path: '/Statement/0/Principal/Federated',
    clean: trust(
      { Federated: `arn:aws:iam::123456789012:oidc-provider/${OIDC}` },
      'sts:AssumeRoleWithWebIdentity',
      {
        StringEquals: {
          [`${OIDC}:aud`]: 'sts.amazonaws.com',
          [`${OIDC}:sub`]: 'system:serviceaccount:rok:rok',
        },
      },
    ),
    data: { subKey: `${OIDC}:sub`, audKey: `${OIDC}:aud` },
  },
  {
    check: 'service-principal-without-source-condition',
    kind: 'resource',
    bad: {
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::trail/AWSLogs/123456789012/*',
        },
      ],
    },
    path: '/Statement/0/Principal/Service',
    clean: {
      Version: V,
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::trail/AWSLogs/123456789012/*',
          Condition: {
            StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main' },
          },
        },
      ],
    },
  },
  {
    check: 'trust-wildcard-principal',
    kind: 'trust',
    bad: trust({ AWS: '*' }, 'sts:AssumeRole'),
    path: '/Statement/0/Principal/AWS',
    clean: trust({ AWS: '*' }, 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }),
  },
  {
    check: 'notprincipal-in-trust-policy',
    kind: 'trust',
    bad: {
      Version: V,
      Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' }],
    },
    path: '/Statement/0/NotPrincipal',
    clean: {
      Version: V,
      Statement: [{ Effect: 'Deny', Principal: { AWS: '210987654321' }, Action: 'sts:AssumeRole' }],
    },
  },
  {
    check: 'mismatched-action-for-principal',
    kind: 'trust',
    bad: trust({ Federated: `arn:aws:iam::123456789012:oidc-provider/${OIDC}` }, 'sts:AssumeRole', {
      StringEquals: { [`${OIDC}:sub`]: 'system:serviceaccount:a:b' },
    }),
    path: '/Statement/0/Action',
    clean: trust(
      { Federated: `arn:aws:iam::123456789012:oidc-provider/${OIDC}` },
      ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
      { StringEquals: { [`${OIDC}:sub`]: 'system:serviceaccount:a:b' } },
    ),
    data: { suggestion: 'sts:AssumeRoleWithWebIdentity' },
  },
];

describeCases('security', securityCases);

describe('validatePolicy: security details', () => {
  it('PassRole with EC2 on "*" is privilege escalation; scoped to one role it is not', () => {
    const broad = findings(allow(['ec2:RunInstances', 'iam:PassRole'], '*'), 'identity');
    assert.deepEqual(
      broad.map((f) => f.check),
      ['privilege-escalation', 'passrole-star-resource'],
    );
    const scoped = findings(
      {
        Version: V,
        Statement: [
          { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' },
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/AppInstance' },
        ],
      },
      'identity',
    );
    assert.deepEqual(scoped, []);
  });

  it('merges escalation sets sharing one anchor into one finding (iam:* on "*")', () => {
    const f = findings(allow('iam:*', '*'), 'identity').filter((x) => x.check === 'privilege-escalation');
    assert.equal(f.length, 1);
    assert.ok((f[0].data!.methods as string[]).length >= 10);
  });

  it('a same-account principal needs no external ID when the account is known', () => {
    const p = trust({ AWS: 'arn:aws:iam::123456789012:role/ci' }, 'sts:AssumeRole');
    assert.deepEqual(findings(p, 'trust', { accountId: '123456789012' }), []);
    assert.deepEqual(
      findings(p, 'trust', { accountId: '999999999999' }).map((f) => f.check),
      ['cross-account-trust-without-external-id'],
    );
  });

  it('covers every check id the validator declares, with a failing and a clean case', () => {
    const covered = [
      ...structureCases,
      ...actionCases,
      ...resourceCases,
      ...conditionCases,
      ...securityCases,
    ].map((c) => c.check);
    const declared = Object.keys(CHECKS).filter((id) => id !== 'json-syntax');
    assert.deepEqual([...new Set(covered)].sort(), declared.sort());
    for (const c of [
      ...structureCases,
      ...actionCases,
      ...resourceCases,
      ...conditionCases,
      ...securityCases,
    ]) {
      const f = findings(c.bad, c.kind, c.options).find((x) => x.check === c.check)!;
      assert.equal(f.severity, CHECKS[c.check].severity, c.check);
    }
  });
});
