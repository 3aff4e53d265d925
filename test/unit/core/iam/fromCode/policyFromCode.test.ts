import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogSync } from '../../../../../src/core/iam/catalog';
import { mapSdkCall } from '../../../../../src/core/iam/fromCode/operationActions';
import { policyFromCode } from '../../../../../src/core/iam/fromCode/policyFromCode';
import { scanFolder } from '../../../../../src/core/iam/fromCode/scan';

const catalog = loadCatalogSync();
const APP = join(__dirname, '../../../../fixtures/fromCode/app');

describe('policy from code', () => {
  it('scans the fixture app in four languages, skipping node_modules and vendor', () => {
    const scan = scanFolder(APP);
    assert.equal(scan.filesScanned, 5);
    assert.ok(scan.calls.every((c) => !c.file.startsWith('node_modules') && !c.file.startsWith('vendor')));
  });

  it('maps every call site to actions or says why not, with positions for links back', () => {
    const r = policyFromCode(catalog, APP);
    const rows = r.calls.map((c) => [
      c.file,
      c.line,
      c.character,
      c.actions?.join(',') ?? `unmapped: ${c.unmapped}`,
    ]);
    const dv = catalog.dataVersion;
    assert.deepEqual(rows, [
      ['cmd/deploy.go', 11, 21, 'ec2:RunInstances'],
      ['cmd/deploy.go', 15, 20, 'ec2:CreateTags'],
      ['cmd/deploy.go', 22, 7, 's3:ListBucket'],
      ['cmd/deploy.go', 23, 10, 'ec2:DescribeVpcs'],
      [
        'cmd/deploy.go',
        26,
        9,
        "unmapped: the service of 'tClient' is not declared in this file and its name does not tell it",
      ],
      ['scripts/inventory.py', 9, 8, 'ec2:DescribeInstances'],
      ['scripts/inventory.py', 10, 19, 's3:ListBucket'],
      ['scripts/inventory.py', 11, 7, 's3:PutObject'],
      ['scripts/inventory.py', 12, 24, 'unmapped: needs no permission: every identity may call it'],
      [
        'scripts/inventory.py',
        13,
        7,
        `unmapped: no IAM action s3:FrobnicateBucket in the catalog (${dv}); the operation may be authorized under another name`,
      ],
      [
        'scripts/inventory.py',
        14,
        10,
        "unmapped: boto3 resource method 'put_item' does not name an API operation; use a client or map it by hand",
      ],
      ['src/legacy.js', 7, 12, 'ec2:DescribeInstances'],
      ['src/legacy.js', 8, 13, 'dynamodb:PutItem'],
      ['src/legacy.js', 9, 17, 's3:GetObject'],
      [
        'src/legacy.js',
        10,
        12,
        "unmapped: waiter 'instanceRunning' calls describe operations that depend on the waiter",
      ],
      ['src/uploader.mjs', 8, 32, 's3:GetObject'],
      ['src/uploader.mjs', 9, 20, 's3:PutObject'],
      ['src/uploader.mjs', 10, 27, 's3:ListBucket'],
      ['src/uploader.mjs', 11, 21, 'dynamodb:Query'],
      ['src/uploader.mjs', 12, 43, 'sqs:SendMessage'],
      [
        'src/uploader.mjs',
        13,
        12,
        'unmapped: RenderCommand is not imported from an @aws-sdk package in this file',
      ],
    ]);
    assert.equal(r.unmappedCalls, 6);
    assert.equal(r.filesScanned, 5);
  });

  it('groups the mapped actions per service into a least-privilege policy', () => {
    const r = policyFromCode(catalog, APP);
    assert.deepEqual(r.policy, {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'GrantwiseDynamodb',
          Effect: 'Allow',
          Action: ['dynamodb:PutItem', 'dynamodb:Query'],
          Resource: '*',
        },
        {
          Sid: 'GrantwiseEc2',
          Effect: 'Allow',
          Action: ['ec2:CreateTags', 'ec2:DescribeInstances', 'ec2:DescribeVpcs', 'ec2:RunInstances'],
          Resource: '*',
        },
        {
          Sid: 'GrantwiseS3',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
          Resource: '*',
        },
        { Sid: 'GrantwiseSqs', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: '*' },
      ],
    });
    assert.equal(r.totalActionsGranted, 10);
    assert.equal(r.policyJson, policyFromCode(catalog, APP).policyJson, 'deterministic');
  });

  it('maps operations whose action has another name, and SDK service names to IAM prefixes', () => {
    const map = (client: string, operation: string) => mapSdkCall(catalog, { client, operation });
    assert.deepEqual(map('@aws-sdk/client-s3', 'CopyObject'), {
      service: 's3',
      actions: ['s3:GetObject', 's3:PutObject'],
    });
    assert.deepEqual(map('@aws-sdk/client-lambda', 'Invoke'), {
      service: 'lambda',
      actions: ['lambda:InvokeFunction'],
    });
    assert.deepEqual(map('@aws-sdk/client-cloudwatch-logs', 'PutLogEvents'), {
      service: 'logs',
      actions: ['logs:PutLogEvents'],
    });
    assert.deepEqual(map('elbv2', 'DescribeTargetHealth'), {
      service: 'elasticloadbalancing',
      actions: ['elasticloadbalancing:DescribeTargetHealth'],
    });
    assert.deepEqual(map('rds', 'DescribeDbInstances'), {
      service: 'rds',
      actions: ['rds:DescribeDBInstances'],
    });
    assert.deepEqual(map('stepfunctions', 'StartExecution'), {
      service: 'states',
      actions: ['states:StartExecution'],
    });
    assert.equal(
      map('nosuchservice', 'Foo').unmapped?.includes("'nosuchservice' is not an AWS service"),
      true,
    );
  });

  it('gives no policy for code without SDK calls', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-fromcode-'));
    try {
      writeFileSync(join(dir, 'a.ts'), 'export const x = new Map();\n');
      const r = policyFromCode(catalog, dir);
      assert.equal(r.policy, undefined);
      assert.deepEqual([r.filesScanned, r.calls.length, r.totalActionsGranted], [1, 0, 0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
