import { wildcardToRegExp } from '../catalog';
import { parseArn } from '../arn';
import { OpaqueValue, type PolicyValue } from '../parse';
import { child, entries, isObject, type CheckContext, type Entry, type StatementView } from './context';

/**
 * Known ways to escalate IAM privileges (Rhino Security Labs' published list and its later additions):
 * holding every action of a set on any resource lets a principal grant itself more.
 */
export const ESCALATION_SETS: ReadonlyArray<{ name: string; actions: string[] }> = [
  { name: 'create a new default policy version', actions: ['iam:CreatePolicyVersion'] },
  { name: 'switch a policy to an older version', actions: ['iam:SetDefaultPolicyVersion'] },
  { name: 'launch an instance with a more privileged role', actions: ['iam:PassRole', 'ec2:RunInstances'] },
  { name: "create another user's access key", actions: ['iam:CreateAccessKey'] },
  { name: 'create a console password for a user', actions: ['iam:CreateLoginProfile'] },
  { name: "change a user's console password", actions: ['iam:UpdateLoginProfile'] },
  { name: 'attach a managed policy to a user', actions: ['iam:AttachUserPolicy'] },
  { name: 'attach a managed policy to a group', actions: ['iam:AttachGroupPolicy'] },
  { name: 'attach a managed policy to a role', actions: ['iam:AttachRolePolicy'] },
  { name: 'write an inline policy on a user', actions: ['iam:PutUserPolicy'] },
  { name: 'write an inline policy on a group', actions: ['iam:PutGroupPolicy'] },
  { name: 'write an inline policy on a role', actions: ['iam:PutRolePolicy'] },
  { name: 'join a more privileged group', actions: ['iam:AddUserToGroup'] },
  {
    name: "rewrite a role's trust policy and assume it",
    actions: ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'],
  },
  {
    name: 'run a Lambda function with a more privileged role',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
  },
  {
    name: 'trigger a Lambda function with a more privileged role from an event source',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
  },
  { name: "replace an existing Lambda function's code", actions: ['lambda:UpdateFunctionCode'] },
  {
    name: 'run a Glue dev endpoint with a more privileged role',
    actions: ['iam:PassRole', 'glue:CreateDevEndpoint'],
  },
  { name: "take over a Glue dev endpoint's role", actions: ['glue:UpdateDevEndpoint'] },
  {
    name: 'create a CloudFormation stack with a more privileged role',
    actions: ['iam:PassRole', 'cloudformation:CreateStack'],
  },
  {
    name: 'run a Data Pipeline with a more privileged role',
    actions: ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'],
  },
  {
    name: 'run a SageMaker notebook with a more privileged role',
    actions: [
      'iam:PassRole',
      'sagemaker:CreateNotebookInstance',
      'sagemaker:CreatePresignedNotebookInstanceUrl',
    ],
  },
  {
    name: 'run a CodeBuild project with a more privileged role',
    actions: ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'],
  },
];

const regexCache = new Map<string, RegExp>();
function matches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  let re = regexCache.get(pattern);
  if (!re) {
    re = wildcardToRegExp(pattern);
    regexCache.set(pattern, re);
  }
  return re.test(action);
}

/** The Action entry of `s` that grants `action`, or for NotAction the NotAction key; undefined if none. */
function grantingEntry(s: StatementView, action: string): Entry | undefined {
  if (s.actionKey === 'Action') {
    const i = s.actionValues.findIndex((v) => typeof v === 'string' && matches(v, action));
    return i < 0 ? undefined : s.actions[i];
  }
  if (s.actionKey === 'NotAction') {
    const excluded = s.actionValues.some((v) => typeof v === 'string' && matches(v, action));
    return excluded ? undefined : { pointer: child(s.pointer, 'NotAction'), value: '' };
  }
  return undefined;
}

/** parseArn(text)'s resource part holds `*` or `?`; false when `text` is not an ARN. Allocation-free. */
function wildResourcePart(text: string): boolean {
  if (!text.startsWith('arn:')) return false;
  let from = 4;
  for (let i = 0; i < 4; i++) {
    const colon = text.indexOf(':', from);
    if (colon < 0) return false;
    from = colon + 1;
  }
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 63) return true;
  }
  return false;
}

const isBroadResource = (v: PolicyValue) => typeof v === 'string' && (v === '*' || wildResourcePart(v));

/** Resources that reach beyond named resources: "*", NotResource, or a wildcard in the resource name. */
function isBroad(s: StatementView): boolean {
  if (s.resourceKey === 'NotResource') return true;
  return s.resourceValues.some(isBroadResource);
}

const isAllActions = (v: PolicyValue) => v === '*' || v === '*:*';

function isFullAdmin(s: StatementView): boolean {
  return (
    s.effect === 'Allow' &&
    !s.condition &&
    s.actionKey === 'Action' &&
    s.actionValues.some(isAllActions) &&
    s.resourceKey === 'Resource' &&
    s.resourceValues.includes('*')
  );
}

interface PrincipalEntry extends Entry {
  type: string;
}

function principals(s: StatementView): PrincipalEntry[] {
  if (s.principalKey !== 'Principal') return [];
  const p = s.raw.Principal;
  const pointer = child(s.pointer, 'Principal');
  if (p === '*') return [{ type: '*', pointer, value: '*' }];
  if (!isObject(p)) return [];
  return Object.keys(p).flatMap((type) =>
    entries(p[type], child(pointer, type)).map((e) => ({ pointer: e.pointer, value: e.value, type })),
  );
}

function hasKey(ctx: CheckContext, s: StatementView, keys: string[]): boolean {
  const used = ctx.conditionKeys(s);
  return keys.some((k) => used.has(k));
}

const ALLOW_WITH_NOT = [
  [
    'NotAction',
    'allow-with-notaction',
    'every action except the listed ones, including actions AWS adds later',
  ],
  ['NotResource', 'allow-with-notresource', 'the actions on every resource except the listed ones'],
  [
    'NotPrincipal',
    'allow-with-notprincipal',
    'every principal except the listed ones, including anonymous users',
  ],
] as const;

function checkStatementLevel(ctx: CheckContext, s: StatementView): void {
  if (s.effect !== 'Allow') return;
  const admin = isFullAdmin(s);
  if (admin) {
    ctx.report({
      severity: 'security',
      check: 'full-admin-access',
      path: s.actions.find((e) => e.value === '*' || e.value === '*:*')!.pointer,
      message:
        'This statement allows every action on every resource (full administrator access). Grant the actions the workload calls instead; "Generate policy from code" can list them.',
    });
  }
  for (let k = 0; k < ALLOW_WITH_NOT.length; k++) {
    const key = ALLOW_WITH_NOT[k][0];
    if (key in s.raw && !(key === 'NotPrincipal' && ctx.kind === 'trust')) {
      const check = ALLOW_WITH_NOT[k][1];
      const what = ALLOW_WITH_NOT[k][2];
      ctx.report({
        severity: 'security',
        check,
        path: child(s.pointer, key),
        part: 'key',
        message: `Allow with ${key} grants ${what}. List what is allowed with ${key.slice(3)} instead; keep ${key} for Deny statements.`,
      });
    }
  }
  if (!admin && ctx.kind !== 'trust' && s.resourceKey === 'Resource' && s.resourceValues.includes('*')) {
    const e = grantingEntry(s, 'iam:PassRole');
    if (e) {
      ctx.report({
        severity: 'security',
        check: 'passrole-star-resource',
        path: e.pointer,
        message:
          'iam:PassRole on Resource "*" lets this principal hand any role, including an administrator role, to a service it controls. Move iam:PassRole to its own statement with the role ARNs it passes and an iam:PassedToService condition.',
        data: { resourcePointer: s.resources.find((r) => r.value === '*')!.pointer },
      });
    }
  }
}

function checkEscalation(ctx: CheckContext): void {
  if (ctx.kind === 'trust' || ctx.statements.some(isFullAdmin)) return;
  const allows = ctx.statements.filter((s) => s.effect === 'Allow' && isBroad(s));
  const denies = ctx.statements.filter(
    (s) =>
      s.effect === 'Deny' && !s.condition && s.resourceKey === 'Resource' && s.resourceValues.includes('*'),
  );
  // Large policies repeat the same action strings: test each distinct one once, keep where it first is
  // (statement and index; its Entry is built only if it anchors a finding).
  const firstEntry = new Map<string, [StatementView, number]>();
  const notActions: StatementView[] = [];
  for (const s of allows) {
    if (s.actionKey === 'NotAction') notActions.push(s);
    else {
      const values = s.actionValues;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (typeof v === 'string' && !firstEntry.has(v)) firstEntry.set(v, [s, i]);
      }
    }
  }
  const granted = (action: string): Entry | undefined => {
    if (denies.some((d) => grantingEntry(d, action))) return undefined;
    for (const [pattern, [s, i]] of firstEntry) if (matches(pattern, action)) return s.actions[i];
    for (const s of notActions) {
      const e = grantingEntry(s, action);
      if (e) return e;
    }
    return undefined;
  };
  const byAnchor = new Map<string, { anchor: Entry; methods: string[]; actions: Set<string> }>();
  for (const set of ESCALATION_SETS) {
    const hits = set.actions.map(granted);
    if (hits.some((h) => !h)) continue;
    // Anchor on the action that makes the set: the last one, since iam:PassRole alone is not escalation.
    const anchor = hits[hits.length - 1]!;
    const group = byAnchor.get(anchor.pointer) ?? { anchor, methods: [], actions: new Set<string>() };
    group.methods.push(set.name);
    for (const a of set.actions) group.actions.add(a);
    byAnchor.set(anchor.pointer, group);
  }
  for (const g of byAnchor.values()) {
    const actions = [...g.actions].sort();
    ctx.report({
      severity: 'security',
      check: 'privilege-escalation',
      path: g.anchor.pointer,
      message: `With ${actions.join(' + ')} on unrestricted resources this principal can grant itself more access (${g.methods.join('; ')}). Scope these actions to specific ARNs or remove them.`,
      data: { actions, methods: g.methods },
    });
  }
}

const WEB_IDENTITY_DOMAINS =
  /^(accounts\.google\.com|graph\.facebook\.com|www\.amazon\.com|cognito-identity\.amazonaws\.com)$/;
const ORG_OR_MFA = [
  'sts:externalid',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:multifactorauthpresent',
];
const PRINCIPAL_SCOPE = [
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'sts:externalid',
];
const SOURCE_SCOPE = ['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths'];

function federatedKind(value: string): 'oidc' | 'saml' | undefined {
  if (/:saml-provider\//.test(value)) return 'saml';
  if (/:oidc-provider\//.test(value) || WEB_IDENTITY_DOMAINS.test(value)) return 'oidc';
  return undefined;
}

function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return parseArn(principal)?.account || undefined;
}

/** The sub claim must be tested with a value that is not just "*". */
function subConstrained(s: StatementView, subKey: string): boolean {
  if (!s.condition) return false;
  for (const block of Object.values(s.condition)) {
    if (!isObject(block)) continue;
    for (const [key, value] of Object.entries(block)) {
      if (key.toLowerCase() !== subKey.toLowerCase()) continue;
      const values = entries(value, '').map((e) => e.value);
      if (values.some((v) => v instanceof OpaqueValue || (typeof v === 'string' && v !== '*'))) return true;
    }
  }
  return false;
}

const ACCEPTS: Record<string, (type: string, value: string) => boolean> = {
  'sts:assumerole': (type) => type === 'AWS' || type === 'Service' || type === '*',
  'sts:assumerolewithwebidentity': (type, value) => type === 'Federated' && federatedKind(value) !== 'saml',
  'sts:assumerolewithsaml': (type, value) => type === 'Federated' && federatedKind(value) === 'saml',
};
const RIGHT_ACTION = {
  AWS: 'sts:AssumeRole',
  Service: 'sts:AssumeRole',
  oidc: 'sts:AssumeRoleWithWebIdentity',
  saml: 'sts:AssumeRoleWithSAML',
};

function checkTrust(ctx: CheckContext, s: StatementView): void {
  if ('NotPrincipal' in s.raw) {
    ctx.report({
      severity: 'security',
      check: 'notprincipal-in-trust-policy',
      path: child(s.pointer, 'NotPrincipal'),
      part: 'key',
      message:
        'Role trust policies do not support NotPrincipal. Name who may assume the role with Principal.',
    });
  }
  if (s.effect !== 'Allow') return;
  const ps = principals(s);
  const strings = ps.filter((p): p is PrincipalEntry & { value: string } => typeof p.value === 'string');
  const assumes = !!grantingEntry(s, 'sts:AssumeRole');
  for (const p of strings) {
    if ((p.type === '*' || (p.type === 'AWS' && p.value === '*')) && !hasKey(ctx, s, PRINCIPAL_SCOPE)) {
      ctx.report({
        severity: 'security',
        check: 'trust-wildcard-principal',
        path: p.pointer,
        message:
          'Any AWS principal in any account can assume this role. Name the trusted account or role, or add an aws:PrincipalOrgID or aws:PrincipalArn condition.',
      });
      continue;
    }
    if (p.type === 'AWS' && assumes && p.value !== '*' && !hasKey(ctx, s, ORG_OR_MFA)) {
      const account = accountOf(p.value);
      if (!ctx.options.accountId || account !== ctx.options.accountId) {
        ctx.report({
          severity: 'security',
          check: 'cross-account-trust-without-external-id',
          path: p.pointer,
          message: `${p.value} can assume this role without an sts:ExternalId. If it belongs to a third party (a SaaS vendor), require the external ID it gives you to prevent the confused-deputy problem: add "Condition": {"StringEquals": {"sts:ExternalId": "..."}}.`,
          data: { conditionKey: 'sts:ExternalId' },
        });
      }
    }
    if (p.type === 'Federated' && /:oidc-provider\//.test(p.value)) {
      const host = p.value.slice(p.value.indexOf(':oidc-provider/') + ':oidc-provider/'.length);
      if (!subConstrained(s, `${host}:sub`)) {
        ctx.report({
          severity: 'security',
          check: 'oidc-trust-missing-sub',
          path: p.pointer,
          message: `Any identity ${host} issues a token for can assume this role: there is no condition on "${host}:sub". Add StringEquals on "${host}:sub" (e.g. system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT) and on "${host}:aud".`,
          data: { subKey: `${host}:sub`, audKey: `${host}:aud` },
        });
      }
    }
  }
  const typed = strings.filter((p) => ['AWS', 'Service', 'Federated', '*'].includes(p.type));
  for (const e of s.actions) {
    if (typeof e.value !== 'string' || typed.length === 0) continue;
    const accepts = ACCEPTS[e.value.toLowerCase()];
    if (!accepts || typed.some((p) => accepts(p.type, p.value))) continue;
    const p = typed[0];
    const kind = p.type === 'Federated' ? federatedKind(p.value) : (p.type as 'AWS' | 'Service');
    const right = kind ? RIGHT_ACTION[kind as keyof typeof RIGHT_ACTION] : undefined;
    ctx.report({
      severity: 'security',
      check: 'mismatched-action-for-principal',
      path: e.pointer,
      message: `A ${p.type} principal (${p.value}) cannot use ${e.value}, so nobody can assume the role this way.${right ? ` Use ${right}.` : ''}`,
      ...(right ? { data: { suggestion: right } } : {}),
    });
  }
}

function checkResourcePolicy(ctx: CheckContext, s: StatementView): void {
  if (s.effect !== 'Allow' || hasKey(ctx, s, SOURCE_SCOPE)) return;
  for (const p of principals(s)) {
    if (p.type !== 'Service' || typeof p.value !== 'string') continue;
    ctx.report({
      severity: 'security',
      check: 'service-principal-without-source-condition',
      path: p.pointer,
      message: `${p.value} acts for every AWS customer; without aws:SourceArn or aws:SourceAccount any of them could make it use this grant (confused deputy). Add a condition naming your source resource or account.`,
      data: { conditionKeys: ['aws:SourceArn', 'aws:SourceAccount'] },
    });
  }
}

/** Grants that are broader than they look: admin, Not* with Allow, PassRole, escalation, trust scoping. */
export function checkSecurity(ctx: CheckContext): void {
  for (const s of ctx.statements) {
    checkStatementLevel(ctx, s);
    if (ctx.kind === 'trust') checkTrust(ctx, s);
    else if (ctx.kind === 'resource') checkResourcePolicy(ctx, s);
  }
  checkEscalation(ctx);
}
