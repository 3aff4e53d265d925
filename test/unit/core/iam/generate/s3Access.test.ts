import { strict as assert } from 'node:assert';
import { generateS3AccessPolicy } from '../../../../../src/core/iam/generate/s3Access';
import { policyJson } from '../../../../../src/core/iam/generate/serialize';
import { isGrantwiseError } from '../../../../../src/core/errors';

describe('generateS3AccessPolicy', () => {
  it('lists the bucket and reads/writes every object, bucket and object actions apart (seed 001)', () => {
    assert.deepEqual(generateS3AccessPolicy({ bucket: 'capillaries-testbucket' }), {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'GrantwiseListBucket',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::capillaries-testbucket',
        },
        {
          Sid: 'GrantwiseReadWriteObjects',
          Effect: 'Allow',
          Action: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'],
          Resource: 'arn:aws:s3:::capillaries-testbucket/*',
        },
      ],
    });
  });

  it('narrows listing with s3:prefix and objects to the prefix, ignoring surrounding slashes', () => {
    const p = generateS3AccessPolicy({ bucket: 'rok-data', prefix: '/snapshots/eu/', readOnly: true });
    assert.deepEqual(p.Statement, [
      {
        Sid: 'GrantwiseListBucket',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::rok-data',
        Condition: { StringLike: { 's3:prefix': ['snapshots/eu/', 'snapshots/eu/*'] } },
      },
      {
        Sid: 'GrantwiseReadObjects',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: 'arn:aws:s3:::rok-data/snapshots/eu/*',
      },
    ]);
  });

  it('uses the partition given', () => {
    const p = generateS3AccessPolicy({ bucket: 'cn-bucket', partition: 'aws-cn' });
    assert.equal(p.Statement[0].Resource, 'arn:aws-cn:s3:::cn-bucket');
  });

  it('is byte-for-byte deterministic', () => {
    const a = policyJson(generateS3AccessPolicy({ bucket: 'b-1', prefix: 'x' }));
    const b = policyJson(generateS3AccessPolicy({ bucket: 'b-1', prefix: 'x' }));
    assert.equal(a, b);
  });

  for (const [bucket, why] of [
    ['arn:aws:s3:::b', 'an ARN'],
    ['My_Bucket', 'upper case and underscore'],
    ['ab', 'too short'],
    ['a..b', 'two dots'],
  ]) {
    it(`refuses a bucket name that is ${why}, naming the field and the fix`, () => {
      assert.throws(
        () => generateS3AccessPolicy({ bucket }),
        (e: unknown) =>
          isGrantwiseError(e) &&
          e.code === 'generate.invalid-bucket' &&
          e.message.includes(bucket) &&
          /bucket name only/.test(e.remedy ?? ''),
      );
    });
  }

  it('refuses a prefix with a wildcard', () => {
    assert.throws(
      () => generateS3AccessPolicy({ bucket: 'b-1', prefix: 'logs/*' }),
      (e: unknown) => isGrantwiseError(e) && e.code === 'generate.invalid-prefix',
    );
  });
});
