import { strict as assert } from 'node:assert';
import { sdkCallsInText } from '../../../../../src/core/iam/fromCode/scan';

/** [line, character, text at the range, client, operation, note?] per call. */
function summary(file: string, text: string) {
  const lines = text.split('\n');
  return sdkCallsInText(file, text).map((c) => [
    c.line,
    c.character,
    lines[c.line].slice(c.character, c.character + c.length),
    c.client,
    c.operation,
    ...(c.note ? [c.note] : []),
  ]);
}

describe('SDK call extraction', () => {
  it('JS v3: commands with their package, namespaces, renamed and required imports, paginators', () => {
    const text = [
      "import { S3Client, GetObjectCommand as Get, paginateListObjectsV2 } from '@aws-sdk/client-s3';",
      "import * as ec2 from '@aws-sdk/client-ec2';",
      "const { SendMessageCommand } = require('@aws-sdk/client-sqs');",
      'await client.send(new Get({ Bucket }));',
      'await client.send(new ec2.RunInstancesCommand({}));',
      'await sqs.send(new SendMessageCommand({}));',
      'for await (const p of paginateListObjectsV2({ client }, {})) {}',
      'new LocalCommand();',
      'new S3Client({});',
    ].join('\n');
    assert.deepEqual(summary('a.ts', text), [
      [3, 22, 'Get', '@aws-sdk/client-s3', 'GetObject'],
      [4, 26, 'RunInstancesCommand', '@aws-sdk/client-ec2', 'RunInstances'],
      [5, 19, 'SendMessageCommand', '@aws-sdk/client-sqs', 'SendMessage'],
      [6, 22, 'paginateListObjectsV2', '@aws-sdk/client-s3', 'ListObjectsV2'],
      [
        7,
        4,
        'LocalCommand',
        undefined,
        'Local',
        'LocalCommand is not imported from an @aws-sdk package in this file',
      ],
    ]);
  });

  it('JS v3 aggregated clients and lib-dynamodb document commands', () => {
    const text = [
      "import { S3 } from '@aws-sdk/client-s3';",
      "import { PutCommand } from '@aws-sdk/lib-dynamodb';",
      'const s3 = new S3({});',
      'await s3.headObject({});',
      'await doc.send(new PutCommand({}));',
    ].join('\n');
    assert.deepEqual(summary('a.mjs', text), [
      [3, 9, 'headObject', '@aws-sdk/client-s3', 'HeadObject'],
      [4, 19, 'PutCommand', '@aws-sdk/lib-dynamodb', 'PutItem'],
    ]);
  });

  it('JS v2: clients from the AWS namespace and per-client imports, presigned URLs, document client', () => {
    const text = [
      "import AWS from 'aws-sdk';",
      "import SQS from 'aws-sdk/clients/sqs';",
      'this.s3 = new AWS.S3();',
      'const q = new SQS();',
      'const doc = new AWS.DynamoDB.DocumentClient();',
      "this.s3.getSignedUrl('putObject', {});",
      'q.receiveMessage({}).promise();',
      'doc.batchGet({});',
      's3.on("x");',
    ].join('\n');
    assert.deepEqual(summary('a.js', text), [
      [5, 8, 'getSignedUrl', 'S3', 'PutObject'],
      [6, 2, 'receiveMessage', 'sqs', 'ReceiveMessage'],
      [7, 4, 'batchGet', 'DynamoDB.DocumentClient', 'BatchGetItem'],
    ]);
  });

  it('Python boto3: clients, sessions, with-blocks, inline calls, paginators, transfers and resources', () => {
    const text = [
      'import boto3',
      "s3 = boto3.client('s3')",
      'ec2 = session.client(service_name="ec2")',
      'ddb = boto3.resource("dynamodb")',
      "async with session.client('sqs') as q:",
      '    await q.send_message(QueueUrl=u)',
      's3.list_objects_v2(Bucket=b)',
      "s3.get_paginator('list_object_versions')",
      "s3.generate_presigned_url(ClientMethod='get_object')",
      's3.download_file(b, k, f)',
      'ec2.describe_db_instances()',
      "boto3.client('sts').assume_role(RoleArn=r)",
      'ddb.meta.client.get_item(Key=k)',
      'ddb.create_table()',
      's3.close()',
    ].join('\n');
    assert.deepEqual(summary('a.py', text), [
      [5, 12, 'send_message', 'sqs', 'SendMessage'],
      [6, 3, 'list_objects_v2', 's3', 'ListObjectsV2'],
      [7, 3, 'get_paginator', 's3', 'ListObjectVersions'],
      [8, 3, 'generate_presigned_url', 's3', 'GetObject'],
      [9, 3, 'download_file', 's3', 'GetObject'],
      [10, 4, 'describe_db_instances', 'ec2', 'DescribeDbInstances'],
      [11, 20, 'assume_role', 'sts', 'AssumeRole'],
      [12, 16, 'get_item', 'dynamodb', 'GetItem'],
      [
        13,
        4,
        'create_table',
        'dynamodb',
        'CreateTable',
        "boto3 resource method 'create_table' does not name an API operation; use a client or map it by hand",
      ],
    ]);
  });

  it('Go v2: typed clients, NewFromConfig, paginators and seed 001’s `ec2Client.X(ctx` convention', () => {
    const text = [
      'import (',
      '\t"github.com/aws/aws-sdk-go-v2/service/ec2"',
      '\tr53 "github.com/aws/aws-sdk-go-v2/service/route53"',
      ')',
      'func f(ctx context.Context, c *ec2.Client) {',
      '\tc.DescribeVpcs(ctx, nil)',
      '\tdns := r53.NewFromConfig(cfg)',
      '\tdns.ChangeResourceRecordSets(ctx, in)',
      '\tec2.NewDescribeInstancesPaginator(c, in)',
      '\ts3Client.GetObject(ctx, in)',
      '\ttClient.GetResources(ctx, in)',
      '\tfmt.Println(ctx)',
      '\tc.Options()',
      '}',
    ].join('\n');
    assert.deepEqual(summary('main.go', text), [
      [5, 3, 'DescribeVpcs', 'ec2', 'DescribeVpcs'],
      [7, 5, 'ChangeResourceRecordSets', 'route53', 'ChangeResourceRecordSets'],
      [8, 5, 'NewDescribeInstancesPaginator', 'ec2', 'DescribeInstances'],
      [9, 10, 'GetObject', 's3', 'GetObject'],
      [
        10,
        9,
        'GetResources',
        undefined,
        'GetResources',
        "the service of 'tClient' is not declared in this file and its name does not tell it",
      ],
    ]);
  });

  it('finds nothing in files without SDK use', () => {
    assert.deepEqual(sdkCallsInText('a.ts', 'const s = new Set(); s.add(1);'), []);
    assert.deepEqual(sdkCallsInText('a.py', 'import os\nos.path.join("a")'), []);
    assert.deepEqual(sdkCallsInText('a.txt', "boto3.client('s3').get_object()"), []);
  });
});
