import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { loadCatalogSync } from '../../../../../src/core/iam/catalog';
import { policyFromCode } from '../../../../../src/core/iam/fromCode/policyFromCode';
import { generateCrossAccountTrust } from '../../../../../src/core/iam/generate/crossAccount';
import type { PolicyJson } from '../../../../../src/core/iam/generate/document';
import { generateEc2InstanceRole } from '../../../../../src/core/iam/generate/ec2InstanceRole';
import { generateIrsaRole } from '../../../../../src/core/iam/generate/irsa';
import { generateS3AccessPolicy } from '../../../../../src/core/iam/generate/s3Access';
import { policyJson } from '../../../../../src/core/iam/generate/serialize';
import { generateServiceSetPolicy } from '../../../../../src/core/iam/generate/serviceSet';
import { generateSetupGuide } from '../../../../../src/core/iam/generate/setupGuide';
import type { PolicyKind } from '../../../../../src/core/iam/kind';
import { parsePolicy } from '../../../../../src/core/iam/parse';
import { SERVICE_TYPES } from '../../../../../src/core/iam/serviceTypes';
import { validatePolicy } from '../../../../../src/core/iam/validate';

const catalog = loadCatalogSync();
const ACCOUNT = '123456789012';

function assertClean(policy: PolicyJson, kind: PolicyKind): void {
  const findings = validatePolicy(parsePolicy(policyJson(policy), { kind }), catalog, {
    kind,
    accountId: ACCOUNT,
  });
  assert.deepEqual(
    findings.map((f) => `${f.check} ${f.path}: ${f.message}`),
    [],
  );
}

describe('every generated document validates with zero findings', () => {
  for (const type of SERVICE_TYPES) {
    it(`service set ${type}`, () =>
      assertClean(generateServiceSetPolicy(catalog, { services: [type] }).policy, 'identity'));
  }
  it('service set of all 19 types, at every access level', () => {
    assertClean(generateServiceSetPolicy(catalog, { services: SERVICE_TYPES }).policy, 'identity');
    const all = generateServiceSetPolicy(catalog, {
      services: SERVICE_TYPES,
      levels: ['list', 'read', 'write', 'tagging', 'permissions-management'],
    });
    assertClean(all.policy, 'identity');
  });
  it('setup guide trust and every managed-policy part', () => {
    const g = generateSetupGuide(catalog, {
      roleName: 'ops',
      accountId: ACCOUNT,
      region: 'us-east-1',
      services: SERVICE_TYPES,
    });
    assertClean(g.trustPolicy, 'trust');
    for (const p of g.policies) assertClean(p.document, 'identity');
  });
  it('S3 bucket access, with and without prefix, read-only', () => {
    assertClean(generateS3AccessPolicy({ bucket: 'capillaries-testbucket' }), 'identity');
    assertClean(
      generateS3AccessPolicy({ bucket: 'rok-data', prefix: 'snapshots', readOnly: true }),
      'identity',
    );
  });
  it('EC2 instance role: trust, permissions and operator PassRole', () => {
    const r = generateEc2InstanceRole({
      roleName: 'RoleAccessCapillariesTestbucket',
      accountId: ACCOUNT,
      permissions: generateS3AccessPolicy({ bucket: 'capillaries-testbucket' }),
    });
    assertClean(r.trustPolicy, 'trust');
    assertClean(r.permissionsPolicy, 'identity');
    assertClean(r.operatorPolicy, 'identity');
  });
  it('cross-account trust with ExternalId and the SaaS-side policy', () => {
    const t = generateCrossAccountTrust({
      principal: 'arn:aws:iam::111122223333:user/UserSaasCapideployOperator',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/RoleCapideployOperator`,
      externalId: '6f0d8a9e-5a43-4c55-9d0b-1f7f2a3c9e11',
    });
    assertClean(t.trustPolicy, 'trust');
    assertClean(t.saasPolicy, 'identity');
  });
  it('IRSA trust and bucket-prefix policy', () => {
    const r = generateIrsaRole({
      issuer: 'https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      namespace: 'rok',
      serviceAccount: 'rok-s3',
      accountId: ACCOUNT,
      bucket: 'rok-data',
      prefix: 'snapshots',
    });
    assertClean(r.trustPolicy, 'trust');
    assertClean(r.permissionsPolicy, 'identity');
  });
  it('policy from code (fixtures in four languages)', () => {
    const r = policyFromCode(catalog, join(__dirname, '../../../../fixtures/fromCode/app'));
    assert.ok(r.policy);
    assertClean(r.policy, 'identity');
  });
});
