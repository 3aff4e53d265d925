import { strict as assert } from 'node:assert';
import { simulate } from '../../../../../src/core/iam/simulate/engine';
import type { PolicyInput, SimulationRequest } from '../../../../../src/core/iam/simulate/request';

const BUCKET = 'arn:aws:s3:::capillaries-testbucket';

/** Seed 001's bucket access policy: ListBucket on the bucket, object actions on bucket/*. */
const bucketPolicy: PolicyInput = {
  id: 'bucket.policy.json',
  document: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET },
      {
        Effect: 'Allow',
        Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Resource: `${BUCKET}/*`,
      },
    ],
  },
};

function req(
  action: string,
  resource: string,
  context: SimulationRequest['context'] = {},
): SimulationRequest {
  return { action, resource, context };
}

describe('simulate', () => {
  describe('the bucket/object split', () => {
    it('allows ListBucket on the bucket and object actions on its keys, naming the statement', () => {
      const list = simulate(req('s3:ListBucket', BUCKET), [bucketPolicy]);
      assert.equal(list.decision, 'Allowed');
      assert.deepEqual(list.matched, [
        { policyId: 'bucket.policy.json', path: '/Statement/0', effect: 'Allow' },
      ]);
      assert.equal(
        list.explanation[0],
        `Allowed: bucket.policy.json /Statement/0 allows s3:ListBucket on ${BUCKET}, and no Deny applies.`,
      );

      const get = simulate(req('s3:GetObject', `${BUCKET}/data/in.csv`), [bucketPolicy]);
      assert.equal(get.decision, 'Allowed');
      assert.deepEqual(
        get.matched.map((m) => m.path),
        ['/Statement/1'],
      );
    });

    it('denies object actions on the bucket ARN and ListBucket on bucket/*, saying which element failed', () => {
      const get = simulate(req('s3:GetObject', BUCKET), [bucketPolicy]);
      assert.equal(get.decision, 'ImplicitDeny');
      assert.deepEqual(get.matched, []);
      assert.deepEqual(get.explanation, [
        `ImplicitDeny: no statement allows s3:GetObject on ${BUCKET}, so it is denied by default.`,
        'bucket.policy.json /Statement/0 (Allow) does not apply: action s3:GetObject is not in Action.',
        `bucket.policy.json /Statement/1 (Allow) does not apply: resource ${BUCKET} is not in Resource.`,
      ]);
      assert.equal(simulate(req('s3:ListBucket', `${BUCKET}/x`), [bucketPolicy]).decision, 'ImplicitDeny');
    });

    it('matches actions case-insensitively and resources case-sensitively', () => {
      assert.equal(simulate(req('S3:getobject', `${BUCKET}/a`), [bucketPolicy]).decision, 'Allowed');
      assert.equal(
        simulate(req('s3:GetObject', `${BUCKET.toUpperCase()}/a`), [bucketPolicy]).decision,
        'ImplicitDeny',
      );
    });
  });

  it('lets an explicit Deny in one policy beat an Allow in another', () => {
    const guard: PolicyInput = {
      id: 'guard.json',
      document: {
        Version: '2012-10-17',
        Statement: { Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:Delete*', Resource: '*' },
      },
    };
    const d = simulate(req('s3:DeleteObject', `${BUCKET}/a`), [bucketPolicy, guard]);
    assert.equal(d.decision, 'ExplicitDeny');
    assert.deepEqual(d.matched, [
      { policyId: 'bucket.policy.json', path: '/Statement/1', effect: 'Allow' },
      { policyId: 'guard.json', path: '/Statement', sid: 'NoDeletes', effect: 'Deny' },
    ]);
    assert.equal(
      d.explanation[0],
      `ExplicitDeny: guard.json /Statement (Sid "NoDeletes") denies s3:DeleteObject on ${BUCKET}/a; an explicit Deny overrides the Allow in bucket.policy.json /Statement/1.`,
    );
    assert.equal(simulate(req('s3:GetObject', `${BUCKET}/a`), [bucketPolicy, guard]).decision, 'Allowed');
  });

  it('honours NotAction in an Allow', () => {
    const p: PolicyInput = {
      id: 'p',
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
      },
    };
    assert.equal(simulate(req('s3:GetObject', `${BUCKET}/a`), [p]).decision, 'Allowed');
    const iam = simulate(req('iam:CreateUser', 'arn:aws:iam::111122223333:user/x'), [p]);
    assert.equal(iam.decision, 'ImplicitDeny');
    assert.equal(
      iam.explanation[1],
      'p /Statement/0 (Allow) does not apply: action iam:CreateUser is excluded by NotAction.',
    );
  });

  it('honours a Deny with NotAction guarded by BoolIfExists (the MFA pattern)', () => {
    const p: PolicyInput = {
      id: 'mfa',
      document: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          {
            Sid: 'DenyAllExceptListedIfNoMFA',
            Effect: 'Deny',
            NotAction: ['iam:ChangePassword', 'sts:GetSessionToken'],
            Resource: '*',
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
          },
        ],
      },
    };
    assert.equal(simulate(req('ec2:RunInstances', '*'), [p]).decision, 'ExplicitDeny');
    assert.equal(
      simulate(req('ec2:RunInstances', '*', { 'aws:MultiFactorAuthPresent': 'true' }), [p]).decision,
      'Allowed',
    );
    assert.equal(simulate(req('iam:ChangePassword', '*'), [p]).decision, 'Allowed');
  });

  it('honours NotResource', () => {
    const p: PolicyInput = {
      id: 'p',
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }],
      },
    };
    assert.equal(simulate(req('s3:GetObject', 'arn:aws:s3:::public/a'), [p]).decision, 'Allowed');
    const d = simulate(req('s3:GetObject', 'arn:aws:s3:::secret/a'), [p]);
    assert.equal(d.decision, 'ImplicitDeny');
    assert.equal(
      d.explanation[1],
      'p /Statement/0 (Allow) does not apply: resource arn:aws:s3:::secret/a is excluded by NotResource.',
    );
  });

  it('allows PassRole only on the role it is scoped to (seed 001 operator policy)', () => {
    const p: PolicyInput = {
      id: 'operator.json',
      document: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['ec2:RunInstances', 'ec2:AssociateIamInstanceProfile'], Resource: '*' },
          {
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: 'arn:aws:iam::111122223333:role/RoleAccessCapillariesTestbucket',
          },
        ],
      },
    };
    const ok = simulate(
      req('iam:PassRole', 'arn:aws:iam::111122223333:role/RoleAccessCapillariesTestbucket'),
      [p],
    );
    assert.equal(ok.decision, 'Allowed');
    assert.equal(
      simulate(req('iam:PassRole', 'arn:aws:iam::111122223333:role/Admin'), [p]).decision,
      'ImplicitDeny',
    );
  });

  it('reports the failing condition key of a statement that does not apply', () => {
    const p: PolicyInput = {
      id: 'p',
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Tls',
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'true' } },
          },
        ],
      },
    };
    const d = simulate(req('s3:GetObject', `${BUCKET}/a`, { 'aws:SecureTransport': 'false' }), [p]);
    assert.equal(d.decision, 'ImplicitDeny');
    assert.equal(
      d.explanation[1],
      'p /Statement/0 (Sid "Tls", Allow) does not apply: condition not met: Bool aws:SecureTransport: request value "false" matches none of "true".',
    );
  });

  describe('policy variables', () => {
    const home = (version?: string): PolicyInput => ({
      id: 'home',
      document: {
        ...(version ? { Version: version } : {}),
        Statement: {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::home/${aws:username}/*',
        },
      },
    });
    const alice = { type: 'AWS' as const, id: 'arn:aws:iam::111122223333:user/alice' };

    it('substitutes ${aws:username} from the principal in Version 2012-10-17', () => {
      const own = simulate({ ...req('s3:GetObject', 'arn:aws:s3:::home/alice/notes'), principal: alice }, [
        home('2012-10-17'),
      ]);
      assert.equal(own.decision, 'Allowed');
      const other = simulate({ ...req('s3:GetObject', 'arn:aws:s3:::home/bob/notes'), principal: alice }, [
        home('2012-10-17'),
      ]);
      assert.equal(other.decision, 'ImplicitDeny');
    });

    it('reads variables literally in Version 2008-10-17 and without a Version', () => {
      for (const version of ['2008-10-17', undefined]) {
        const asName = simulate(
          { ...req('s3:GetObject', 'arn:aws:s3:::home/alice/notes'), principal: alice },
          [home(version)],
        );
        assert.equal(asName.decision, 'ImplicitDeny', `Version ${version}`);
        const literal = simulate(
          { ...req('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/notes'), principal: alice },
          [home(version)],
        );
        assert.equal(literal.decision, 'Allowed', `Version ${version}`);
      }
    });

    it('treats wildcard characters inside a substituted value literally, and ${*} as a literal star', () => {
      const star = {
        ...req('s3:GetObject', 'arn:aws:s3:::home/abc/notes'),
        context: { 'aws:username': 'a*' },
      };
      assert.equal(simulate(star, [home('2012-10-17')]).decision, 'ImplicitDeny');
      const literalStar: PolicyInput = {
        id: 'lit',
        document: {
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${*}' },
        },
      };
      assert.equal(simulate(req('s3:GetObject', 'arn:aws:s3:::b/*'), [literalStar]).decision, 'Allowed');
      assert.equal(simulate(req('s3:GetObject', 'arn:aws:s3:::b/x'), [literalStar]).decision, 'ImplicitDeny');
    });

    it('explains a resource whose variable has no value', () => {
      const d = simulate(req('s3:GetObject', 'arn:aws:s3:::home/alice/notes'), [home('2012-10-17')]);
      assert.equal(
        d.explanation[1],
        'home /Statement (Allow) does not apply: resource arn:aws:s3:::home/alice/notes is not in Resource (${aws:username} has no single value in the request).',
      );
    });
  });

  it('never applies a statement without a valid Effect, and reports unusable documents', () => {
    const d = simulate(req('s3:GetObject', '*'), [
      { id: 'a', document: { Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] } },
      { id: 'b', document: ['not', 'a', 'policy'] },
    ]);
    assert.equal(d.decision, 'ImplicitDeny');
    assert.deepEqual(d.explanation.slice(1), [
      'a /Statement/0 (no Effect) does not apply: its Effect is not "Allow" or "Deny".',
      'b: the policy is not a JSON object.',
    ]);
  });

  it('gives the same decision for the same input', () => {
    const r = req('s3:PutObject', `${BUCKET}/x`);
    assert.equal(JSON.stringify(simulate(r, [bucketPolicy])), JSON.stringify(simulate(r, [bucketPolicy])));
  });
});
