import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { canonicalPolicy, policyJson, yamlText } from '../../../../../src/core/iam/generate/serialize';

describe('serialize', () => {
  it('orders IAM elements canonically and sorts every other map', () => {
    const text = policyJson({
      Statement: [
        {
          Condition: { StringLike: { 'b:k': 'x' }, StringEquals: { 'z:k': 'y', 'a:k': 'z' } },
          Resource: '*',
          Action: 's3:GetObject',
          Effect: 'Allow',
          Sid: 'S',
        },
      ],
      Version: '2012-10-17',
    } as never);
    assert.equal(
      text,
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Sid": "S",\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "*",\n      "Condition": {\n        "StringEquals": {\n          "a:k": "z",\n          "z:k": "y"\n        },\n        "StringLike": {\n          "b:k": "x"\n        }\n      }\n    }\n  ]\n}',
    );
  });

  it('drops undefined members', () => {
    assert.deepEqual(canonicalPolicy({ Sid: undefined, Effect: 'Allow' }), { Effect: 'Allow' });
  });

  it('quotes YAML strings so account ids and versions stay strings', () => {
    const text = yamlText({ Account: '123456789012', Version: '2012-10-17', Flag: 'true' });
    assert.equal(text, "Account: '123456789012'\nVersion: '2012-10-17'\nFlag: 'true'\n");
    assert.deepEqual(parse(text), { Account: '123456789012', Version: '2012-10-17', Flag: 'true' });
  });
});
