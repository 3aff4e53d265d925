import { strict as assert } from 'node:assert';
import { loadCatalogSync } from '../../../../src/core/iam/catalog';
import { expandActions, expandStatementActions } from '../../../../src/core/iam/expand';

const catalog = loadCatalogSync();
const keysOf = (service: string) => catalog.actions(service).map((a) => a.key);

describe('expandActions', () => {
  it('expands a wildcard into the sorted canonical keys it matches', () => {
    const got = expandActions(['s3:getobject*'], catalog);
    assert.ok(
      got.includes('s3:GetObject') && got.includes('s3:GetObjectAcl') && got.includes('s3:GetObjectTagging'),
    );
    assert.ok(got.every((k) => k.startsWith('s3:GetObject')));
    assert.deepEqual(got, [...got].sort());
    assert.deepEqual(
      got,
      keysOf('s3')
        .filter((k) => k.toLowerCase().startsWith('s3:getobject'))
        .sort(),
    );
  });

  it('dedupes overlapping patterns and canonicalises case', () => {
    assert.deepEqual(expandActions(['S3:GETOBJECT', 's3:GetObject', 's3:GetObjec?'], catalog), [
      's3:GetObject',
    ]);
  });

  it('returns nothing for unknown actions and wildcards that match nothing', () => {
    assert.deepEqual(expandActions(['s3:GetObjectt', 'nosuchservice:*', 's3:Zz*'], catalog), []);
  });
});

describe('expandStatementActions', () => {
  it('expands Action and names the services it spans', () => {
    const got = expandStatementActions(
      { Effect: 'Allow', Action: ['sqs:Send*', 'sns:Publish'], Resource: '*' },
      catalog,
    );
    assert.equal(got.element, 'Action');
    assert.deepEqual(got.services, ['sns', 'sqs']);
    assert.deepEqual(got.actions, ['sns:Publish', 'sqs:SendMessage']);
    assert.equal(got.otherServices, false);
    assert.deepEqual(got.unmatched, []);
  });

  it('expands NotAction within the services it names and flags the services beyond', () => {
    const got = expandStatementActions(
      { Effect: 'Allow', NotAction: ['iam:*', 's3:GetObject'], Resource: '*' },
      catalog,
    );
    assert.equal(got.element, 'NotAction');
    assert.deepEqual(got.services, ['iam', 's3']);
    assert.deepEqual(
      got.actions,
      keysOf('s3')
        .filter((k) => k !== 's3:GetObject')
        .sort(),
    );
    assert.equal(got.otherServices, true);
  });

  it('expands NotAction over the whole catalog on request, leaving nothing outside', () => {
    const got = expandStatementActions({ NotAction: 'iam:*' }, catalog, { notActionScope: 'all-services' });
    const total = catalog.matchActions('*').length;
    assert.equal(got.actions.length, total - keysOf('iam').length);
    assert.equal(got.actions.includes('iam:CreateUser'), false);
    assert.equal(got.actions.includes('s3:GetObject'), true);
    assert.equal(got.otherServices, false);
  });

  it('treats a NotAction whose service part is a wildcard as spanning every service', () => {
    const got = expandStatementActions({ NotAction: '*:Get*' }, catalog);
    assert.equal(got.otherServices, false);
    assert.equal(got.services.length, catalog.services().length);
    assert.equal(got.actions.includes('s3:GetObject'), false);
    assert.equal(got.actions.includes('s3:PutObject'), true);
  });

  it('reports unmatched patterns and a statement with neither element', () => {
    const got = expandStatementActions({ Action: ['s3:GetObjectt', 's3:ListBucket'] }, catalog);
    assert.deepEqual(got.actions, ['s3:ListBucket']);
    assert.deepEqual(got.unmatched, ['s3:GetObjectt']);
    assert.deepEqual(expandStatementActions({ Effect: 'Allow' }, catalog), {
      element: undefined,
      actions: [],
      services: [],
      otherServices: false,
      unmatched: [],
    });
  });
});
