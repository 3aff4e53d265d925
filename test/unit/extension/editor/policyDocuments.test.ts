import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as engine from '../../../../src/heavy/iam';
import {
  analyzePolicies,
  findPolicyDocuments,
  mayHoldPolicies,
} from '../../../../src/extension/editor/policyDocuments';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures', 'policies');
const src = (fileName: string, languageId: string, text?: string) => ({
  fileName: `/ws/${fileName}`,
  languageId,
  text: text ?? readFileSync(path.join(FIXTURES, fileName), 'utf8'),
});

describe('which editor documents are policies', () => {
  it('takes *.policy.json and *.trust.json whole, with the kind their name gives', () => {
    const [p] = findPolicyDocuments(engine, src('bucket-access.policy.json', 'json'), {});
    assert.equal(p.label, 'policy');
    assert.deepEqual(p.jsonBase, []);
    assert.equal(p.doc.kind, 'identity');
    const [t] = findPolicyDocuments(engine, src('saas.trust.json', 'json'), {});
    assert.equal(t.doc.kind, 'trust');
  });

  it('takes a plain JSON file when its top level has Statement and Version, or a glob names it', () => {
    const text = readFileSync(path.join(FIXTURES, 'bucket-access.policy.json'), 'utf8');
    assert.equal(findPolicyDocuments(engine, src('iam/bucket.json', 'json', text), {}).length, 1);
    assert.equal(
      findPolicyDocuments(engine, src('package.json', 'json', '{"name":"x","version":"1"}'), {}).length,
      0,
    );
    const noVersion = '{"Statement":[]}';
    assert.equal(findPolicyDocuments(engine, src('a.json', 'json', noVersion), {}).length, 0);
    const globbed = findPolicyDocuments(engine, src('roles/ci.json', 'json', noVersion), {
      'roles/*.json': 'trust',
    });
    assert.equal(globbed.length, 1);
    assert.equal(globbed[0].doc.kind, 'trust');
  });

  it('finds the policies of CloudFormation JSON with their JSON path, and of YAML and Terraform without one', () => {
    const json = findPolicyDocuments(engine, src('stack.json', 'json'), {});
    assert.deepEqual(
      json.map((p) => [p.label, p.jsonBase]),
      [
        [
          'Resources/SaasRole/Properties/AssumeRolePolicyDocument',
          ['Resources', 'SaasRole', 'Properties', 'AssumeRolePolicyDocument'],
        ],
      ],
    );
    const yaml = findPolicyDocuments(engine, src('stack.yaml', 'yaml'), {});
    assert.equal(yaml.length, 2);
    assert.ok(yaml.every((p) => p.jsonBase === undefined));
    const tf = findPolicyDocuments(engine, src('main.tf', 'terraform'), {});
    assert.equal(tf.length, 1);
  });

  it('rules out unrelated documents before loading the engine', () => {
    assert.equal(mayHoldPolicies(src('tsconfig.json', 'json', '{"compilerOptions":{}}'), false), false);
    assert.equal(mayHoldPolicies(src('k8s.yaml', 'yaml', 'kind: Deployment\n'), false), false);
    assert.equal(mayHoldPolicies(src('vars.tf', 'terraform', 'variable "x" {}\n'), false), false);
    assert.equal(mayHoldPolicies(src('x.ts', 'typescript', '"Statement"'), false), false);
    assert.equal(mayHoldPolicies(src('stack.yaml', 'yaml'), false), true);
  });

  it('validates every document found, at host-file positions', () => {
    const catalog = engine.loadCatalogSync();
    const analyzed = analyzePolicies(engine, catalog, src('stack.yaml', 'yaml'), {});
    assert.deepEqual(
      analyzed.flatMap((a) => a.findings.map((f) => [a.label, f.check, f.range.start.line])),
      [
        [
          'Resources/RoleAccessCapillariesTestbucket/Properties/Policies/0/PolicyDocument',
          'unknown-action',
          20,
        ],
      ],
    );
  });
});
