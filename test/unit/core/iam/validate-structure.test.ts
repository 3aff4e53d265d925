import { strict as assert } from 'node:assert';
import { describeCases, findings, V, type CheckCase } from './policyCases';

const s3 = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
const trust = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
const bucketPolicy = (principal: unknown) => ({
  Version: V,
  Statement: [
    {
      Effect: 'Allow',
      Principal: principal,
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::b/*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    },
  ],
});

export const structureCases: CheckCase[] = [
  {
    check: 'missing-statement',
    kind: 'identity',
    bad: { Version: V },
    path: '',
    clean: { Version: V, Statement: [s3] },
  },
  {
    check: 'missing-effect',
    kind: 'identity',
    bad: { Version: V, Statement: [{ Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
    path: '/Statement/0',
    clean: { Version: V, Statement: [s3] },
  },
  {
    check: 'missing-action',
    kind: 'identity',
    bad: { Version: V, Statement: { Effect: 'Allow', Resource: '*' } },
    path: '/Statement',
    clean: { Version: V, Statement: s3 },
  },
  {
    check: 'missing-resource',
    kind: 'identity',
    bad: { Version: V, Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] },
    path: '/Statement/0',
    clean: { Version: V, Statement: [s3] },
  },
  {
    check: 'missing-principal',
    kind: 'trust',
    bad: { Version: V, Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] },
    path: '/Statement/0',
    clean: { Version: V, Statement: [trust] },
  },
  {
    check: 'invalid-version',
    kind: 'identity',
    bad: { Version: '2012-10-18', Statement: [s3] },
    path: '/Version',
    clean: { Version: V, Statement: [s3] },
    data: { suggestion: V },
  },
  {
    check: 'missing-version',
    kind: 'identity',
    bad: { Statement: [s3] },
    path: '',
    clean: { Version: V, Statement: [s3] },
    data: { suggestion: V },
  },
  {
    check: 'invalid-effect',
    kind: 'identity',
    bad: { Version: V, Statement: [{ ...s3, Effect: 'allow' }] },
    path: '/Statement/0/Effect',
    clean: { Version: V, Statement: [s3] },
    data: { suggestion: 'Allow' },
  },
  {
    check: 'data-type-mismatch',
    kind: 'identity',
    bad: { Version: V, Statement: [{ ...s3, Action: ['s3:GetObject', 42] }] },
    path: '/Statement/0/Action/1',
    clean: { Version: V, Statement: [{ ...s3, Action: ['s3:GetObject'] }] },
  },
  {
    check: 'invalid-policy-element',
    kind: 'identity',
    bad: { Version: V, Statement: [{ ...s3, Actions: 's3:GetObject' }] },
    path: '/Statement/0/Actions',
    clean: { Version: V, Statement: [s3] },
    data: { suggestion: 'Action' },
  },
  {
    check: 'unsupported-element-combination',
    kind: 'identity',
    bad: { Version: V, Statement: [{ ...s3, NotResource: 'arn:aws:s3:::c/*' }] },
    path: '/Statement/0/NotResource',
    clean: { Version: V, Statement: [s3] },
  },
  {
    check: 'invalid-sid',
    kind: 'identity',
    bad: { Version: V, Statement: [{ Sid: 'read objects', ...s3 }] },
    path: '/Statement/0/Sid',
    clean: { Version: V, Statement: [{ Sid: 'ReadObjects', ...s3 }] },
    data: { suggestion: 'readobjects' },
  },
  {
    check: 'duplicate-sid',
    kind: 'identity',
    bad: {
      Version: V,
      Statement: [
        { Sid: 'A', ...s3 },
        { Sid: 'A', ...s3, Action: 's3:PutObject' },
      ],
    },
    path: '/Statement/1/Sid',
    clean: {
      Version: V,
      Statement: [
        { Sid: 'A', ...s3 },
        { Sid: 'B', ...s3, Action: 's3:PutObject' },
      ],
    },
    data: { duplicateOf: '/Statement/0/Sid' },
  },
  {
    check: 'unsupported-principal',
    kind: 'resource',
    bad: bucketPolicy({ User: 'arn:aws:iam::123456789012:user/a' }),
    path: '/Statement/0/Principal/User',
    clean: bucketPolicy({ AWS: 'arn:aws:iam::123456789012:user/a' }),
  },
  {
    check: 'invalid-principal',
    kind: 'resource',
    bad: bucketPolicy({ AWS: 'arn:aws:iam::123456789012:group/admins' }),
    path: '/Statement/0/Principal/AWS',
    clean: bucketPolicy({ AWS: '123456789012' }),
  },
  {
    check: 'resource-in-trust-policy',
    kind: 'trust',
    bad: { Version: V, Statement: [{ ...trust, Resource: '*' }] },
    path: '/Statement/0/Resource',
    clean: { Version: V, Statement: [trust] },
  },
];

describeCases('structure', structureCases);

describe('validatePolicy: structure details', () => {
  it('puts a missing element on the opening brace of the statement that lacks it', () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Action": "s3:GetObject", "Resource": "*" }\n  ]\n}';
    const f = findings(text, 'identity').find((x) => x.check === 'missing-effect')!;
    assert.deepEqual(f.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 5 } });
  });

  it('reports a misspelled element on its key, not its value', () => {
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","action":"s3:GetObject","Resource":"*"}]}';
    const f = findings(text, 'identity').find((x) => x.check === 'invalid-policy-element')!;
    assert.equal(text.slice(f.range.start.character, f.range.end.character), '"action"');
    assert.deepEqual(f.data, { suggestion: 'Action' });
  });

  it('rejects a Principal in an identity policy and a CanonicalUser in a trust policy', () => {
    const id = findings({ Version: V, Statement: [{ ...s3, Principal: '*' }] }, 'identity');
    assert.deepEqual(
      id.map((f) => `${f.check} ${f.path}`),
      ['invalid-policy-element /Statement/0/Principal'],
    );
    const tr = findings(
      { Version: V, Statement: [{ ...trust, Principal: { CanonicalUser: 'a'.repeat(64) } }] },
      'trust',
    );
    assert.deepEqual(
      tr.map((f) => `${f.check} ${f.path}`),
      ['unsupported-principal /Statement/0/Principal/CanonicalUser'],
    );
  });

  it('turns JSON syntax errors into json-syntax findings and still checks the rest', () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*",}]\n}';
    const fs = findings(text, 'identity');
    assert.deepEqual(
      fs.map((f) => f.check),
      ['invalid-effect', 'json-syntax'],
    );
    const syntax = fs.find((f) => f.check === 'json-syntax')!;
    assert.equal(syntax.severity, 'error');
    assert.equal(syntax.range.start.line, 2);
    assert.match(syntax.message, /trailing comma/);
  });
});
