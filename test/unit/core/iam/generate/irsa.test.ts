import { strict as assert } from 'node:assert';
import { generateIrsaRole } from '../../../../../src/core/iam/generate/irsa';
import { policyJson } from '../../../../../src/core/iam/generate/serialize';
import { isGrantwiseError } from '../../../../../src/core/errors';

const HOST = 'oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const base = {
  issuer: `https://${HOST}`,
  namespace: 'rok',
  serviceAccount: 'rok-s3',
  accountId: '123456789012',
  bucket: 'rok-data',
  prefix: 'snapshots',
};

describe('generateIrsaRole', () => {
  it('trusts only the service account through the cluster’s OIDC provider, with sub and aud', () => {
    const r = generateIrsaRole(base);
    assert.equal(r.issuerHostPath, HOST);
    assert.equal(r.providerArn, `arn:aws:iam::123456789012:oidc-provider/${HOST}`);
    assert.deepEqual(r.trustPolicy, {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'GrantwiseServiceAccountAssumeRole',
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${HOST}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${HOST}:aud`]: 'sts.amazonaws.com',
              [`${HOST}:sub`]: 'system:serviceaccount:rok:rok-s3',
            },
          },
        },
      ],
    });
  });

  it('grants the bucket prefix only', () => {
    const r = generateIrsaRole(base);
    assert.deepEqual(
      r.permissionsPolicy.Statement.map((s) => s.Resource),
      ['arn:aws:s3:::rok-data', 'arn:aws:s3:::rok-data/snapshots/*'],
    );
    assert.deepEqual(r.permissionsPolicy.Statement[0].Condition, {
      StringLike: { 's3:prefix': ['snapshots/', 'snapshots/*'] },
    });
  });

  it('accepts the issuer with or without https:// and a trailing slash, giving the same bytes', () => {
    const a = generateIrsaRole(base);
    const b = generateIrsaRole({ ...base, issuer: `${HOST}/` });
    assert.equal(policyJson(a.trustPolicy), policyJson(b.trustPolicy));
  });

  it('names role and stack after cluster, namespace and service account, region from the issuer', () => {
    const r = generateIrsaRole({ ...base, clusterName: 'prod' });
    assert.equal(r.roleName, 'grantwise-irsa-prod-rok-rok-s3');
    assert.equal(r.roleArn, 'arn:aws:iam::123456789012:role/grantwise-irsa-prod-rok-rok-s3');
    assert.equal(r.policyName, 'grantwise-irsa-prod-rok-rok-s3-s3');
    assert.equal(r.stackName, 'grantwise-irsa-us-west-2-prod-rok-rok-s3');
    assert.equal(r.region, 'us-west-2');
    assert.deepEqual(r.serviceAccountAnnotation, { 'eks.amazonaws.com/role-arn': r.roleArn });
  });

  it('keeps long names within IAM’s 64 characters with a stable hash', () => {
    const long = { ...base, namespace: 'n'.repeat(40), serviceAccount: 's'.repeat(40) };
    const a = generateIrsaRole(long);
    assert.equal(a.roleName.length, 64);
    assert.match(a.roleName, /-[0-9a-f]{8}$/);
    assert.equal(generateIrsaRole(long).roleName, a.roleName);
  });

  it('refuses a bad issuer and a bad namespace, naming the field', () => {
    assert.throws(
      () => generateIrsaRole({ ...base, issuer: 'not a url' }),
      (e: unknown) =>
        isGrantwiseError(e) && e.code === 'generate.invalid-issuer' && /describe-cluster/.test(e.remedy!),
    );
    assert.throws(
      () => generateIrsaRole({ ...base, namespace: 'Rok_NS' }),
      (e: unknown) => isGrantwiseError(e) && e.code === 'generate.invalid-namespace',
    );
  });
});
