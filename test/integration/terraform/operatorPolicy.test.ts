import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  AddRoleToInstanceProfileCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { createEvaluator } from '../../../src/core/deployment/jsonnet/evaluator';
import { loadDeployment } from '../../../src/core/deployment/load';
import type { Deployment } from '../../../src/core/deployment/model';
import { actionsFor, roleOfInstanceProfile } from '../../../src/core/deployment/operatorActions';
import { generateOperatorPolicy, type OperatorPolicy } from '../../../src/core/deployment/operatorPolicy';
import type { TerraformResource } from '../../../src/core/terraform/layout';
import { renderTerraform } from '../../../src/core/terraform/render';
import { runTerraform, writeTerraformFiles, type TerraformResult } from '../../../src/core/terraform/run';
import { MOTO_ROOT_CREDENTIALS, startMoto, type MotoServer } from '../../support/moto';

const PLUGIN_DIR = '/opt/tf-plugins';
const EXAMPLES = join(__dirname, '../../../examples');
const CONCURRENCY = 3;
/** Bound of one terraform run in an ablation; a hung run is cancelled and reported, not waited for. */
const RUN_LIMIT_MS = 300_000;

/**
 * The actions ablated by default: one per rendered resource type, together covering every verb (create,
 * describe, update, delete, tag, PassRole), at the cheapest target that reaches each. A full ablation of every
 * action takes ~20 minutes on 2 cores: run it with GRANTWISE_ABLATE_ALL=1, or name the actions with
 * GRANTWISE_ABLATE=ec2:CreateVpc,ec2:DeleteVpc. GRANTWISE_TF_LOG=1 keeps each run's TF_LOG=DEBUG log.
 */
const SAMPLE = [
  'ec2:AssociateRouteTable', // aws_route_table_association, create
  'ec2:AttachVolume', // aws_volume_attachment, create
  'ec2:CreateRouteTable', // aws_route_table, create
  'ec2:CreateTags', // aws_vpc, retag in place (moto checks no tags sent with a create call)
  'ec2:CreateVpc', // aws_vpc, create
  'ec2:DeleteInternetGateway', // aws_internet_gateway, delete
  'ec2:DeleteRoute', // aws_route, delete
  'ec2:DeleteSecurityGroup', // aws_security_group, delete
  'ec2:DescribeNatGateways', // aws_nat_gateway, describe
  'ec2:DescribeSubnets', // aws_subnet, describe
  'ec2:DescribeVolumes', // aws_ebs_volume, describe
  'ec2:ModifyVolume', // aws_ebs_volume, update in place
  'ec2:ReleaseAddress', // aws_eip, delete
  'ec2:RevokeSecurityGroupIngress', // aws_security_group, update in place
  'ec2:RunInstances', // aws_instance, create
  'iam:PassRole', // aws_instance, PassRole (moto does not enforce it)
];
const ABLATE_ALL = process.env.GRANTWISE_ABLATE_ALL === '1';
const SELECTED = process.env.GRANTWISE_ABLATE?.split(',').map((a) => a.trim());
const TF_LOG_KEEP = process.env.GRANTWISE_TF_LOG === '1';

/** Actions moto lets through without checking: asserted to stay so, not hidden. */
const MOTO_UNENFORCED: Record<string, string> = {
  // moto authorizes the RunInstances call itself, never the iam:PassRole AWS checks on the instance profile.
  'iam:PassRole': 'aws_instance',
};

/**
 * Actions moto checks only when an in-place change calls them. AWS authorizes tags sent with a create call
 * (TagSpecifications) as ec2:CreateTags; moto does not, and creates succeed without it. A retag is a
 * CreateTags call of its own, which moto checks: the ablation proves it there.
 */
const PROVEN_BY_CHANGE = ['ec2:CreateTags'];

/** Where an ablation reaches an action cheapest when the first user of it would not call it. */
const TARGET_OVERRIDES: Record<string, string> = {
  // Only an address associated with an instance is disassociated before release.
  'ec2:DisassociateAddress': 'aws_eip:EC2',
};

/** Update actions only a change moto cannot make reaches (see `motoFails` in CHANGES): unproven here. */
const MOTO_UNREACHABLE = ['ec2:ReplaceRoute'];

/** An in-place change of rendered fields, and the update actions the provider calls to make it. */
interface Change {
  what: string;
  /** Applied before and after the change; each address brings what it depends on. */
  targets: string[];
  actions: string[];
  change: (d: Deployment) => void;
  /** moto cannot make this change: the apply fails with this error whoever runs it. Asserted, not hidden. */
  motoFails?: RegExp;
}

function resourceNamed(d: Deployment, name: string): Deployment['resources'][number] {
  const r = d.resources.find((x) => x.name === name);
  assert.ok(r, `the example deployment has no resource ${name}`);
  return r;
}

/** Together they reach every update action of the policy; each is a change a user makes to the file. */
const CHANGES: Change[] = [
  {
    what: 'the bastion grows from t3.micro to t3.small',
    targets: ['aws_instance.pipelinedev_bastion'],
    actions: ['ec2:ModifyInstanceAttribute', 'ec2:StartInstances', 'ec2:StopInstances'],
    change: (d) => void (resourceNamed(d, 'pipelinedev_bastion').config.instanceType = 't3.small'),
  },
  {
    what: "the bastion's root volume grows from 8 to 16 GiB",
    targets: ['aws_instance.pipelinedev_bastion'],
    actions: ['ec2:DescribeVolumesModifications', 'ec2:ModifyVolume'],
    change: (d) => void (resourceNamed(d, 'pipelinedev_bastion').config.rootVolumeSize = 16),
  },
  {
    what: 'the bastion also joins the internal security group',
    targets: ['aws_instance.pipelinedev_bastion'],
    actions: ['ec2:ModifyNetworkInterfaceAttribute'],
    change: (d) => {
      const config = resourceNamed(d, 'pipelinedev_bastion').config;
      config.securityGroups = [...(config.securityGroups as string[]), 'pipelinedev_internal_sg'];
    },
  },
  {
    what: 'the logs volume grows from 10 to 20 GiB',
    targets: ['aws_ebs_volume.pipelinedev_logs'],
    actions: ['ec2:ModifyVolume'],
    change: (d) => void (resourceNamed(d, 'pipelinedev_logs').config.sizeGb = 20),
  },
  {
    what: 'the bastion group drops log shipping and allows outbound DNS instead of everything',
    targets: ['aws_security_group.pipelinedev_bastion_sg'],
    actions: [
      'ec2:AuthorizeSecurityGroupEgress',
      'ec2:RevokeSecurityGroupEgress',
      'ec2:RevokeSecurityGroupIngress',
    ],
    change: (d) => {
      const config = resourceNamed(d, 'pipelinedev_bastion_sg').config;
      const rules = config.rules as Array<Record<string, unknown>>;
      config.rules = [
        ...rules.filter((r) => r.direction === 'ingress' && r.fromPort !== 514),
        {
          direction: 'egress',
          protocol: 'udp',
          fromPort: 53,
          toPort: 53,
          cidr: '10.20.0.2/32',
          description: 'DNS',
        },
      ];
    },
  },
  {
    what: 'the NAT gateway moves to the private subnet, so the private default route is repointed',
    targets: ['aws_route.pipelinedev_network_private_default'],
    actions: ['ec2:ReplaceRoute'],
    change: (d) => {
      d.network.natGateway = { subnet: 'pipelinedev_private_subnet' };
      resourceNamed(d, 'pipelinedev_natgw').config.subnet = 'pipelinedev_private_subnet';
    },
    // Terraform deletes the old gateway and creates the new one with the same elastic address; moto keeps
    // the address associated with the deleted gateway, which AWS releases.
    motoFails: /Resource\.AlreadyAssociated/,
  },
  {
    what: 'the private subnet becomes public: public addresses on launch, the public route table',
    targets: ['aws_route_table_association.pipelinedev_private_subnet'],
    actions: ['ec2:ModifySubnetAttribute', 'ec2:ReplaceRouteTableAssociation'],
    change: (d) =>
      void (d.network.subnets.find((s) => s.name === 'pipelinedev_private_subnet')!.public = true),
  },
  {
    what: 'the deployment is renamed, which retags every resource',
    targets: ['aws_vpc.pipelinedev_network'],
    actions: ['ec2:CreateTags'],
    change: (d) => void (d.name = 'pipelinedev-renamed'),
  },
];

function changed(d: Deployment, c: Change): Deployment {
  const copy = structuredClone(d);
  c.change(copy);
  return copy;
}

/** EC2 API actions terraform called, from its TF_LOG=DEBUG log, while applying changes (not reading). */
async function appliedActions(logFile: string): Promise<string[]> {
  const log = await readFile(logFile, 'utf8');
  const out = new Set<string>();
  for (const line of log.split('\n')) {
    if (!line.includes('tf_rpc=ApplyResourceChange')) continue;
    const m = /rpc\.method=(\w+)/.exec(line);
    if (m && /rpc\.service=EC2\b/.test(line)) out.add(`ec2:${m[1]}`);
  }
  return [...out].sort();
}

const COST: Record<string, number> = {
  aws_vpc: 1,
  aws_ebs_volume: 1,
  aws_eip: 1,
  aws_subnet: 2,
  aws_internet_gateway: 2,
  aws_route_table: 2,
  aws_security_group: 2,
  aws_route: 3,
  aws_route_table_association: 3,
  aws_nat_gateway: 3,
  aws_instance: 5,
  aws_volume_attachment: 8,
};
const cost = (r: TerraformResource) =>
  COST[r.type] +
  (r.type === 'aws_eip' && r.origin.id !== 'network' && !r.origin.describe.startsWith('NAT') ? 6 : 0);

function requireTools(): void {
  try {
    execFileSync('terraform', ['version'], {
      stdio: 'ignore',
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
  } catch {
    throw new Error('terraform is not on PATH: install Terraform >= 1.5 (apt-get install terraform).');
  }
  if (!existsSync(join(PLUGIN_DIR, 'registry.terraform.io/hashicorp/aws'))) {
    throw new Error(`The AWS provider mirror ${PLUGIN_DIR}/registry.terraform.io/hashicorp/aws is missing.`);
  }
}

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Seeds moto before enforcement starts: the instance roles with their instance profiles, and one user per
 * policy with only that policy attached and an access key. Returns the keys and the exact number of calls
 * made, which must equal the server's INITIAL_NO_AUTH_ACTION_COUNT.
 */
async function seed(
  moto: MotoServer,
  deployment: Deployment,
  users: Array<{ name: string; policyJson: string }>,
): Promise<{ keys: Keys[]; calls: number }> {
  const iam = new IAMClient({
    endpoint: moto.endpoint,
    region: 'us-east-1',
    credentials: MOTO_ROOT_CREDENTIALS,
    maxAttempts: 1,
  });
  let calls = 0;
  const send = async <T>(p: Promise<T>) => {
    calls++;
    return p;
  };
  for (const profile of instanceProfiles(deployment)) {
    const role = roleOfInstanceProfile(profile);
    await send(
      iam.send(
        new CreateRoleCommand({
          RoleName: role,
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
            ],
          }),
        }),
      ),
    );
    await send(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: profile })));
    await send(
      iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: profile, RoleName: role })),
    );
  }
  const keys: Keys[] = [];
  for (const u of users) {
    await send(iam.send(new CreateUserCommand({ UserName: u.name })));
    const policy = await send(
      iam.send(new CreatePolicyCommand({ PolicyName: `${u.name}-policy`, PolicyDocument: u.policyJson })),
    );
    await send(iam.send(new AttachUserPolicyCommand({ UserName: u.name, PolicyArn: policy.Policy!.Arn! })));
    const key = await send(iam.send(new CreateAccessKeyCommand({ UserName: u.name })));
    keys.push({ accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! });
  }
  iam.destroy();
  return { keys, calls };
}

const instanceProfiles = (d: Deployment) =>
  [
    ...new Set(
      d.resources.map((r) => r.config.instanceProfile).filter((p): p is string => typeof p === 'string'),
    ),
  ].sort();
const seedCalls = (d: Deployment, users: number) => 3 * instanceProfiles(d).length + 4 * users;

function without(policy: OperatorPolicy, action: string): string {
  const doc = structuredClone(policy.policy);
  doc.Statement = doc.Statement.map((s) => ({ ...s, Action: s.Action.filter((a) => a !== action) })).filter(
    (s) => s.Action.length > 0,
  );
  return JSON.stringify(doc);
}

const childEnv = (keys: Keys, logDir?: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  AWS_ACCESS_KEY_ID: keys.accessKeyId,
  AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
  AWS_EC2_METADATA_DISABLED: 'true',
  ...(TF_LOG_KEEP && logDir ? { TF_LOG: 'DEBUG', TF_LOG_PATH: join(logDir, 'terraform-debug.log') } : {}),
});

async function workspace(deployment: Deployment, moto: MotoServer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'grantwise-tf-'));
  await writeTerraformFiles(dir, renderTerraform(deployment, { endpoint: moto.endpoint }).files);
  const init = await runTerraform('init', {
    cwd: dir,
    pluginDir: PLUGIN_DIR,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  assert.ok(init.ok, `terraform init failed:\n${init.lines.join('\n')}`);
  return dir;
}

function tail(r: TerraformResult): string {
  return (
    r.lines
      .filter((l) => /Error|denied|not authorized/i.test(l))
      .slice(0, 8)
      .join('\n') || r.lines.slice(-15).join('\n')
  );
}

describe('operator policy proven with real terraform against moto with IAM enforcement', function () {
  this.timeout(ABLATE_ALL ? 60 * 60_000 : 20 * 60_000); // per hook: runs took twice as long on a loaded CI machine
  let deployment: Deployment;
  let policy: OperatorPolicy;
  const started = Date.now();

  before(async function () {
    requireTools();
    const evaluator = createEvaluator();
    try {
      deployment = await loadDeployment(join(EXAMPLES, 'deployments/pipeline.jsonnet'), {
        workspaceRoot: EXAMPLES,
        evaluator,
      });
    } finally {
      evaluator.dispose();
    }
    assert.deepEqual(
      deployment.problems.filter((p) => p.severity === 'error'),
      [],
    );
    policy = generateOperatorPolicy(deployment, { accountId: '123456789012' });
  });

  after(() => console.log(`      whole file: ${((Date.now() - started) / 1000).toFixed(0)} s`));

  /** Actions of the policy that only an in-place change calls: apply and destroy never reach them. */
  function updateOnly(): string[] {
    const layout = renderTerraform(deployment).layout;
    const configs = new Map(deployment.resources.map((r) => [r.id, r.config]));
    const needs = layout.resources.flatMap((r) => actionsFor(r, configs.get(r.origin.id)));
    return policy.statements
      .flatMap((s) => s.actions)
      .filter((a) => !needs.some((n) => n.action === a && n.phase !== 'update') && !(a in MOTO_UNENFORCED))
      .sort();
  }

  it('applies and destroys the example deployment as a user holding only the generated policy', async function () {
    const users = [{ name: 'operator', policyJson: policy.policyJson }];
    const moto = await startMoto({ initialNoAuthActionCount: seedCalls(deployment, 1) });
    const dir = { path: '' };
    try {
      const { keys, calls } = await seed(moto, deployment, users);
      assert.equal(calls, seedCalls(deployment, 1));
      // The next call is enforced: the root test key is no IAM user of moto's.
      const iam = new IAMClient({
        endpoint: moto.endpoint,
        region: 'us-east-1',
        credentials: MOTO_ROOT_CREDENTIALS,
        maxAttempts: 1,
      });
      await assert.rejects(iam.send(new ListUsersCommand({})), /InvalidClientTokenId|security token/i);
      iam.destroy();

      dir.path = await workspace(deployment, moto);
      const apply = await runTerraform('apply', { cwd: dir.path, env: childEnv(keys[0]) });
      console.log(`      apply: ${(apply.durationMs / 1000).toFixed(1)} s`);
      assert.ok(apply.ok, `apply failed:\n${tail(apply)}`);
      assert.deepEqual(apply.deniedActions, []);
      assert.ok(
        apply.lines.some((l) => /^Apply complete! Resources: \d+ added, 0 changed, 0 destroyed\.$/.test(l)),
      );

      const destroy = await runTerraform('destroy', { cwd: dir.path, env: childEnv(keys[0]) });
      console.log(`      destroy: ${(destroy.durationMs / 1000).toFixed(1)} s`);
      assert.ok(destroy.ok, `destroy failed:\n${tail(destroy)}`);
      assert.ok(destroy.lines.some((l) => /^Destroy complete! Resources: \d+ destroyed\.$/.test(l)));
    } finally {
      await moto.stop();
      if (dir.path) await rm(dir.path, { recursive: true, force: true });
    }
  });

  describe('in-place changes: the user applies each, and terraform calls the update actions it names', function () {
    const outcomes = new Map<Change, { result: TerraformResult; applied: string[] }>();

    before(async function () {
      const moto = await startMoto({ initialNoAuthActionCount: seedCalls(deployment, 1) });
      const dirs: string[] = [];
      try {
        const { keys } = await seed(moto, deployment, [{ name: 'operator', policyJson: policy.policyJson }]);
        const queue = [...CHANGES];
        const worker = async () => {
          for (let c = queue.shift(); c; c = queue.shift()) {
            const dir = await workspace(deployment, moto);
            dirs.push(dir);
            const setup = await runTerraform('apply', {
              cwd: dir,
              targets: c.targets,
              env: childEnv(keys[0]),
            });
            assert.ok(setup.ok, `setup apply for "${c.what}" failed:\n${tail(setup)}`);
            await writeTerraformFiles(
              dir,
              renderTerraform(changed(deployment, c), { endpoint: moto.endpoint }).files,
            );
            const log = join(dir, 'change.log');
            const result = await runTerraform('apply', {
              cwd: dir,
              targets: c.targets,
              env: { ...childEnv(keys[0]), TF_LOG: 'DEBUG', TF_LOG_PATH: log },
              signal: AbortSignal.timeout(RUN_LIMIT_MS),
            });
            console.log(
              `      ${c.what}: ${result.ok ? 'applied' : 'failed'} in ${(result.durationMs / 1000).toFixed(1)} s`,
            );
            outcomes.set(c, { result, applied: result.ok ? await appliedActions(log) : [] });
          }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      } finally {
        await moto.stop();
        if (!TF_LOG_KEEP) for (const dir of dirs) await rm(dir, { recursive: true, force: true });
        else console.log(`      terraform debug logs kept in ${dirs.join(', ')}`);
      }
    });

    for (const c of CHANGES) {
      it(`${c.what}: ${c.actions.join(', ')}${c.motoFails ? ' (moto cannot make it)' : ''}`, function () {
        const o = outcomes.get(c);
        assert.ok(o, 'not run');
        if (c.motoFails) {
          assert.ok(!o.result.ok && o.result.lines.some((l) => c.motoFails!.test(l)), tail(o.result));
          assert.deepEqual(o.result.deniedActions, []);
          return;
        }
        assert.ok(o.result.ok, `apply of the change failed:\n${tail(o.result)}`);
        assert.ok(
          o.result.lines.some((l) =>
            /^Apply complete! Resources: \d+ added, [1-9]\d* changed, \d+ destroyed\.$/.test(l),
          ),
          'something changed in place',
        );
        assert.deepEqual(
          c.actions.filter((a) => !o.applied.includes(a)),
          [],
          `the change called ${JSON.stringify(o.applied)}`,
        );
      });
    }

    it('together reach every action the policy grants only for in-place updates', function () {
      const reached = new Set(CHANGES.flatMap((c) => c.actions));
      // What MOTO_UNREACHABLE names must be reached only by changes moto cannot make.
      for (const a of MOTO_UNREACHABLE) {
        const reaching = CHANGES.filter((c) => c.actions.includes(a));
        assert.ok(
          reaching.length > 0 && reaching.every((c) => c.motoFails),
          `${a}: move it out of MOTO_UNREACHABLE`,
        );
      }
      assert.deepEqual(
        updateOnly().filter((a) => !reached.has(a)),
        [],
      );
    });
  });

  describe('removing any one action makes terraform fail with AccessDenied naming it', function () {
    const outcomes = new Map<string, { result: TerraformResult; target: string; phase: string }>();

    /**
     * One moto server for all ablations, seeded with the full operator and one user per ablated action.
     * Each ablation has its own state, so no refusal or unexpected success changes what the next one
     * meets. Create and read ablations apply their target as the ablated user. Delete ablations apply
     * their target as the full operator, then destroy it as the ablated user. Update ablations apply
     * their change's targets as the full operator, then the changed deployment as the ablated user.
     */
    before(async function () {
      const plans = ablationPlans().filter((p) =>
        (SELECTED ?? (ABLATE_ALL ? [p.action] : SAMPLE)).includes(p.action),
      );
      const users = [
        { name: 'operator', policyJson: policy.policyJson },
        ...plans.map((p, i) => ({ name: `without-${i}`, policyJson: without(policy, p.action) })),
      ];
      const moto = await startMoto({ initialNoAuthActionCount: seedCalls(deployment, users.length) });
      const dirs: string[] = [];
      try {
        const { keys, calls } = await seed(moto, deployment, users);
        assert.equal(calls, seedCalls(deployment, users.length));
        const run = (command: 'apply' | 'destroy', dir: string, targets: string[], k: Keys) =>
          runTerraform(command, {
            cwd: dir,
            targets,
            env: childEnv(k, dir),
            signal: AbortSignal.timeout(RUN_LIMIT_MS),
          });
        const ablate = async (p: Plan): Promise<TerraformResult> => {
          const dir = await workspace(deployment, moto);
          dirs.push(dir);
          const key = keys[plans.indexOf(p) + 1];
          const targets = p.change?.targets ?? [p.target.address];
          if (p.phase === 'create' || p.phase === 'read') return run('apply', dir, targets, key);
          const setup = await run('apply', dir, targets, keys[0]);
          assert.ok(setup.ok, `setup apply of ${targets.join(' ')} for ${p.action} failed:\n${tail(setup)}`);
          if (p.phase === 'delete') return run('destroy', dir, targets, key);
          const next = renderTerraform(changed(deployment, p.change!), { endpoint: moto.endpoint });
          await writeTerraformFiles(dir, next.files);
          return run('apply', dir, targets, key);
        };
        const queue = [...plans].sort((a, b) => cost(b.target) - cost(a.target)); // longest first
        const worker = async () => {
          for (let p = queue.shift(); p; p = queue.shift()) {
            const result = await ablate(p);
            console.log(
              `      without ${p.action}: ${result.command} -target=${p.target.address} ${result.ok ? 'succeeded' : 'failed'} in ${(result.durationMs / 1000).toFixed(1)} s`,
            );
            outcomes.set(p.action, { result, target: p.target.address, phase: p.phase });
          }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      } finally {
        await moto.stop();
        if (!TF_LOG_KEEP) for (const dir of dirs) await rm(dir, { recursive: true, force: true });
        else console.log(`      terraform debug logs kept in ${dirs.join(', ')}`);
      }
    });

    interface Plan {
      action: string;
      phase: 'create' | 'read' | 'delete' | 'update';
      target: TerraformResource;
      change?: Change;
    }

    function ablationPlans(): Plan[] {
      const layout = renderTerraform(deployment).layout;
      const configs = new Map(deployment.resources.map((r) => [r.id, r.config]));
      const needs = layout.resources.flatMap((r) => actionsFor(r, configs.get(r.origin.id)));
      const plans: Plan[] = [];
      for (const action of policy.statements.flatMap((s) => s.actions)) {
        const phase = (['create', 'read', 'delete'] as const).find((p) =>
          needs.some((n) => n.action === action && n.phase === p),
        );
        if ((!phase && !(action in MOTO_UNENFORCED)) || PROVEN_BY_CHANGE.includes(action)) {
          // The first change moto can make that reaches it.
          if (MOTO_UNREACHABLE.includes(action)) continue;
          const change = CHANGES.find((c) => c.actions.includes(action) && !c.motoFails);
          assert.ok(change, `no in-place change reaches ${action}`);
          const target = layout.resources.find((r) => r.address === change.targets[0]);
          assert.ok(target, `${change.targets[0]} is not rendered`);
          plans.push({ action, phase: 'update', target, change });
          continue;
        }
        const override = TARGET_OVERRIDES[action] ?? MOTO_UNENFORCED[action];
        const candidates = layout.resources.filter((r) =>
          override
            ? matches(r, override) && (action !== 'iam:PassRole' || hasProfile(r))
            : needs.some((n) => n.action === action && n.phase === phase && n.resource === r),
        );
        candidates.sort((a, b) => cost(a) - cost(b) || (a.address < b.address ? -1 : 1));
        assert.ok(candidates[0], `no resource reaches ${action}`);
        plans.push({ action, phase: phase ?? 'create', target: candidates[0] });
      }
      return plans;
    }

    const matches = (r: TerraformResource, spec: string) => {
      const [type, kind] = spec.split(':');
      return r.type === type && (!kind || r.origin.describe.startsWith(kind));
    };
    const hasProfile = (r: TerraformResource) =>
      typeof deployment.resources.find((x) => x.id === r.origin.id)?.config.instanceProfile === 'string';

    it(`ablates ${ABLATE_ALL ? 'every action of the policy' : `a sample covering every resource type and verb: ${SAMPLE.join(', ')}`}`, function () {
      if (SELECTED) this.skip(); // a developer's hand-picked run proves only its actions, below
      const all = policy.statements
        .flatMap((s) => s.actions)
        .filter((a) => !MOTO_UNREACHABLE.includes(a))
        .sort();
      assert.deepEqual([...outcomes.keys()].sort(), ABLATE_ALL ? all : SAMPLE);
      const layoutTypes = new Set(renderTerraform(deployment).layout.resources.map((r) => r.type));
      const targetTypes = new Set([...outcomes.values()].map((o) => o.target.split('.')[0]));
      assert.deepEqual([...targetTypes].sort(), [...layoutTypes].sort());
      const statementsHit = policy.statements
        .filter((s) => s.actions.some((a) => outcomes.has(a)))
        .map((s) => s.sid);
      assert.deepEqual(
        statementsHit,
        policy.statements.map((s) => s.sid),
      );
    });

    it('reaches every action of the policy by apply, destroy or an in-place change, but what moto cannot change', function () {
      const plans = ablationPlans();
      assert.deepEqual(
        [...plans.map((p) => p.action), ...MOTO_UNREACHABLE].sort(),
        policy.statements.flatMap((s) => s.actions).sort(),
      );
      assert.deepEqual(
        [...plans.filter((p) => p.phase === 'update').map((p) => p.action), ...MOTO_UNREACHABLE].sort(),
        [...updateOnly(), ...PROVEN_BY_CHANGE].sort(),
      );
    });

    it('fails with AccessDenied for each enforced action, and reports what moto does not enforce', function () {
      const wrong: string[] = [];
      for (const [action, o] of [...outcomes].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const how = `${o.result.command} -target=${o.target}`;
        if (action in MOTO_UNENFORCED) {
          if (!o.result.ok)
            wrong.push(`${action}: moto now enforces it (${how} failed): move it out of MOTO_UNENFORCED`);
          continue;
        }
        if (o.result.cancelled)
          wrong.push(`${action}: ${how} did not finish within ${RUN_LIMIT_MS / 1000} s`);
        else if (o.result.ok) wrong.push(`${action}: ${how} succeeded without it`);
        else if (!o.result.deniedActions.includes(action))
          wrong.push(
            `${action}: ${how} failed, denied ${JSON.stringify(o.result.deniedActions)}:\n${tail(o.result)}`,
          );
      }
      assert.deepEqual(wrong, []);
    });
  });
});
