import type { AccessLevel, IamCatalog } from '../catalog';
import {
  OWNERSHIP_ORDER,
  SERVICE_TYPES,
  SERVICE_TYPE_SPECS,
  isServiceType,
  type ServiceType,
} from '../serviceTypes';
import { policyOf, type PolicyJson, type PolicyStatement } from './document';
import { invalidInput } from './inputs';
import { policyJson } from './serialize';

export type AccessLevelName = 'list' | 'read' | 'write' | 'tagging' | 'permissions-management';

export const ACCESS_LEVEL_NAMES: Record<AccessLevelName, AccessLevel> = {
  list: 'List',
  read: 'Read',
  write: 'Write',
  tagging: 'Tagging',
  'permissions-management': 'Permissions management',
};

/** Deploying and operating a service: everything but changing who may access it. */
export const DEFAULT_ACCESS_LEVELS: readonly AccessLevelName[] = ['list', 'read', 'write', 'tagging'];

export interface ServiceSetOptions {
  services: readonly ServiceType[];
  levels?: readonly AccessLevelName[];
}

export interface ServiceSetEntry {
  type: ServiceType;
  sid: string;
  /** Actions in this type's statement (0 when every action it needs is in an earlier-owned statement). */
  actions: number;
  /** Actions this type needs that another selected type's statement carries. */
  sharedActions: number;
}

export interface WithheldAction {
  type: ServiceType;
  action: string;
  why: string;
}

export interface ServiceSetPolicy {
  policy: PolicyJson;
  /** Actions deliberately left out (escalation on Resource "*"), to grant on specific ARNs. */
  withheld: WithheldAction[];
  policyJson: string;
  totalActionsGranted: number;
  perService: ServiceSetEntry[];
  levels: AccessLevelName[];
  /** The catalog data the actions were chosen from. */
  dataVersion: string;
}

/** `EC2,s3 , security_group` → the types in canonical order; unknown names fail naming the valid ones. */
export function parseServiceTypes(text: string): ServiceType[] {
  const names = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((s) => s.toUpperCase().replace(/-/g, '_'));
  if (names.length === 0) {
    throw invalidInput(
      'services',
      text,
      'names no service type',
      `List one or more of ${SERVICE_TYPES.join(', ')}.`,
    );
  }
  for (const n of names) {
    if (!isServiceType(n)) {
      throw invalidInput('services', n, 'is not a service type', `Use one of ${SERVICE_TYPES.join(', ')}.`);
    }
  }
  return SERVICE_TYPES.filter((t) => names.includes(t));
}

export function parseAccessLevels(text: string): AccessLevelName[] {
  const names = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((s) => s.toLowerCase().replace(/[ _]/g, '-'));
  const valid = Object.keys(ACCESS_LEVEL_NAMES);
  for (const n of names) {
    if (!valid.includes(n))
      throw invalidInput('levels', n, 'is not an access level', `Use any of ${valid.join(', ')}.`);
  }
  if (names.length === 0)
    throw invalidInput('levels', text, 'names no access level', `Use any of ${valid.join(', ')}.`);
  return (valid as AccessLevelName[]).filter((l) => names.includes(l));
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The actions one service type needs at the given levels, by catalog key. */
export function serviceTypeActions(
  catalog: IamCatalog,
  type: ServiceType,
  levels: readonly AccessLevel[],
): string[] {
  const spec = SERVICE_TYPE_SPECS[type];
  const chosen = new Set<string>();
  for (const pattern of spec.actions) {
    for (const a of catalog.matchActions(pattern)) if (levels.includes(a.accessLevel)) chosen.add(a.key);
  }
  for (const pattern of spec.exclude ?? [])
    for (const a of catalog.matchActions(pattern)) chosen.delete(a.key);
  for (const w of spec.withheld ?? []) chosen.delete(catalog.action(w.action)?.key ?? w.action);
  return [...chosen].sort(byKey);
}

/**
 * One Allow statement per selected service type (Sid `GrantwiseEc2`, ...), with the catalog's actions at
 * the chosen access levels. An action two selected types need appears once, in the statement of the
 * type that owns it (`OWNERSHIP_ORDER`), so the policy has no redundant actions.
 */
export function generateServiceSetPolicy(catalog: IamCatalog, options: ServiceSetOptions): ServiceSetPolicy {
  const types = SERVICE_TYPES.filter((t) => options.services.includes(t));
  if (types.length === 0) {
    throw invalidInput('services', '', 'is empty', `List one or more of ${SERVICE_TYPES.join(', ')}.`);
  }
  const levelNames = (Object.keys(ACCESS_LEVEL_NAMES) as AccessLevelName[]).filter((l) =>
    (options.levels ?? DEFAULT_ACCESS_LEVELS).includes(l),
  );
  const levels = levelNames.map((l) => ACCESS_LEVEL_NAMES[l]);
  const needed = new Map(types.map((t) => [t, serviceTypeActions(catalog, t, levels)]));

  const owner = new Map<string, ServiceType>();
  for (const t of OWNERSHIP_ORDER) {
    for (const action of needed.get(t) ?? []) if (!owner.has(action)) owner.set(action, t);
  }

  const statements: PolicyStatement[] = [];
  const perService: ServiceSetEntry[] = [];
  for (const t of types) {
    const all = needed.get(t)!;
    const own = all.filter((a) => owner.get(a) === t);
    const sid = SERVICE_TYPE_SPECS[t].sid;
    perService.push({ type: t, sid, actions: own.length, sharedActions: all.length - own.length });
    if (own.length > 0) statements.push({ Sid: sid, Effect: 'Allow', Action: own, Resource: '*' });
  }
  if (statements.length === 0) {
    throw invalidInput(
      'levels',
      levelNames.join(','),
      `grants no action of ${types.join(', ')}`,
      'Add an access level these services have actions at, such as read or write.',
    );
  }
  const policy = policyOf(statements);
  const withheld = types.flatMap((type) =>
    (SERVICE_TYPE_SPECS[type].withheld ?? [])
      .filter((w) => levels.includes(catalog.action(w.action)?.accessLevel ?? 'Write'))
      .map((w) => ({ type, action: w.action, why: w.why })),
  );
  return {
    policy,
    withheld,
    policyJson: policyJson(policy),
    totalActionsGranted: owner.size,
    perService,
    levels: levelNames,
    dataVersion: catalog.dataVersion,
  };
}
