import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DescribeAvailabilityZonesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { AwsClientFactory } from '../../../src/core/aws/clientFactory';
import { isGrantwiseError } from '../../../src/core/errors';
import { ec2InstanceRoleStackYaml, irsaStackYaml } from '../../../src/core/cloudformation/identityStacks';
import { loadCatalogSync } from '../../../src/core/iam/catalog';
import { generateCrossAccountTrust } from '../../../src/core/iam/generate/crossAccount';
import type { PolicyJson } from '../../../src/core/iam/generate/document';
import { generateEc2InstanceRole } from '../../../src/core/iam/generate/ec2InstanceRole';
import { generateIrsaRole } from '../../../src/core/iam/generate/irsa';
import { generateS3AccessPolicy } from '../../../src/core/iam/generate/s3Access';
import { policyJson } from '../../../src/core/iam/generate/serialize';
import { generateServiceSetPolicy } from '../../../src/core/iam/generate/serviceSet';
import { generateSetupGuide } from '../../../src/core/iam/generate/setupGuide';
import { MOTO_ROOT_CREDENTIALS, startMoto, type MotoServer } from '../../support/moto';

const run = promisify(execFile);
const ACCOUNT = '123456789012'; // moto's default account
const catalog = loadCatalogSync();

const instanceRole = generateEc2InstanceRole({
  roleName: 'RoleAccessCapillariesTestbucket',
  accountId: ACCOUNT,
  permissions: generateS3AccessPolicy({ bucket: 'capillaries-testbucket' }),
});
const crossAccount = generateCrossAccountTrust({
  principal: 'arn:aws:iam::111122223333:user/UserSaasCapideployOperator',
  roleArn: `arn:aws:iam::${ACCOUNT}:role/RoleCapideployOperator`,
  externalId: '6f0d8a9e-5a43-4c55-9d0b-1f7f2a3c9e11',
});
const irsa = generateIrsaRole({
  issuer: 'https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
  namespace: 'rok',
  serviceAccount: 'rok-s3',
  accountId: ACCOUNT,
  bucket: 'rok-data',
  prefix: 'snapshots',
});
const ec2Set = generateServiceSetPolicy(catalog, { services: ['EC2'] });

/** Role trust documents come back URL-encoded from IAM. */
const decoded = (doc: string | undefined) => JSON.parse(decodeURIComponent(doc ?? ''));

describe('generated roles and policies in moto, with IAM enforcement on', function () {
  let moto: MotoServer;
  let user: { accessKeyId: string; secretAccessKey: string };
  const created: Record<string, unknown> = {};

  // moto counts every request it answers before enforcing. The seeding below makes exactly this many
  // (5 instance role, 1 cross-account role, 3 IRSA, 6 user), and the last test proves none is left over.
  const SEEDING_CALLS = 15;

  before(async () => {
    moto = await startMoto({ initialNoAuthActionCount: SEEDING_CALLS });
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: MOTO_ROOT_CREDENTIALS,
      maxAttempts: 1,
    });
    const createPolicy = async (name: string, doc: PolicyJson) =>
      (await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: policyJson(doc) }))).Policy!
        .Arn!;

    // EC2 instance role wrapped by its instance profile (5 calls).
    const permissionsArn = await createPolicy(instanceRole.policyName, instanceRole.permissionsPolicy);
    created.instanceRole = await iam.send(
      new CreateRoleCommand({
        RoleName: instanceRole.roleName,
        AssumeRolePolicyDocument: policyJson(instanceRole.trustPolicy),
      }),
    );
    await iam.send(
      new AttachRolePolicyCommand({ RoleName: instanceRole.roleName, PolicyArn: permissionsArn }),
    );
    created.profile = await iam.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: instanceRole.instanceProfileName }),
    );
    await iam.send(
      new AddRoleToInstanceProfileCommand({
        InstanceProfileName: instanceRole.instanceProfileName,
        RoleName: instanceRole.roleName,
      }),
    );
    // Cross-account role trusting the SaaS user under an ExternalId (1 call).
    created.crossAccount = await iam.send(
      new CreateRoleCommand({
        RoleName: 'RoleCapideployOperator',
        AssumeRolePolicyDocument: policyJson(crossAccount.trustPolicy),
      }),
    );
    // IRSA role with its bucket-prefix policy (3 calls).
    created.irsa = await iam.send(
      new CreateRoleCommand({
        RoleName: irsa.roleName,
        AssumeRolePolicyDocument: policyJson(irsa.trustPolicy),
      }),
    );
    const irsaPolicyArn = await createPolicy(irsa.policyName, irsa.permissionsPolicy);
    await iam.send(new AttachRolePolicyCommand({ RoleName: irsa.roleName, PolicyArn: irsaPolicyArn }));
    // A user holding only the generated EC2 service-set policy and the operator's PassRole (6 calls).
    await iam.send(new CreateUserCommand({ UserName: 'deployer' }));
    const ec2PolicyArn = await createPolicy('deployer-ec2', ec2Set.policy);
    await iam.send(new AttachUserPolicyCommand({ UserName: 'deployer', PolicyArn: ec2PolicyArn }));
    const operatorArn = await createPolicy('deployer-operator', instanceRole.operatorPolicy);
    await iam.send(new AttachUserPolicyCommand({ UserName: 'deployer', PolicyArn: operatorArn }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'deployer' }))).AccessKey!;
    user = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  });
  after(async () => moto && (await moto.stop()));

  it('IAM accepted the instance role, its instance profile and the trust exactly as generated', () => {
    const role = (created.instanceRole as { Role: { Arn: string; AssumeRolePolicyDocument: string } }).Role;
    assert.equal(role.Arn, instanceRole.roleArn);
    assert.deepEqual(decoded(role.AssumeRolePolicyDocument), instanceRole.trustPolicy);
    const profile = (created.profile as { InstanceProfile: { Arn: string } }).InstanceProfile;
    assert.equal(profile.Arn, instanceRole.instanceProfileArn);
  });

  it('IAM accepted the cross-account role with its ExternalId trust and the IRSA role', () => {
    const x = (created.crossAccount as { Role: { Arn: string; AssumeRolePolicyDocument: string } }).Role;
    assert.equal(x.Arn, crossAccount.roleArn);
    assert.deepEqual(decoded(x.AssumeRolePolicyDocument), crossAccount.trustPolicy);
    const i = (created.irsa as { Role: { Arn: string; AssumeRolePolicyDocument: string } }).Role;
    assert.equal(i.Arn, irsa.roleArn);
    assert.deepEqual(decoded(i.AssumeRolePolicyDocument), irsa.trustPolicy);
  });

  function asUser() {
    const factory = new AwsClientFactory(
      { endpointUrl: moto.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: user },
      {},
    );
    return { factory, ec2: factory.create(EC2Client) };
  }

  it('the user can make the calls the EC2 service-set policy was generated for', async () => {
    const { factory, ec2 } = asUser();
    const granted = ec2Set.policy.Statement[0].Action as string[];
    for (const [action, command] of [
      ['ec2:DescribeVpcs', new DescribeVpcsCommand({})],
      ['ec2:DescribeInstances', new DescribeInstancesCommand({})],
      ['ec2:DescribeAvailabilityZones', new DescribeAvailabilityZonesCommand({})],
    ] as const) {
      assert.ok(granted.includes(action), `${action} is in the generated policy`);
      await factory.send(ec2, command, { action });
    }
    const vpcs = await factory.send<{ Vpcs?: unknown[] }>(ec2, new DescribeVpcsCommand({}), {
      action: 'ec2:DescribeVpcs',
    });
    assert.equal(vpcs.Vpcs?.length, 1, "moto's default VPC");
  });

  for (const [action, command, why] of [
    ['ec2:DescribeVolumes', () => new DescribeVolumesCommand({}), 'an EBS action, outside the EC2 type'],
    ['ec2:DescribeSecurityGroups', () => new DescribeSecurityGroupsCommand({}), 'a SECURITY_GROUP action'],
  ] as const) {
    it(`the user is denied ${action} (${why}), and the error names the action`, async () => {
      const { factory, ec2 } = asUser();
      assert.ok(!(ec2Set.policy.Statement[0].Action as string[]).includes(action));
      await assert.rejects(
        factory.send(ec2, command(), { action }),
        (e: unknown) =>
          isGrantwiseError(e) &&
          e.code === 'aws.access-denied' &&
          e.message.includes(`may not call ${action}`) &&
          e.remedy === `Add "${action}" to a policy attached to this identity, or use a profile that has it.`,
      );
    });
  }

  it('the user is denied IAM calls the policies do not grant', async () => {
    const { factory } = asUser();
    await assert.rejects(
      factory.send(factory.create(IAMClient), new ListUsersCommand({}), { action: 'iam:ListUsers' }),
      (e: unknown) =>
        isGrantwiseError(e) && e.code === 'aws.access-denied' && /iam:ListUsers/.test(e.message),
    );
  });

  it('no unauthenticated call is left: the seeding count is exact', async () => {
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: MOTO_ROOT_CREDENTIALS,
      maxAttempts: 1,
    });
    await assert.rejects(iam.send(new ListUsersCommand({})), (e: Error) => e.name === 'InvalidClientTokenId');
  });
});

describe('generated CloudFormation templates pass cfn-lint', function () {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'gw-cfn-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const templates: Record<string, () => string> = {
    'ec2-instance-role.yaml': () => ec2InstanceRoleStackYaml(instanceRole),
    'irsa.yaml': () => irsaStackYaml(irsa),
    'setup-guide-one-policy.yaml': () =>
      generateSetupGuide(catalog, {
        roleName: 'web',
        accountId: ACCOUNT,
        region: 'us-east-1',
        services: ['SQS'],
      }).cloudFormationYaml,
    'setup-guide-all-types.yaml': () =>
      generateSetupGuide(catalog, {
        roleName: 'platform',
        accountId: ACCOUNT,
        region: 'eu-west-1',
        services: ['ALB', 'EC2', 'EKS', 'LAMBDA', 'RDS', 'S3'],
        trustedPrincipal: 'arn:aws:iam::111122223333:role/Deployer',
        externalId: 'ext-1',
      }).cloudFormationYaml,
  };
  for (const [file, make] of Object.entries(templates)) {
    it(file, async () => {
      const path = join(dir, file);
      writeFileSync(path, make());
      try {
        await run('cfn-lint', ['--', path]);
      } catch (e) {
        const err = e as { code?: string | number; stdout?: string; stderr?: string };
        if (err.code === 'ENOENT')
          throw new Error('cfn-lint is not installed: install it (pip install cfn-lint).');
        // cfn-lint's own action list (W3037) can be older than the catalog data the actions come from:
        // such a warning is accepted only for an action the catalog knows.
        const problems = `${err.stdout}${err.stderr}`
          .split('\n')
          .filter((l) => /^[EWI]\d{4} /.test(l))
          .filter((l) => {
            const stale = /^W3037 '([\w-]+)' is not one of/.exec(l);
            return !stale || catalog.matchActions(`*:${stale[1]}`).length === 0;
          });
        assert.deepEqual(problems, [], `cfn-lint found problems in ${file}:\n${problems.join('\n')}`);
      }
    });
  }
});
