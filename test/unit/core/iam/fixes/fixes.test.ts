import { strict as assert } from 'node:assert';
import { addExternalIdCondition } from '../../../../../src/core/iam/fixes/externalId';
import { expandWildcardAction } from '../../../../../src/core/iam/fixes/expandWildcard';
import { JsonHost } from '../../../../../src/core/iam/fixes/jsonHost';
import {
  roleArnProblem,
  scopePassRole,
  servicePrincipalProblem,
} from '../../../../../src/core/iam/fixes/passRole';
import { removeArrayElement } from '../../../../../src/core/iam/fixes/removeElement';
import { replaceToken } from '../../../../../src/core/iam/fixes/replaceToken';
import {
  splitBucketAndObjectResources,
  type S3Scope,
} from '../../../../../src/core/iam/fixes/splitBucketObject';
import { setPolicyVersion } from '../../../../../src/core/iam/fixes/version';

const lines = (...ls: string[]) => ls.join('\n');

describe('policy quick-fix edits', () => {
  it('did-you-mean keeps the token quoting of JSON, YAML and plain scalars', () => {
    assert.deepEqual(replaceToken(10, '"s3:GetObjekt"', 's3:GetObject'), {
      offset: 10,
      length: 14,
      newText: '"s3:GetObject"',
    });
    assert.deepEqual(replaceToken(3, "'s3:GetObjekt'", 's3:GetObject'), {
      offset: 3,
      length: 14,
      newText: "'s3:GetObject'",
    });
    assert.deepEqual(replaceToken(3, 's3:GetObjekt', 's3:GetObject'), {
      offset: 3,
      length: 12,
      newText: 's3:GetObject',
    });
  });

  it('adds Version first, in the file indentation', () => {
    const text = lines('{', '    "Statement": []', '}');
    assert.equal(
      setPolicyVersion(new JsonHost(text)),
      lines('{', '    "Version": "2012-10-17",', '    "Statement": []', '}'),
    );
  });

  it('corrects a wrong Version in place', () => {
    const text = lines('{', '  "Version": "2008-10-17",', '  "Statement": []', '}');
    assert.equal(
      setPolicyVersion(new JsonHost(text)),
      lines('{', '  "Version": "2012-10-17",', '  "Statement": []', '}'),
    );
  });

  it('adds Version to a policy embedded in a CloudFormation JSON template', () => {
    const text = lines(
      '{',
      '  "Resources": {',
      '    "P": {',
      '      "PolicyDocument": {',
      '        "Statement": []',
      '      }',
      '    }',
      '  }',
      '}',
    );
    assert.equal(
      setPolicyVersion(new JsonHost(text, ['Resources', 'P', 'PolicyDocument'])),
      lines(
        '{',
        '  "Resources": {',
        '    "P": {',
        '      "PolicyDocument": {',
        '        "Version": "2012-10-17",',
        '        "Statement": []',
        '      }',
        '    }',
        '  }',
        '}',
      ),
    );
  });

  it('adds an sts:ExternalId condition, merging into an existing StringEquals', () => {
    const trust = lines(
      '{',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },',
      '      "Action": "sts:AssumeRole"',
      '    }',
      '  ]',
      '}',
    );
    assert.equal(
      addExternalIdCondition(new JsonHost(trust), '/Statement/0', 'f1b2c3d4-0000-4000-8000-000000000001'),
      lines(
        '{',
        '  "Statement": [',
        '    {',
        '      "Effect": "Allow",',
        '      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },',
        '      "Action": "sts:AssumeRole",',
        '      "Condition": {',
        '        "StringEquals": {',
        '          "sts:ExternalId": "f1b2c3d4-0000-4000-8000-000000000001"',
        '        }',
        '      }',
        '    }',
        '  ]',
        '}',
      ),
    );
    const withCondition =
      '{"Statement":{"Effect":"Allow","Condition":{"StringEquals":{"aws:PrincipalTag/x":"y"}}}}';
    assert.equal(
      addExternalIdCondition(new JsonHost(withCondition), '/Statement', 'id-1'),
      '{"Statement":{"Effect":"Allow","Condition":{"StringEquals":{"aws:PrincipalTag/x":"y","sts:ExternalId": "id-1"}}}}',
    );
    assert.equal(addExternalIdCondition(new JsonHost(trust), '/Statement/4', 'x'), undefined);
  });

  it('scopes a PassRole-only statement to the role and the receiving service', () => {
    const text = lines(
      '{',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      "Action": "iam:PassRole",',
      '      "Resource": "*"',
      '    }',
      '  ]',
      '}',
    );
    assert.equal(
      scopePassRole(
        new JsonHost(text),
        '/Statement/0',
        'arn:aws:iam::123456789012:role/App',
        'ec2.amazonaws.com',
      ),
      lines(
        '{',
        '  "Statement": [',
        '    {',
        '      "Effect": "Allow",',
        '      "Action": "iam:PassRole",',
        '      "Resource": "arn:aws:iam::123456789012:role/App",',
        '      "Condition": {',
        '        "StringEquals": {',
        '          "iam:PassedToService": "ec2.amazonaws.com"',
        '        }',
        '      }',
        '    }',
        '  ]',
        '}',
      ),
    );
  });

  it('moves PassRole out of a mixed statement into its own scoped statement', () => {
    const text = lines(
      '{',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      "Action": ["ec2:RunInstances", "iam:PassRole"],',
      '      "Resource": "*"',
      '    }',
      '  ]',
      '}',
    );
    assert.equal(
      scopePassRole(
        new JsonHost(text),
        '/Statement/0',
        'arn:aws:iam::123456789012:role/App',
        'ec2.amazonaws.com',
      ),
      lines(
        '{',
        '  "Statement": [',
        '    {',
        '      "Effect": "Allow",',
        '      "Action": "ec2:RunInstances",',
        '      "Resource": "*"',
        '    },',
        '    {',
        '      "Sid": "ScopedPassRole",',
        '      "Effect": "Allow",',
        '      "Action": "iam:PassRole",',
        '      "Resource": "arn:aws:iam::123456789012:role/App",',
        '      "Condition": {',
        '        "StringEquals": {',
        '          "iam:PassedToService": "ec2.amazonaws.com"',
        '        }',
        '      }',
        '    }',
        '  ]',
        '}',
      ),
    );
  });

  it('validates the role ARN and service principal the PassRole fix asks for', () => {
    assert.equal(roleArnProblem('arn:aws:iam::123456789012:role/path/App'), undefined);
    assert.match(roleArnProblem('arn:aws:iam::12345:role/App')!, /12-digit account/);
    assert.match(roleArnProblem('arn:aws:iam::123456789012:user/App')!, /role ARN/);
    assert.equal(servicePrincipalProblem('ec2.amazonaws.com'), undefined);
    assert.match(servicePrincipalProblem('ec2')!, /service principal/);
  });

  it('removes a duplicate element with its comma, keeping the rest of the line layout', () => {
    const text = lines(
      '{',
      '  "Action": [',
      '    "s3:GetObject",',
      '    "s3:PutObject",',
      '    "s3:GetObject"',
      '  ]',
      '}',
    );
    assert.equal(
      removeArrayElement(new JsonHost(text), '/Action/2'),
      lines('{', '  "Action": [', '    "s3:GetObject",', '    "s3:PutObject"', '  ]', '}'),
    );
    assert.equal(removeArrayElement(new JsonHost(text), '/Action'), undefined);
  });

  it('expands a wildcard element in place, skipping actions already listed', () => {
    const text = lines(
      '{',
      '  "Action": [',
      '    "s3:ListBucket",',
      '    "s3:Get*Tagging",',
      '    "s3:GetObjectTagging"',
      '  ]',
      '}',
    );
    assert.equal(
      expandWildcardAction(new JsonHost(text), '/Action/1', ['s3:GetBucketTagging', 's3:GetObjectTagging']),
      lines(
        '{',
        '  "Action": [',
        '    "s3:ListBucket",',
        '    "s3:GetBucketTagging",',
        '    "s3:GetObjectTagging"',
        '  ]',
        '}',
      ),
    );
  });

  it('expands a single wildcard string into an array', () => {
    const text = lines('{', '  "Action": "sqs:Get*"', '}');
    assert.equal(
      expandWildcardAction(new JsonHost(text), '/Action', ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl']),
      lines('{', '  "Action": [', '    "sqs:GetQueueAttributes",', '    "sqs:GetQueueUrl"', '  ]', '}'),
    );
  });

  const scope = (a: string): S3Scope =>
    /ListBucket|GetBucket/i.test(a) ? 'bucket' : /Object/i.test(a) ? 'object' : 'both';

  it('splits a mixed S3 statement into a bucket statement and an object statement', () => {
    const text = lines(
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Sid": "Data",',
      '      "Effect": "Allow",',
      '      "Action": ["s3:ListBucket", "s3:GetObject", "s3:PutObject"],',
      '      "Resource": "arn:aws:s3:::capillaries-testbucket"',
      '    }',
      '  ]',
      '}',
    );
    assert.equal(
      splitBucketAndObjectResources(new JsonHost(text), '/Statement/0', scope),
      lines(
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        '    {',
        '      "Sid": "DataBucket",',
        '      "Effect": "Allow",',
        '      "Action": "s3:ListBucket",',
        '      "Resource": "arn:aws:s3:::capillaries-testbucket"',
        '    },',
        '    {',
        '      "Sid": "DataObjects",',
        '      "Effect": "Allow",',
        '      "Action": [',
        '        "s3:GetObject",',
        '        "s3:PutObject"',
        '      ],',
        '      "Resource": "arn:aws:s3:::capillaries-testbucket/*"',
        '    }',
        '  ]',
        '}',
      ),
    );
  });

  it('only corrects the Resource when all actions are of one kind', () => {
    const text = lines(
      '{',
      '  "Statement": {',
      '    "Effect": "Allow",',
      '    "Action": "s3:ListBucket",',
      '    "Resource": "arn:aws:s3:::b/*"',
      '  }',
      '}',
    );
    assert.equal(
      splitBucketAndObjectResources(new JsonHost(text), '/Statement', scope),
      lines(
        '{',
        '  "Statement": {',
        '    "Effect": "Allow",',
        '    "Action": "s3:ListBucket",',
        '    "Resource": "arn:aws:s3:::b"',
        '  }',
        '}',
      ),
    );
  });
});
