import { strict as assert } from 'node:assert';
import { loadCatalogSync } from '../../../../src/core/iam/catalog';
import { diffPolicies, effectivePermissions, summarizeActions } from '../../../../src/core/iam/diff';

const catalog = loadCatalogSync();
const BUCKET = 'arn:aws:s3:::capillaries-testbucket';

function policy(...statements: object[]) {
  return { Version: '2012-10-17', Statement: statements };
}

/** Seed 001's bucket access policy. */
const bucketPolicy = policy(
  { Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET },
  { Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*` },
);

function asPlain(map: Map<string, Set<string>>): Record<string, string[]> {
  return Object.fromEntries([...map].map(([k, v]) => [k, [...v]]));
}

describe('effectivePermissions', () => {
  it('lists the actions granted per resource pattern, unconditionally', () => {
    const p = effectivePermissions(bucketPolicy, catalog);
    assert.deepEqual(asPlain(p.allowed), {
      [BUCKET]: ['s3:ListBucket'],
      [`${BUCKET}/*`]: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
    });
    assert.equal(p.qualified.size, 0);
    assert.equal(p.count, 4);
  });

  it('removes what an unconditional Deny provably covers', () => {
    const p = effectivePermissions(
      policy(
        { Effect: 'Allow', Action: 's3:*Object', Resource: `${BUCKET}/*` },
        { Effect: 'Deny', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::*' },
      ),
      catalog,
    );
    const actions = [...p.allowed.get(`${BUCKET}/*`)!];
    assert.equal(actions.includes('s3:DeleteObject'), false);
    assert.equal(actions.includes('s3:GetObject'), true);
    assert.equal(p.qualified.size, 0);
  });

  it('keeps grants a Deny only may remove, saying which Deny and why', () => {
    const p = effectivePermissions(
      policy(
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET}/*` },
        {
          Sid: 'NoPlainHttp',
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        { Effect: 'Deny', Action: 's3:PutObject', Resource: `${BUCKET}/frozen/*` },
        { Effect: 'Deny', Action: 's3:PutObject', Resource: 'arn:aws:s3:::other-bucket/*' },
      ),
      catalog,
    );
    assert.deepEqual(asPlain(p.allowed), { [`${BUCKET}/*`]: ['s3:GetObject', 's3:PutObject'] });
    const q = p.qualified.get(`${BUCKET}/*`)!;
    assert.deepEqual(q.get('s3:GetObject'), {
      when: [],
      unless: ['Deny /Statement/1 (Sid "NoPlainHttp") when its condition holds'],
    });
    assert.deepEqual(q.get('s3:PutObject'), {
      when: [],
      unless: [
        'Deny /Statement/1 (Sid "NoPlainHttp") when its condition holds',
        `Deny /Statement/2 on the part of ${BUCKET}/* its resources cover`,
      ],
    });
  });

  it('qualifies conditional grants by their condition, in canonical form', () => {
    const p = effectivePermissions(
      policy({
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: BUCKET,
        Condition: { StringLike: { 's3:prefix': ['b/*', 'a/*'] } },
      }),
      catalog,
    );
    assert.deepEqual(p.qualified.get(BUCKET)!.get('s3:ListBucket'), {
      when: ['Condition {"StringLike":{"s3:prefix":["a/*","b/*"]}}'],
      unless: [],
    });
  });

  it('keys NotResource grants and keeps unknown single actions visible', () => {
    const p = effectivePermissions(
      policy({
        Effect: 'Allow',
        Action: ['s3:GetObjectt', 's3:GetObject'],
        NotResource: ['arn:aws:s3:::z/*', 'arn:aws:s3:::a/*'],
      }),
      catalog,
    );
    assert.deepEqual(asPlain(p.allowed), {
      'NotResource(arn:aws:s3:::a/*, arn:aws:s3:::z/*)': ['s3:GetObject', 's3:GetObjectt'],
    });
    assert.deepEqual(p.unknownActions, ['s3:GetObjectt']);
  });
});

describe('diffPolicies', () => {
  it('reports an added action as new access', () => {
    const after = policy(
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET },
      {
        Effect: 'Allow',
        Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject', 's3:PutObjectAcl'],
        Resource: `${BUCKET}/*`,
      },
    );
    const d = diffPolicies(bucketPolicy, after, catalog);
    assert.deepEqual(d.added, [{ resource: `${BUCKET}/*`, actions: ['s3:PutObjectAcl'], count: 1 }]);
    assert.deepEqual(d.removed, []);
    assert.deepEqual(d.conditionChanges, []);
    assert.equal(d.hasNewAccess, true);
    assert.deepEqual(d.counts, { before: 4, after: 5, added: 1, removed: 0 });
  });

  it('reports a widened resource as new access on the wider pattern only', () => {
    const before = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/reports/*` });
    const after = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` });
    const d = diffPolicies(before, after, catalog);
    assert.deepEqual(d.added, [{ resource: `${BUCKET}/*`, actions: ['s3:GetObject'], count: 1 }]);
    assert.deepEqual(d.removed, []); // the old prefix is covered by the new pattern
    assert.equal(d.hasNewAccess, true);
    // Narrowing back is a removal and no new access.
    const back = diffPolicies(after, before, catalog);
    assert.deepEqual(back.added, []);
    assert.deepEqual(back.removed, [{ resource: `${BUCKET}/*`, actions: ['s3:GetObject'], count: 1 }]);
    assert.equal(back.hasNewAccess, false);
  });

  it('reports the actions a widened wildcard newly matches', () => {
    const before = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` });
    const after = policy({ Effect: 'Allow', Action: 's3:GetObject*', Resource: `${BUCKET}/*` });
    const d = diffPolicies(before, after, catalog);
    const expected = catalog
      .matchActions('s3:GetObject*')
      .map((a) => a.key)
      .filter((k) => k !== 's3:GetObject');
    assert.ok(expected.length > 5);
    assert.deepEqual(d.added, [{ resource: `${BUCKET}/*`, actions: expected, count: expected.length }]);
    assert.equal(d.hasNewAccess, true);
  });

  it('reports removed access without new access', () => {
    const after = policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET });
    const d = diffPolicies(bucketPolicy, after, catalog);
    assert.deepEqual(d.added, []);
    assert.deepEqual(d.removed, [
      { resource: `${BUCKET}/*`, actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], count: 3 },
    ]);
    assert.equal(d.hasNewAccess, false);
  });

  it('sees no change when statements, actions and condition values are reordered', () => {
    const before = policy(
      {
        Sid: 'A',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: `${BUCKET}/*`,
        Condition: { StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] } },
      },
      { Sid: 'B', Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET },
    );
    const after = policy(
      { Sid: 'B', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [BUCKET] },
      {
        Sid: 'A',
        Effect: 'Allow',
        Action: ['S3:PutObject', 's3:getobject'],
        Resource: `${BUCKET}/*`,
        Condition: { StringEquals: { 'aws:PrincipalTag/team': ['b', 'a'] } },
      },
    );
    const d = diffPolicies(before, after, catalog);
    assert.deepEqual(d.added, []);
    assert.deepEqual(d.removed, []);
    assert.deepEqual(d.conditionChanges, []);
    assert.equal(d.hasNewAccess, false);
  });

  it('reports a whole-* grant as one line, with its real count', () => {
    const d = diffPolicies(bucketPolicy, policy({ Effect: 'Allow', Action: '*', Resource: '*' }), catalog);
    const total = catalog.matchActions('*').length;
    assert.deepEqual(d.added, [{ resource: '*', actions: ['*'], count: total }]);
    assert.equal(d.hasNewAccess, true);
    assert.deepEqual(d.removed, []);
  });

  it('summarises whole services as svc:*', () => {
    const d = diffPolicies(
      policy(),
      policy({ Effect: 'Allow', Action: ['sqs:*', 'sns:Publish'], Resource: '*' }),
      catalog,
    );
    assert.deepEqual(d.added, [
      { resource: '*', actions: ['sns:Publish', 'sqs:*'], count: catalog.actions('sqs').length + 1 },
    ]);
    assert.deepEqual(summarizeActions(['s3:GetObject', 's3:ListBucket'], catalog), [
      's3:GetObject',
      's3:ListBucket',
    ]);
  });

  it('reports a tightened condition as a change without new access, and a dropped one as new access', () => {
    const open = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` });
    const tls = policy({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
      Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    });
    const tightened = diffPolicies(open, tls, catalog);
    assert.deepEqual(tightened.added, []);
    assert.deepEqual(tightened.conditionChanges, [
      {
        resource: `${BUCKET}/*`,
        actions: ['s3:GetObject'],
        count: 1,
        before: { when: [], unless: [] },
        after: { when: ['Condition {"Bool":{"aws:SecureTransport":"true"}}'], unless: [] },
      },
    ]);
    assert.equal(tightened.hasNewAccess, false);
    const loosened = diffPolicies(tls, open, catalog);
    assert.deepEqual(loosened.added, []);
    assert.equal(loosened.conditionChanges.length, 1);
    assert.equal(loosened.hasNewAccess, true);
  });

  it('reports a removed Deny as new access', () => {
    const guarded = policy(
      { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
    );
    const open = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const d = diffPolicies(guarded, open, catalog);
    assert.deepEqual(d.added, [{ resource: '*', actions: ['s3:DeleteBucket'], count: 1 }]);
    assert.equal(d.hasNewAccess, true);
  });

  it('reports a newly trusted principal in a trust policy as new access', () => {
    const trust = (...principals: string[]) => ({
      Version: '2012-10-17',
      Statement: principals.map((p) => ({
        Effect: 'Allow',
        Principal: { AWS: p },
        Action: 'sts:AssumeRole',
      })),
    });
    const d = diffPolicies(
      trust('arn:aws:iam::111122223333:root'),
      trust('arn:aws:iam::111122223333:root', '444455556666'),
      catalog,
    );
    assert.deepEqual(d.added, []);
    assert.deepEqual(d.conditionChanges, [
      {
        resource: '*',
        actions: ['sts:AssumeRole'],
        count: 1,
        before: { when: ['Principal {"AWS":"arn:aws:iam::111122223333:root"}'], unless: [] },
        after: {
          when: ['Principal {"AWS":"444455556666"}', 'Principal {"AWS":"arn:aws:iam::111122223333:root"}'],
          unless: [],
        },
      },
    ]);
    assert.equal(d.hasNewAccess, true);
  });

  it('gives byte-identical output for the same input', () => {
    const after = policy({ Effect: 'Allow', Action: ['s3:Get*', 'ec2:Describe*'], Resource: '*' });
    assert.equal(
      JSON.stringify(diffPolicies(bucketPolicy, after, catalog)),
      JSON.stringify(diffPolicies(bucketPolicy, after, catalog)),
    );
  });
});
