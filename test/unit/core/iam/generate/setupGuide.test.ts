import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { loadCatalogSync } from '../../../../../src/core/iam/catalog';
import { generateSetupGuide } from '../../../../../src/core/iam/generate/setupGuide';
import { policyChars } from '../../../../../src/core/iam/generate/policySize';

const catalog = loadCatalogSync();
const base = { roleName: 'web-team', accountId: '123456789012', region: 'eu-west-1' };

describe('generateSetupGuide', () => {
  it('gives console steps, a CLI script and a CloudFormation template for the role and its policy', () => {
    const g = generateSetupGuide(catalog, { ...base, services: ['EC2', 'S3', 'SECURITY_GROUP'] });
    assert.equal(g.roleArn, 'arn:aws:iam::123456789012:role/web-team');
    assert.equal(g.stackName, 'grantwise-role-web-team');
    assert.deepEqual(g.trustPolicy.Statement, [
      {
        Sid: 'GrantwiseAccountAssumeRole',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        Action: 'sts:AssumeRole',
      },
    ]);
    for (const p of g.policies) {
      assert.match(
        g.cliScript,
        new RegExp(`aws iam create-policy --policy-name ${p.name} --policy-document file://${p.name}.json`),
      );
      assert.ok(
        g.cliScript.includes(`aws iam attach-role-policy --role-name web-team --policy-arn ${p.arn}`),
      );
      assert.ok(g.cliScript.includes(p.json));
    }
    assert.ok(
      g.cliScript.includes(
        'aws iam create-role --role-name web-team --assume-role-policy-document file://web-team-trust.json',
      ),
    );
    assert.ok(g.markdown.includes('## Option 1: AWS console'));
    assert.ok(g.markdown.includes('**Policies → Create policy**'));
    assert.ok(g.markdown.includes(g.cliScript.trimEnd()));
    assert.ok(g.markdown.includes(g.cloudFormationYaml.trimEnd()));
    assert.ok(
      g.markdown.includes(
        'aws cloudformation deploy --stack-name grantwise-role-web-team --template-file grantwise-role-web-team.yaml --capabilities CAPABILITY_NAMED_IAM --region eu-west-1',
      ),
    );
    assert.ok(g.markdown.includes(`It grants ${g.serviceSet.totalActionsGranted} actions`));
    const template = parse(g.cloudFormationYaml);
    assert.equal(template.Resources.Role.Properties.RoleName, 'web-team');
    assert.deepEqual(
      Object.values(template.Resources)
        .filter((r) => (r as { Type: string }).Type === 'AWS::IAM::ManagedPolicy')
        .map((r) => (r as { Properties: { ManagedPolicyName: string } }).Properties.ManagedPolicyName),
      g.policies.map((p) => p.name),
    );
  });

  it('splits large permissions into several managed policies within the quota', () => {
    const g = generateSetupGuide(catalog, { ...base, services: ['EC2', 'RDS', 'S3'] });
    assert.ok(g.policies.length >= 2);
    assert.deepEqual(
      g.policies.map((p) => p.name),
      g.policies.map((_, i) => `web-team-policy-${i + 1}`),
    );
    for (const p of g.policies) assert.ok(policyChars(p.document) <= 6144);
    assert.match(g.markdown, /more than the 6144 IAM allows in one managed policy/);
  });

  it('requires an ExternalId for a principal of another account, and lists withheld actions', () => {
    const g = generateSetupGuide(catalog, {
      ...base,
      services: ['LAMBDA'],
      trustedPrincipal: 'arn:aws:iam::111122223333:role/Deployer',
      externalId: 'ext-42',
    });
    assert.equal(g.externalId, 'ext-42');
    assert.deepEqual(g.trustPolicy.Statement[0].Condition, { StringEquals: { 'sts:ExternalId': 'ext-42' } });
    assert.ok(g.markdown.includes('**Require external ID** and enter `ext-42`'));
    assert.ok(g.markdown.includes('- `lambda:UpdateFunctionCode` (LAMBDA)'));
  });

  it('holds no credentials and is byte-for-byte deterministic', () => {
    const a = generateSetupGuide(catalog, { ...base, services: ['SQS', 'SNS'] });
    const b = generateSetupGuide(catalog, { ...base, services: ['SNS', 'SQS'] });
    assert.equal(a.markdown, b.markdown);
    assert.doesNotMatch(a.markdown, /AKIA|ASIA|aws_secret_access_key|SecretAccessKey/i);
  });
});
