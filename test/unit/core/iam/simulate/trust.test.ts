import { strict as assert } from 'node:assert';
import { simulate } from '../../../../../src/core/iam/simulate/engine';
import { simulateTrust } from '../../../../../src/core/iam/simulate/trust';

const SAAS_USER = 'arn:aws:iam::999988887777:user/UserSaasCapideployOperator';

/** Seed 001: the customer role trusts the SaaS user under an ExternalId. */
const externalIdTrust = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: SAAS_USER },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'someExternalId' } },
    },
  ],
};

const ISSUER = 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

/** Seed 003: the IRSA trust for service account rok/rok. */
const irsaTrust = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${ISSUER}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${ISSUER}:sub`]: 'system:serviceaccount:rok:rok',
          [`${ISSUER}:aud`]: 'sts.amazonaws.com',
        },
      },
    },
  ],
};

describe('simulateTrust', () => {
  describe('a cross-account trust with ExternalId', () => {
    const principal = { type: 'AWS' as const, id: SAAS_USER };

    it('allows the trusted user with the right external id', () => {
      const d = simulateTrust({ trustPolicy: externalIdTrust, principal, externalId: 'someExternalId' });
      assert.equal(d.decision, 'Allowed');
      assert.deepEqual(d.matched, [{ policyId: 'trust policy', path: '/Statement/0', effect: 'Allow' }]);
    });

    it('denies the trusted user without or with a wrong external id, naming sts:ExternalId', () => {
      const without = simulateTrust({ trustPolicy: externalIdTrust, principal });
      assert.equal(without.decision, 'ImplicitDeny');
      assert.equal(
        without.explanation[1],
        'trust policy /Statement/0 (Allow) does not apply: condition not met: StringEquals sts:ExternalId: the request has no sts:ExternalId.',
      );
      const wrong = simulateTrust({ trustPolicy: externalIdTrust, principal, externalId: 'guess' });
      assert.equal(wrong.decision, 'ImplicitDeny');
      assert.match(wrong.explanation[1], /request value "guess" matches none of "someExternalId"/);
    });

    it('denies another user of the same account even with the right external id', () => {
      const d = simulateTrust({
        trustPolicy: externalIdTrust,
        principal: { type: 'AWS', id: 'arn:aws:iam::999988887777:user/intern' },
        externalId: 'someExternalId',
      });
      assert.equal(d.decision, 'ImplicitDeny');
      assert.equal(
        d.explanation[1],
        'trust policy /Statement/0 (Allow) does not apply: Principal does not match: AWS principal arn:aws:iam::999988887777:user/intern is not named.',
      );
    });
  });

  describe('an IRSA trust', () => {
    it('allows the service account token with the right sub and aud', () => {
      const d = simulateTrust({
        trustPolicy: irsaTrust,
        oidc: { issuer: `https://${ISSUER}`, sub: 'system:serviceaccount:rok:rok', aud: 'sts.amazonaws.com' },
      });
      assert.equal(d.decision, 'Allowed');
    });

    it('denies a token for another service account or audience', () => {
      const sub = simulateTrust({
        trustPolicy: irsaTrust,
        oidc: {
          issuer: `https://${ISSUER}`,
          sub: 'system:serviceaccount:default:other',
          aud: 'sts.amazonaws.com',
        },
      });
      assert.equal(sub.decision, 'ImplicitDeny');
      assert.match(
        sub.explanation[1],
        new RegExp(`StringEquals ${ISSUER}:sub: request value "system:serviceaccount:default:other"`),
      );
      const aud = simulateTrust({
        trustPolicy: irsaTrust,
        oidc: { issuer: ISSUER, sub: 'system:serviceaccount:rok:rok', aud: 'example.com' },
      });
      assert.equal(aud.decision, 'ImplicitDeny');
      assert.match(
        aud.explanation[1],
        /:aud: request value "example.com" matches none of "sts.amazonaws.com"/,
      );
    });

    it('denies a token from another cluster and plain AssumeRole', () => {
      const otherIssuer = 'oidc.eks.us-west-2.amazonaws.com/id/0000000000000000000000000000000';
      const d = simulateTrust({
        trustPolicy: irsaTrust,
        oidc: { issuer: otherIssuer, sub: 'system:serviceaccount:rok:rok', aud: 'sts.amazonaws.com' },
      });
      assert.equal(d.decision, 'ImplicitDeny');
      assert.match(d.explanation[1], /Principal does not match: Federated principal/);
      const assume = simulateTrust({
        trustPolicy: irsaTrust,
        action: 'sts:AssumeRole',
        oidc: { issuer: ISSUER, sub: 'system:serviceaccount:rok:rok', aud: 'sts.amazonaws.com' },
      });
      assert.equal(assume.decision, 'ImplicitDeny');
    });
  });

  describe('account principals', () => {
    const rootTrust = (value: string) => ({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Principal: { AWS: value }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
    });

    it('lets the account root ARN or bare account id trust every principal of that account', () => {
      for (const value of ['arn:aws:iam::444455556666:root', '444455556666']) {
        for (const id of [
          'arn:aws:iam::444455556666:user/deployer',
          'arn:aws:iam::444455556666:role/ci',
          'arn:aws:sts::444455556666:assumed-role/ci/session-1',
          '444455556666',
        ]) {
          const d = simulateTrust({ trustPolicy: rootTrust(value), principal: { type: 'AWS', id } });
          assert.equal(d.decision, 'Allowed', `${value} trusting ${id}`);
        }
        const other = simulateTrust({
          trustPolicy: rootTrust(value),
          principal: { type: 'AWS', id: 'arn:aws:iam::777788889999:user/deployer' },
        });
        assert.equal(other.decision, 'ImplicitDeny', `${value} trusting another account`);
      }
    });

    it('evaluates sts:TagSession like the other trust actions', () => {
      const d = simulateTrust({
        trustPolicy: rootTrust('444455556666'),
        principal: { type: 'AWS', id: 'arn:aws:iam::444455556666:user/deployer' },
        action: 'sts:TagSession',
      });
      assert.equal(d.decision, 'Allowed');
    });

    it('lets a role ARN principal match that role’s sessions', () => {
      const trust = {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:role/path/ci' },
          Action: 'sts:AssumeRole',
        },
      };
      const session = { type: 'AWS' as const, id: 'arn:aws:sts::444455556666:assumed-role/ci/build-42' };
      assert.equal(simulateTrust({ trustPolicy: trust, principal: session }).decision, 'Allowed');
      const otherRole = { type: 'AWS' as const, id: 'arn:aws:sts::444455556666:assumed-role/admin/x' };
      assert.equal(simulateTrust({ trustPolicy: trust, principal: otherRole }).decision, 'ImplicitDeny');
    });
  });

  it('trusts a service principal, case-insensitively, and nothing else (seed 001 EC2 role)', () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    assert.equal(
      simulateTrust({ trustPolicy: trust, principal: { type: 'Service', id: 'EC2.amazonaws.com' } }).decision,
      'Allowed',
    );
    assert.equal(
      simulateTrust({ trustPolicy: trust, principal: { type: 'Service', id: 'lambda.amazonaws.com' } })
        .decision,
      'ImplicitDeny',
    );
    assert.equal(
      simulateTrust({ trustPolicy: trust, principal: { type: 'AWS', id: '111122223333' } }).decision,
      'ImplicitDeny',
    );
  });

  it('evaluates SAML federation with its audience condition', () => {
    const provider = 'arn:aws:iam::111122223333:saml-provider/Okta';
    const trust = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: provider },
        Action: 'sts:AssumeRoleWithSAML',
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      },
    };
    const ok = simulateTrust({
      trustPolicy: trust,
      principal: { type: 'Federated', id: provider },
      action: 'sts:AssumeRoleWithSAML',
      context: { 'saml:aud': 'https://signin.aws.amazon.com/saml' },
    });
    assert.equal(ok.decision, 'Allowed');
  });

  it('lets a wildcard principal in, and a Deny with NotPrincipal keep everyone but the named role out', () => {
    const bucketPolicy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' },
        {
          Effect: 'Deny',
          NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/reader' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::shared/private/*',
        },
      ],
    };
    const policies = [{ id: 'bucket-policy.json', document: bucketPolicy, kind: 'resource' as const }];
    const reader = { type: 'AWS' as const, id: 'arn:aws:sts::111122223333:assumed-role/reader/s' };
    const stranger = { type: 'AWS' as const, id: 'arn:aws:iam::999988887777:user/x' };
    const at = (resource: string, principal: typeof reader) =>
      simulate({ action: 's3:GetObject', resource, principal, context: {} }, policies).decision;
    assert.equal(at('arn:aws:s3:::shared/public/a', stranger), 'Allowed');
    assert.equal(at('arn:aws:s3:::shared/private/a', stranger), 'ExplicitDeny');
    assert.equal(at('arn:aws:s3:::shared/private/a', reader), 'Allowed');
  });
});
