import { strict as assert } from 'node:assert';
import { loadCatalogSync } from '../../../../../src/core/iam/catalog';
import {
  generateServiceSetPolicy,
  parseAccessLevels,
  parseServiceTypes,
  serviceTypeActions,
} from '../../../../../src/core/iam/generate/serviceSet';
import { SERVICE_TYPES, SERVICE_TYPE_SPECS } from '../../../../../src/core/iam/serviceTypes';
import { isGrantwiseError } from '../../../../../src/core/errors';

const catalog = loadCatalogSync();
const actionsOf = (s: { Action: string | string[] }) =>
  typeof s.Action === 'string' ? [s.Action] : s.Action;

describe('service types', () => {
  it('are the 19 types of seed 002, in order', () => {
    assert.deepEqual(
      [...SERVICE_TYPES],
      'ALB ASG CLOUDFRONT DYNAMODB EBS EC2 ECS EKS ELASTICACHE KMS LAMBDA NAT_GATEWAY NLB RDS ROUTE53 S3 SECURITY_GROUP SNS SQS'.split(
        ' ',
      ),
    );
  });

  it('every action and exclude pattern matches at least one catalog action (no typos, no stale names)', () => {
    for (const spec of Object.values(SERVICE_TYPE_SPECS)) {
      for (const p of [
        ...spec.actions,
        ...(spec.exclude ?? []),
        ...(spec.withheld ?? []).map((w) => w.action),
      ]) {
        assert.ok(catalog.matchActions(p).length > 0, `${spec.type}: ${p} matches nothing`);
      }
    }
  });

  it('SECURITY_GROUP takes the security-group actions, not all of ec2', () => {
    const actions = serviceTypeActions(catalog, 'SECURITY_GROUP', ['List', 'Read', 'Write', 'Tagging']);
    assert.ok(actions.includes('ec2:AuthorizeSecurityGroupIngress'));
    assert.ok(actions.includes('ec2:DescribeSecurityGroups'));
    assert.ok(!actions.includes('ec2:RunInstances'));
    assert.ok(
      actions.every((a) => /SecurityGroup|DescribeVpcs|DescribeSubnets|Tags/.test(a)),
      actions.join(' '),
    );
  });

  it('parses a comma list case-insensitively into canonical order, and names the valid types on error', () => {
    assert.deepEqual(parseServiceTypes('s3, EC2 security-group'), ['EC2', 'S3', 'SECURITY_GROUP']);
    assert.throws(
      () => parseServiceTypes('EC2,FOO'),
      (e: unknown) =>
        isGrantwiseError(e) && e.code === 'generate.invalid-services' && /ALB, ASG/.test(e.remedy!),
    );
    assert.deepEqual(parseAccessLevels('Write,read'), ['read', 'write']);
    assert.throws(
      () => parseAccessLevels('admin'),
      (e: unknown) => isGrantwiseError(e) && /levels/.test(e.code),
    );
  });
});

describe('generateServiceSetPolicy', () => {
  it('gives one statement per type with a stable Sid, sorted actions on Resource "*"', () => {
    const r = generateServiceSetPolicy(catalog, { services: ['S3', 'EC2', 'RDS'] });
    assert.deepEqual(
      r.policy.Statement.map((s) => s.Sid),
      ['GrantwiseEc2', 'GrantwiseRds', 'GrantwiseS3'],
    );
    for (const s of r.policy.Statement) {
      const actions = actionsOf(s);
      assert.deepEqual(actions, [...actions].sort());
      assert.equal(s.Resource, '*');
      assert.equal(s.Effect, 'Allow');
    }
    assert.ok(actionsOf(r.policy.Statement[0]).includes('ec2:RunInstances'));
    assert.ok(actionsOf(r.policy.Statement[2]).includes('s3:CreateBucket'));
  });

  it('counts each granted action once and reports per service', () => {
    const r = generateServiceSetPolicy(catalog, {
      services: ['EC2', 'EBS', 'SECURITY_GROUP', 'NAT_GATEWAY'],
    });
    const all = r.policy.Statement.flatMap(actionsOf);
    assert.equal(new Set(all).size, all.length, 'no action in two statements');
    assert.equal(r.totalActionsGranted, all.length);
    assert.deepEqual(
      r.perService.map((p) => [p.type, p.sid, p.actions]),
      r.policy.Statement.map((s) => [
        r.perService.find((p) => p.sid === s.Sid)!.type,
        s.Sid,
        actionsOf(s).length,
      ]),
    );
    // ec2:CreateTags is needed by all four; EC2 owns it.
    const owner = r.policy.Statement.find((s) => actionsOf(s).includes('ec2:CreateTags'));
    assert.equal(owner?.Sid, 'GrantwiseEc2');
    assert.ok(r.perService.find((p) => p.type === 'EBS')!.sharedActions > 0);
  });

  it('with ALB and NLB, the ALB statement carries the shared load-balancer core and NLB reports it as shared', () => {
    const r = generateServiceSetPolicy(catalog, { services: ['ALB', 'NLB'] });
    assert.deepEqual(
      r.policy.Statement.map((s) => s.Sid),
      ['GrantwiseAlb'],
    );
    const nlb = r.perService.find((p) => p.type === 'NLB')!;
    assert.equal(nlb.actions, 0);
    assert.equal(
      nlb.sharedActions,
      generateServiceSetPolicy(catalog, { services: ['NLB'] }).totalActionsGranted,
    );
  });

  it('chooses actions by access level from the catalog; permissions management only when asked', () => {
    const read = generateServiceSetPolicy(catalog, { services: ['S3'], levels: ['read'] });
    for (const a of actionsOf(read.policy.Statement[0]))
      assert.equal(catalog.action(a)!.accessLevel, 'Read', a);
    const byDefault = actionsOf(generateServiceSetPolicy(catalog, { services: ['S3'] }).policy.Statement[0]);
    assert.ok(!byDefault.includes('s3:PutBucketPolicy'));
    assert.ok(byDefault.includes('s3:PutObject'));
    const pm = generateServiceSetPolicy(catalog, {
      services: ['S3'],
      levels: ['list', 'read', 'write', 'tagging', 'permissions-management'],
    });
    assert.ok(actionsOf(pm.policy.Statement[0]).includes('s3:PutBucketPolicy'));
  });

  it('withholds lambda:UpdateFunctionCode (escalation on "*") and says so', () => {
    const r = generateServiceSetPolicy(catalog, { services: ['LAMBDA'] });
    assert.ok(!actionsOf(r.policy.Statement[0]).includes('lambda:UpdateFunctionCode'));
    assert.deepEqual(
      r.withheld.map((w) => [w.type, w.action]),
      [['LAMBDA', 'lambda:UpdateFunctionCode']],
    );
  });

  it('is byte-for-byte deterministic whatever the input order', () => {
    const a = generateServiceSetPolicy(catalog, { services: ['SQS', 'EC2', 'KMS'] });
    const b = generateServiceSetPolicy(catalog, { services: ['KMS', 'SQS', 'EC2', 'SQS'] });
    assert.equal(a.policyJson, b.policyJson);
    assert.equal(a.policyJson, JSON.stringify(a.policy, null, 2));
  });

  it('fails naming the levels when they grant nothing', () => {
    assert.throws(
      () =>
        generateServiceSetPolicy(catalog, {
          services: ['SECURITY_GROUP'],
          levels: ['permissions-management'],
        }),
      (e: unknown) => isGrantwiseError(e) && e.code === 'generate.invalid-levels',
    );
  });
});
