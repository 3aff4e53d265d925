import { strict as assert } from 'node:assert';
import { detectKind, kindForPath, kindFromContent } from '../../../../src/core/iam/kind';
import { parsePolicy, parsePolicyAt } from '../../../../src/core/iam/parse';

const TEXT = [
  '{',
  '  "Version": "2012-10-17",',
  '  "Statement": [',
  '    {',
  '      "Effect": "Allow",',
  '      "Action": ["s3:GetObject", "s3:PutObject"],',
  '      "Resource": "arn:aws:s3:::b/*"',
  '    }',
  '  ]',
  '}',
].join('\n');

describe('parsePolicy', () => {
  it('maps a JSON pointer to the exact key and value ranges', () => {
    const doc = parsePolicy(TEXT);
    assert.deepEqual(doc.locate('/Statement/0/Action/1'), {
      value: { start: { line: 5, character: 33 }, end: { line: 5, character: 47 } },
    });
    assert.deepEqual(doc.locate('/Statement/0/Resource'), {
      key: { start: { line: 6, character: 6 }, end: { line: 6, character: 16 } },
      value: { start: { line: 6, character: 18 }, end: { line: 6, character: 36 } },
    });
    assert.equal(doc.locate('/Statement/0/Condition'), undefined);
  });

  it('accepts a single Statement object and single values, with pointers that have no index', () => {
    const doc = parsePolicy(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}',
    );
    assert.deepEqual(doc.locate('/Statement/Action')!.value, {
      start: { line: 0, character: 63 },
      end: { line: 0, character: 77 },
    });
    assert.equal(doc.syntaxFindings.length, 0);
  });

  it('escapes "/" and "~" in pointer segments (RFC 6901)', () => {
    const doc = parsePolicy('{"Statement":[{"Condition":{"StringEquals":{"a/b~c":"x"}}}]}');
    const span = doc.locate('/Statement/0/Condition/StringEquals/a~1b~0c')!;
    assert.deepEqual(span.key, { start: { line: 0, character: 44 }, end: { line: 0, character: 51 } });
  });

  it('finds the pointer under a position, for hovers', () => {
    const doc = parsePolicy(TEXT);
    assert.equal(doc.pointerAt({ line: 5, character: 20 }), '/Statement/0/Action/0');
    assert.equal(doc.pointerAt({ line: 4, character: 8 }), '/Statement/0/Effect');
  });

  it('shifts ranges into the host text when the policy sits at an offset', () => {
    const host = `prefix text\nPolicy: ${TEXT}\ntrailer`;
    const start = host.indexOf('{');
    const doc = parsePolicyAt(host, start, host.lastIndexOf('}') + 1);
    assert.deepEqual(doc.locate('/Statement/0/Action/1')!.value, {
      start: { line: 6, character: 33 },
      end: { line: 6, character: 47 },
    });
    assert.deepEqual(doc.locate('')!.value.start, { line: 1, character: 8 });
  });

  it('reports syntax errors with ranges and keeps the recoverable part', () => {
    const doc = parsePolicy('{\n  "Version": "2012-10-17"\n  "Statement": []\n}');
    assert.deepEqual(
      doc.syntaxFindings.map((f) => [f.check, f.severity, f.range.start]),
      [['json-syntax', 'error', { line: 2, character: 2 }]],
    );
    assert.deepEqual(doc.value, { Version: '2012-10-17', Statement: [] });
  });
});

describe('policy kind', () => {
  const trust = {
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ],
  };
  const bucket = {
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
  };
  const identity = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };

  it('reads the kind from content', () => {
    assert.equal(kindFromContent(trust), 'trust');
    assert.equal(kindFromContent(bucket), 'resource');
    assert.equal(kindFromContent(identity), 'identity');
  });

  it('reads the kind from file names, with content overriding *.policy.json when it has a Principal', () => {
    assert.deepEqual(detectKind(identity, { fileName: 'roles/app.trust.json' }), {
      kind: 'trust',
      source: 'file-name',
    });
    assert.deepEqual(detectKind(identity, { fileName: 'app.policy.json' }), {
      kind: 'identity',
      source: 'file-name',
    });
    assert.deepEqual(detectKind(bucket, { fileName: 'bucket.policy.json' }), {
      kind: 'resource',
      source: 'content',
    });
    assert.deepEqual(detectKind(undefined, { fileName: 'x.json' }), { kind: 'identity', source: 'default' });
  });

  it('lets an explicit kind and the glob setting win, the longest glob first', () => {
    const globs = {
      '**/iam/*.json': 'identity',
      '**/iam/trust/*.json': 'trust',
      'bucket-*.json': 'resource',
    } as const;
    assert.equal(kindForPath('/ws/iam/trust/ci.json', globs), 'trust');
    assert.equal(kindForPath('C:\\ws\\iam\\app.json', globs), 'identity');
    assert.equal(kindForPath('/ws/policies/bucket-logs.json', globs), 'resource');
    assert.equal(kindForPath('/ws/other.json', globs), undefined);
    assert.deepEqual(detectKind(trust, { fileName: '/ws/iam/app.json', globs }), {
      kind: 'identity',
      source: 'glob',
    });
    assert.deepEqual(detectKind(trust, { kind: 'resource', fileName: 'a.trust.json' }), {
      kind: 'resource',
      source: 'option',
    });
    assert.equal(parsePolicy(JSON.stringify(trust), { fileName: 'x.json' }).kind, 'trust');
  });
});
