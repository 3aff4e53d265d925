import { strict as assert } from 'node:assert';
import * as engine from '../../../../src/heavy/iam';
import {
  actionHover,
  conditionKeyHover,
  hoverMarkdown,
} from '../../../../src/extension/editor/policyHoverText';

const catalog = engine.loadCatalogSync();

describe('policy hovers', () => {
  it('describes an action: access level, description, resource types with ARN formats, condition keys', () => {
    const text = actionHover(catalog, 's3:GetObject')!;
    assert.match(text, /^\*\*s3:GetObject\*\* · Read\n/);
    assert.match(text, /- `object` — `arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}`/);
    assert.match(text, /Condition keys: .*`s3:ExistingObjectTag\/<key>`/);
  });

  it('counts what a wildcard matches, by access level, with a sample', () => {
    const text = actionHover(catalog, 'sqs:GetQueue*')!;
    assert.equal(
      text,
      '**sqs:GetQueue\\*** matches **2** actions (Read 2).\n\n`sqs:GetQueueAttributes`, `sqs:GetQueueUrl`'.replace(
        '\\*',
        '*',
      ),
    );
    assert.match(actionHover(catalog, 's3:Nothing*')!, /matches no action/);
  });

  it('gives a condition key its type and the operators that fit, and flags an operator that does not', () => {
    const ip = conditionKeyHover(engine, catalog, 'StringEquals', 'aws:SourceIp')!;
    assert.match(ip, /^\*\*aws:SourceIp\*\* · IPAddress/);
    assert.match(ip, /Operators that fit: `IpAddress`, `NotIpAddress`, and `Null`\./);
    assert.match(ip, /`StringEquals` compares String values, which does not fit a IPAddress key\./);
    const tags = conditionKeyHover(engine, catalog, 'ForAllValues:StringEquals', 'aws:TagKeys')!;
    assert.match(tags, /Multivalued: qualify the operator/);
    assert.doesNotMatch(tags, /does not fit/);
  });

  it('finds the element under a pointer in a parsed document', () => {
    const doc = engine.parsePolicy(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket"],"Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}',
    );
    assert.match(
      hoverMarkdown(engine, catalog, doc, '/Statement/0/Action/0')!,
      /^\*\*s3:ListBucket\*\* · List/,
    );
    assert.match(
      hoverMarkdown(engine, catalog, doc, '/Statement/0/Condition/IpAddress/aws:SourceIp')!,
      /IPAddress/,
    );
    assert.equal(hoverMarkdown(engine, catalog, doc, '/Statement/0/Effect'), undefined);
  });
});
