import { layoutDeployment } from '../terraform/layout';
import type { Deployment } from './model';
import {
  actionsFor,
  PHASES,
  roleOfInstanceProfile,
  TAG_ACTIONS,
  type ActionNeed,
  type Phase,
} from './operatorActions';

export interface OperatorPolicyOptions {
  /** `aws` unless the deployment lives in another partition (`aws-cn`, `aws-us-gov`). */
  partition?: string;
  /** Account of the roles passed to instances; defaults to the deployment's, else any account (`*`). */
  accountId?: string;
  /** Role wrapped by each instance profile, when it is not named like the profile. */
  instanceProfileRoles?: Readonly<Record<string, string>>;
}

export interface OperatorStatement {
  sid: string;
  actions: string[];
  resources: string[];
  /** One line per action: which rendered resources need it, and when. */
  reason: string[];
}

export interface OperatorPolicy {
  policy: PolicyJson;
  /** Two-space JSON with a final newline; the same deployment gives the same bytes. */
  policyJson: string;
  statements: OperatorStatement[];
}

interface PolicyJson {
  Version: '2012-10-17';
  Statement: Array<{
    Sid: string;
    Effect: 'Allow';
    Action: string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string>>;
  }>;
}

/** Statement per verb, in this order; an action used in several phases sits in the first. */
const STATEMENTS: Array<{ sid: string; phase: Phase | 'tag'; why: string }> = [
  { sid: 'TerraformCreate', phase: 'create', why: 'create' },
  { sid: 'TerraformRead', phase: 'read', why: 'refresh' },
  { sid: 'TerraformDelete', phase: 'delete', why: 'delete' },
  { sid: 'TerraformUpdate', phase: 'update', why: 'update in place' },
  { sid: 'TerraformTagging', phase: 'tag', why: 'tag' },
];
const TAGGING: ReadonlySet<string> = new Set(Object.values(TAG_ACTIONS));
const PASSED_TO_SERVICE = 'ec2.amazonaws.com';

/**
 * The least-privilege policy an operator (a person, a CI user, or a role a SaaS deployer assumes) needs
 * to create, refresh, update and delete exactly this deployment with the Terraform AWS provider: the
 * actions of the resources the renderer writes, and `iam:PassRole` only for the roles its instances get
 * through instance profiles, only towards EC2.
 *
 * The EC2 statements use `Resource: "*"`: the Describe actions allow nothing narrower, and the ids of the
 * resources terraform is about to create are unknown until it creates them.
 */
export function generateOperatorPolicy(
  deployment: Deployment,
  options: OperatorPolicyOptions = {},
): OperatorPolicy {
  const layout = layoutDeployment(deployment);
  const configs = new Map(deployment.resources.map((r) => [r.id, r.config]));
  const needs: ActionNeed[] = layout.resources.flatMap((r) => actionsFor(r, configs.get(r.origin.id)));

  // action → phase → addresses
  const uses = new Map<string, Map<Phase, Set<string>>>();
  for (const n of needs) {
    const byPhase = uses.get(n.action) ?? new Map<Phase, Set<string>>();
    byPhase.set(
      n.phase,
      (byPhase.get(n.phase) ?? new Set()).add(`${n.resource.address} (${n.resource.origin.describe})`),
    );
    uses.set(n.action, byPhase);
  }
  const statementOf = (action: string): Phase | 'tag' =>
    TAGGING.has(action) ? 'tag' : PHASES.find((p) => uses.get(action)!.has(p))!;

  const statements: OperatorStatement[] = [];
  for (const s of STATEMENTS) {
    const actions = [...uses.keys()].filter((a) => statementOf(a) === s.phase).sort();
    if (actions.length === 0) continue;
    statements.push({
      sid: s.sid,
      actions,
      resources: ['*'],
      reason: actions.map((a) => reasonFor(a, uses.get(a)!)),
    });
  }

  const partition = options.partition ?? 'aws';
  const account = options.accountId ?? deployment.accountId ?? '*';
  const passRole = new Map<string, string[]>(); // role ARN → instances
  for (const r of layout.byType.get('EC2') ?? []) {
    const profile = r.config.instanceProfile;
    if (typeof profile !== 'string' || profile === '') continue;
    const arn = `arn:${partition}:iam::${account}:role/${roleOfInstanceProfile(profile, options.instanceProfileRoles)}`;
    passRole.set(arn, [
      ...(passRole.get(arn) ?? []),
      `aws_instance.${r.name} (EC2 '${r.label}', profile '${profile}')`,
    ]);
  }
  if (passRole.size > 0) {
    const arns = [...passRole.keys()].sort();
    statements.push({
      sid: 'PassInstanceProfileRoles',
      actions: ['iam:PassRole'],
      resources: arns,
      reason: arns.map(
        (arn) =>
          `iam:PassRole on ${arn}, only to ${PASSED_TO_SERVICE}: create ${passRole.get(arn)!.join(', ')}`,
      ),
    });
  }

  const policy: PolicyJson = {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      Sid: s.sid,
      Effect: 'Allow',
      Action: s.actions,
      Resource: s.resources.length === 1 ? s.resources[0] : s.resources,
      ...(s.sid === 'PassInstanceProfileRoles'
        ? { Condition: { StringEquals: { 'iam:PassedToService': PASSED_TO_SERVICE } } }
        : {}),
    })),
  };
  return { policy, policyJson: JSON.stringify(policy, null, 2) + '\n', statements };
}

function reasonFor(action: string, byPhase: Map<Phase, Set<string>>): string {
  const parts = PHASES.filter((p) => byPhase.has(p)).map(
    (p) => `${STATEMENTS.find((s) => s.phase === p)!.why} ${[...byPhase.get(p)!].sort().join(', ')}`,
  );
  return `${action}: ${parts.join('; ')}`;
}
