import { strict as assert } from 'node:assert';
import { loadCatalogSync } from '../../../../../src/core/iam/catalog';
import { findEmbeddedPolicies } from '../../../../../src/core/iam/embedded';
import {
  expandWildcardFix,
  fixesForFinding,
  statementPointer,
  type FixInput,
} from '../../../../../src/core/iam/fixes/forFinding';
import type { TextEdit } from '../../../../../src/core/iam/fixes/textEdit';
import { parsePolicy } from '../../../../../src/core/iam/parse';
import { validatePolicy } from '../../../../../src/core/iam/validate';

const catalog = loadCatalogSync();
const lines = (...ls: string[]) => ls.join('\n');
const apply = (text: string, e: TextEdit) =>
  text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);

function plan(text: string, fileName = 'x.policy.json') {
  const doc = parsePolicy(text, { fileName });
  const input: FixInput = {
    text,
    doc,
    jsonBase: [],
    catalog,
    newExternalId: () => '00000000-0000-4000-8000-000000000000',
  };
  const findings = validatePolicy(doc, catalog);
  return { input, findings, fixes: findings.flatMap((f) => fixesForFinding(input, f)) };
}

/** Applies the first edit fix whose title matches, and returns the new text and its findings. */
function applyFix(text: string, title: RegExp, fileName?: string) {
  const { fixes } = plan(text, fileName);
  const fix = fixes.find((f) => title.test(f.title));
  assert.ok(fix && fix.kind === 'edit', `no fix ${title}; offered: ${fixes.map((f) => f.title).join(', ')}`);
  const after = apply(text, fix.edit);
  return { after, findings: validatePolicy(parsePolicy(after, { fileName }), catalog) };
}

describe('quick fixes planned from findings', () => {
  it('finds the statement of an element pointer', () => {
    assert.equal(statementPointer('/Statement/3/Action/1'), '/Statement/3');
    assert.equal(statementPointer('/Statement/Condition'), '/Statement');
    assert.equal(statementPointer('/Version'), undefined);
  });

  it('did-you-mean replaces the misspelled action and the finding goes away', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    { "Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::b/*" }',
      '  ]',
      '}',
    );
    const { after, findings } = applyFix(text, /Change to 's3:GetObject'/);
    assert.equal(after, text.replace('s3:GetObjekt', 's3:GetObject'));
    assert.deepEqual(findings, []);
  });

  it('adds a missing Version', () => {
    const text = lines(
      '{',
      '  "Statement": [',
      '    { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b" }',
      '  ]',
      '}',
    );
    const { after, findings } = applyFix(text, /Set "Version"/);
    assert.equal(after, text.replace('{\n', '{\n  "Version": "2012-10-17",\n'));
    assert.deepEqual(findings, []);
  });

  it('removes a duplicate action', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    { "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObject"], "Resource": "arn:aws:s3:::b/*" }',
      '  ]',
      '}',
    );
    const { after, findings } = applyFix(text, /Remove duplicate "s3:GetObject"/);
    assert.equal(after, text.replace('["s3:GetObject", "s3:GetObject"]', '["s3:GetObject"]'));
    assert.deepEqual(findings, []);
  });

  it('splits a bucket/object mix so ListBucket and GetObject each get their resource', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      "Action": ["s3:ListBucket", "s3:GetObject"],',
      '      "Resource": "arn:aws:s3:::capillaries-testbucket/*"',
      '    }',
      '  ]',
      '}',
    );
    const { after, findings } = applyFix(text, /Split bucket and object resources/);
    assert.deepEqual(JSON.parse(after).Statement, [
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::capillaries-testbucket' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::capillaries-testbucket/*' },
    ]);
    assert.deepEqual(findings, []);
  });

  it('requires an ExternalId on a cross-account trust and the security finding goes away', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },',
      '      "Action": "sts:AssumeRole"',
      '    }',
      '  ]',
      '}',
    );
    const { after, findings } = applyFix(text, /sts:ExternalId/, 'saas.trust.json');
    assert.deepEqual(JSON.parse(after).Statement[0].Condition, {
      StringEquals: { 'sts:ExternalId': '00000000-0000-4000-8000-000000000000' },
    });
    assert.deepEqual(findings, []);
  });

  it('offers the PassRole scoping as a fix that asks for the role first', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    { "Effect": "Allow", "Action": ["ec2:RunInstances", "iam:PassRole"], "Resource": "*" }',
      '  ]',
      '}',
    );
    const { fixes } = plan(text);
    assert.deepEqual(
      fixes
        .filter((f) => f.kind === 'scope-passrole')
        .map((f) => [f.title, f.kind === 'scope-passrole' && f.statementPointer]),
      [['Scope iam:PassRole to a role and service…', '/Statement/0']],
    );
  });

  it('replaces a misspelled action inside a CloudFormation YAML template, keeping YAML', () => {
    const text = lines(
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  P:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            Action: s3:GetObjekt',
      "            Resource: 'arn:aws:s3:::b/*'",
    );
    const [e] = findEmbeddedPolicies(text, 't.yaml');
    const input: FixInput = { text, doc: e.document, catalog, newExternalId: () => 'x' };
    const [finding] = validatePolicy(e.document, catalog);
    const fixes = fixesForFinding(input, finding);
    assert.equal(fixes.length, 1);
    assert.ok(fixes[0].kind === 'edit');
    assert.equal(apply(text, fixes[0].edit), text.replace('Action: s3:GetObjekt', 'Action: s3:GetObject'));
  });

  it('expands a wildcard action into the explicit list from the catalog', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      "Action": "sqs:GetQueue*",',
      '      "Resource": "*"',
      '    }',
      '  ]',
      '}',
    );
    const { input } = plan(text);
    const fix = expandWildcardFix(input, '/Statement/0/Action');
    assert.ok(fix && fix.kind === 'edit');
    assert.equal(fix.title, "Expand 'sqs:GetQueue*' into 2 actions");
    assert.deepEqual(JSON.parse(apply(text, fix.edit)).Statement[0].Action, [
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
    ]);
    assert.equal(expandWildcardFix(input, '/Statement/0/Resource'), undefined);
    const star = plan(text.replace('sqs:GetQueue*', '*')).input;
    assert.equal(expandWildcardFix(star, '/Statement/0/Action'), undefined, 'too many actions to list');
  });
});
