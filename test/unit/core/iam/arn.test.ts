import { strict as assert } from 'node:assert';
import { ArnReader, formatTokens, parseArn } from '../../../../src/core/iam/arn';

describe('arn', () => {
  it('parseArn splits the six fields and rejects fewer', () => {
    assert.deepEqual(parseArn('arn:aws:s3:::b/k:1'), {
      partition: 'aws',
      service: 's3',
      region: '',
      account: '',
      resource: 'b/k:1',
    });
    assert.equal(parseArn('arn:aws:s3::b'), undefined);
    assert.equal(parseArn('aws:s3:::b'), undefined);
  });

  it('ArnReader gives parseArn’s head fields and shares one head between ARNs that begin alike', () => {
    const reader = new ArnReader();
    const texts = [
      'arn:aws:s3:::a',
      'arn:aws:kms:us-east-1:123456789012:key/1',
      'arn:aws:ec2:us-east-1:123456789012:instance/*',
      'arn:aws:kms:us-east-1:123456789012:key/2',
      'arn:aws:s3:::b/*',
      'arn:aws:kms:us-east-1:210987654321:key/1',
    ];
    const heads = texts.map((t) => reader.head(t)!);
    texts.forEach((t, i) => {
      const arn = parseArn(t)!;
      const h = heads[i];
      assert.deepEqual(
        [h.partition, h.service, h.region, h.account],
        [arn.partition, arn.service, arn.region, arn.account],
      );
      assert.equal(t.slice(h.prefix.length), arn.resource);
    });
    assert.equal(heads[1], heads[3]);
    assert.equal(heads[0], heads[4]);
    assert.notEqual(heads[1], heads[5]);
    assert.notEqual(heads[1], heads[2]);
    assert.equal(reader.head('arn:aws:s3'), undefined);
  });

  it('ArnReader stays correct past its few slots', () => {
    const reader = new ArnReader();
    for (let i = 0; i < 40; i++) {
      const text = `arn:aws:iam::${String(100000000000 + (i % 20))}:role/r${i}`;
      const h = reader.head(text)!;
      assert.equal(h.account, String(100000000000 + (i % 20)));
      assert.equal(text.slice(h.prefix.length), `role/r${i}`);
    }
  });

  it('formatTokens reads which placeholders may span "/"', () => {
    assert.deepEqual(formatTokens('${BucketName}/${ObjectName}'), [
      { coversSlash: false },
      '/',
      { coversSlash: true },
    ]);
    assert.deepEqual(formatTokens('table/${TableName}/index/${IndexName}'), [
      'table/',
      { coversSlash: false },
      '/index/',
      { coversSlash: true },
    ]);
    assert.deepEqual(formatTokens('role${RoleNameWithPath}'), ['role', { coversSlash: true }]);
    assert.deepEqual(formatTokens('key-${KeyId}x'), ['key-', { coversSlash: false }, 'x']);
    assert.deepEqual(formatTokens('${S3Key}x'), [{ coversSlash: true }, 'x']);
    assert.deepEqual(formatTokens('function:${FunctionName}'), ['function:', { coversSlash: false }]);
    assert.deepEqual(formatTokens('s3'), ['s3']);
    assert.deepEqual(formatTokens(''), []);
  });
});
