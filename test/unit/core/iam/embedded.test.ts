import { strict as assert } from 'node:assert';
import type { Finding } from '../../../../src/core/finding';
import type { Range } from '../../../../src/core/range';
import { loadCatalogSync } from '../../../../src/core/iam/catalog';
import { findEmbeddedPolicies } from '../../../../src/core/iam/embedded';
import { validatePolicy } from '../../../../src/core/iam/validate';

function textAt(host: string, r: Range): string {
  const lines = host.split('\n');
  assert.equal(r.start.line, r.end.line, 'single-line range');
  return lines[r.start.line].slice(r.start.character, r.end.character);
}

function check(
  host: string,
  fileName: string,
): Array<{ element: string; kind: string; findings: Finding[] }> {
  return findEmbeddedPolicies(host, fileName).map((e) => ({
    element: e.element,
    kind: e.document.kind,
    findings: validatePolicy(e.document, loadCatalogSync()),
  }));
}

const CFN_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  OidcProvider: { Type: String }
Resources:
  RokRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Federated: !Sub arn:aws:iam::\${AWS::AccountId}:oidc-provider/\${OidcProvider}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals: !Sub '{"\${OidcProvider}:sub": "system:serviceaccount:rok:rok"}'
      Policies:
        - PolicyName: rok-s3
          PolicyDocument:
            Version: 2012-10-17
            Statement:
              - Effect: Allow
                Action: [s3:ListBucket]
                Resource: !Sub arn:aws:s3:::\${Bucket}
              - Effect: Allow
                Action: [s3:GetObject, s3:GetObjekt]
                Resource: !Sub 'arn:aws:s3:::\${Bucket}/*'
  Bucket:
    Type: AWS::S3::Bucket
`;

const CFN_JSON = JSON.stringify(
  {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      LogsPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'Logs' },
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'cloudtrail.amazonaws.com' },
                Action: 's3:PutObject',
                Resource: { 'Fn::Sub': 'arn:aws:s3:::${Logs}/AWSLogs/${AWS::AccountId}/*' },
                Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
              },
            ],
          },
        },
      },
      AppRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
          },
        },
      },
    },
  },
  null,
  2,
);

const TF = `resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_policy" "app" {
  # The bucket comes from another module.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjekt"]
        Resource = "\${aws_s3_bucket.data.arn}/*"
      },
      {
        Effect   = "Allow",
        Action   = "s3:ListBucket",
        Resource = "arn:aws:s3:::home/$\${aws:username}/*",
      },
    ]
  })
}
`;

describe('findEmbeddedPolicies', () => {
  it('finds CloudFormation YAML documents, treats !Sub/!Ref as opaque and reports at host positions', () => {
    const got = check(CFN_YAML, 'stack.yaml');
    assert.deepEqual(
      got.map((g) => [g.element, g.kind]),
      [
        ['Resources/RokRole/Properties/AssumeRolePolicyDocument', 'trust'],
        ['Resources/RokRole/Properties/Policies/0/PolicyDocument', 'identity'],
      ],
    );
    assert.deepEqual(got[0].findings, []);
    const [f] = got[1].findings;
    assert.equal(got[1].findings.length, 1);
    assert.equal(f.check, 'unknown-action');
    assert.equal(f.path, '/Statement/1/Action/1');
    assert.deepEqual(f.range.start, { line: 25, character: 39 });
    assert.equal(textAt(CFN_YAML, f.range), 's3:GetObjekt');
  });

  it('finds CloudFormation JSON documents with Fn::Sub and Ref values and the bucket-policy kind', () => {
    const got = check(CFN_JSON, 'template.json');
    assert.deepEqual(
      got.map((g) => [g.element, g.kind, g.findings.map((f) => `${f.check} ${f.path}`)]),
      [
        ['Resources/LogsPolicy/Properties/PolicyDocument', 'resource', []],
        [
          'Resources/AppRole/Properties/AssumeRolePolicyDocument',
          'trust',
          ['trust-wildcard-principal /Statement/0/Principal/AWS'],
        ],
      ],
    );
    assert.equal(textAt(CFN_JSON, got[1].findings[0].range), '"*"');
  });

  it('finds Terraform jsonencode blocks: HCL objects, interpolations opaque, $${} kept as a policy variable', () => {
    const got = check(TF, 'main.tf');
    assert.deepEqual(
      got.map((g) => [g.element, g.kind]),
      [
        ['aws_iam_role.app.assume_role_policy', 'trust'],
        ['aws_iam_policy.app.policy', 'identity'],
      ],
    );
    assert.deepEqual(got[0].findings, []);
    assert.deepEqual(
      got[1].findings.map((f) => [f.check, f.path, textAt(TF, f.range)]),
      [
        ['unknown-action', '/Statement/0/Action/1', '"s3:GetObjekt"'],
        ['action-resource-mismatch', '/Statement/1/Action', '"s3:ListBucket"'],
      ],
    );
    assert.deepEqual(got[1].findings[1].data, {
      bucketArn: 'arn:aws:s3:::home',
      objectArn: 'arn:aws:s3:::home/${aws:username}/*',
    });
  });

  it('gives nothing for files that are not templates', () => {
    assert.deepEqual(findEmbeddedPolicies('{"Version":"2012-10-17"}', 'a.policy.json'), []);
    assert.deepEqual(findEmbeddedPolicies('name: x\n', 'values.yaml'), []);
    assert.deepEqual(findEmbeddedPolicies('variable "x" {}\n', 'vars.tf'), []);
  });
});
