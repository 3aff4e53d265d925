import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { modify, type Node } from 'jsonc-parser';
import type { Range } from '../range';
import { JsonSource } from './jsonSource';
import { reportInto, type Report } from './pointerProblems';
import {
  compareProblems,
  isServiceType,
  SERVICE_TYPES,
  type DeploymentProblem,
  type ServiceType,
} from './model';
import { closest } from './names';
import { escapePointer, isPlainObject } from './resourceConfig';

/** Team roles live here, relative to the workspace root. */
export const ROLES_FILE = path.join('.grantwise', 'roles.json');

export interface RolePermissions {
  canDeploy: boolean;
  canViewCost: boolean;
  canManageRoles: boolean;
}

/** A team role: which of the 19 service types its canvases may use, in which account and region. */
export interface TeamRole {
  name: string;
  description?: string;
  awsRegion?: string;
  awsAccountId?: string;
  allowedServices: ServiceType[];
  permissions: RolePermissions;
  /** Position in the `roles` array, for edits. */
  index: number;
  /** Range of the role's name value. */
  range: Range;
}

export interface RolesFile {
  file: string;
  roles: TeamRole[];
  problems: DeploymentProblem[];
}

/** The fields of a role entry in roles.json, with what each must hold (also used for roles.schema.json). */
export const ROLE_FIELDS = {
  name: 'Role name that canvases refer to with "role".',
  description: 'What the team does with it.',
  aws_region: 'Region the team deploys to, like us-east-1.',
  aws_account_id: 'The 12-digit AWS account the team deploys into, as a string.',
  allowed_services: 'Service types the team may put on its canvases.',
  permissions: 'What members of the role may do.',
} as const;

export const PERMISSION_FIELDS = {
  can_deploy: 'May plan, apply and destroy deployments.',
  can_view_cost: 'May see cost estimates.',
  can_manage_roles: 'May edit roles and their allowed services.',
} as const;

export const REGION_PATTERN = '^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d$';
export const ACCOUNT_PATTERN = '^\\d{12}$';

export async function loadRoles(workspaceRoot: string): Promise<RolesFile | undefined> {
  const file = path.join(workspaceRoot, ROLES_FILE);
  try {
    return parseRoles(await readFile(file, 'utf8'), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Parses and checks roles.json; every problem carries the range of the element it is about. */
export function parseRoles(text: string, file: string): RolesFile {
  const src = new JsonSource(text, file, 'roles-syntax');
  const problems: DeploymentProblem[] = [...src.syntaxProblems];
  const report = reportInto(problems, file, (pointer, part) => src.locate(pointer, part));
  const roles: TeamRole[] = [];
  if (src.syntaxProblems.length) return { file, roles, problems };
  const root = src.tree ? nodeValue(src.tree) : undefined;
  if (!isPlainObject(root) || !Array.isArray(root.roles)) {
    if (src.tree)
      report(
        'error',
        'roles-wrong-type',
        '',
        'value',
        `${file}: expected an object with a "roles" list, like { "roles": [ { "name": "web-team", "allowed_services": ["EC2"] } ] }.`,
      );
    return { file, roles, problems };
  }
  for (const key of Object.keys(root).sort()) {
    if (key !== 'roles' && key !== '$schema')
      report(
        'warning',
        'roles-unknown-field',
        `/${escapePointer(key)}`,
        'key',
        `roles.json has no top-level field '${key}'; only "roles" is read.`,
      );
  }
  const seen = new Set<string>();
  root.roles.forEach((raw, index) => {
    const at = `/roles/${index}`;
    if (!isPlainObject(raw)) {
      report(
        'error',
        'roles-wrong-type',
        at,
        'value',
        `Role ${index + 1} must be an object with at least "name" and "allowed_services".`,
      );
      return;
    }
    for (const key of Object.keys(raw).sort()) {
      if (key in ROLE_FIELDS) continue;
      const guess = closest(key, Object.keys(ROLE_FIELDS));
      report(
        'warning',
        'roles-unknown-field',
        `${at}/${escapePointer(key)}`,
        'key',
        `A role has no field '${key}'; it is ignored.${guess ? ` Did you mean '${guess}'?` : ''}`,
      );
    }
    const str = (key: string): string | undefined => {
      const v = raw[key];
      if (v === undefined) return undefined;
      if (typeof v === 'string') return v;
      report(
        'error',
        'roles-wrong-type',
        `${at}/${key}`,
        'value',
        `Role field '${key}' must be a string${typeof v === 'number' ? `; write "${v}" in quotes` : ''}.`,
      );
      return undefined;
    };
    const name = str('name');
    if (!name) {
      if (raw.name === undefined || raw.name === '')
        report(
          'error',
          'roles-missing-field',
          raw.name === '' ? `${at}/name` : at,
          raw.name === '' ? 'value' : 'value',
          `Role ${index + 1} needs a non-empty "name".`,
        );
      return;
    }
    if (seen.has(name)) {
      report(
        'error',
        'roles-duplicate-name',
        `${at}/name`,
        'value',
        `Role '${name}' is defined twice; canvases would not know which one applies. Rename or merge one of them.`,
      );
      return;
    }
    seen.add(name);
    /** A string field that must match `pattern`; a value that does not is reported and left out. */
    const matching = (key: string, pattern: string, message: (v: string) => string): string | undefined => {
      const v = str(key);
      if (v === undefined || new RegExp(pattern).test(v)) return v;
      report('error', 'roles-invalid-value', `${at}/${key}`, 'value', message(v));
      return undefined;
    };
    const awsRegion = matching(
      'aws_region',
      REGION_PATTERN,
      (v) => `Role '${name}': '${v}' is not an AWS region; write it like us-east-1.`,
    );
    const awsAccountId = matching(
      'aws_account_id',
      ACCOUNT_PATTERN,
      () => `Role '${name}': the account id must be exactly 12 digits, like "123456789012".`,
    );
    const allowedServices = readServices(raw.allowed_services, `${at}/allowed_services`, name, report);
    roles.push({
      name,
      description: str('description'),
      awsRegion,
      awsAccountId,
      allowedServices,
      permissions: readPermissions(raw.permissions, `${at}/permissions`, name, report),
      index,
      range: src.locate(`${at}/name`, 'value'),
    });
  });
  return { file, roles, problems: problems.sort(compareProblems) };
}

function readServices(value: unknown, at: string, role: string, report: Report): ServiceType[] {
  if (value === undefined) {
    report(
      'warning',
      'roles-missing-field',
      at.replace(/\/allowed_services$/, ''),
      'value',
      `Role '${role}' has no "allowed_services", so its canvases may use no service. Add a list like ["EC2", "S3"].`,
    );
    return [];
  }
  if (!Array.isArray(value)) {
    report(
      'error',
      'roles-wrong-type',
      at,
      'value',
      `Role '${role}': "allowed_services" must be a list of service types like ["EC2", "S3"].`,
    );
    return [];
  }
  const out = new Set<ServiceType>();
  value.forEach((s, i) => {
    if (isServiceType(s)) {
      if (out.has(s))
        report(
          'warning',
          'roles-duplicate-service',
          `${at}/${i}`,
          'value',
          `Role '${role}' lists ${s} twice.`,
        );
      out.add(s);
      return;
    }
    const guess = typeof s === 'string' ? closest(s, SERVICE_TYPES) : undefined;
    report(
      'error',
      'roles-unknown-service',
      `${at}/${i}`,
      'value',
      `Role '${role}': ${JSON.stringify(s)} is not a service type.${guess ? ` Did you mean '${guess}'?` : ''} Use one of ${SERVICE_TYPES.join(', ')}.`,
    );
  });
  return SERVICE_TYPES.filter((s) => out.has(s));
}

function readPermissions(value: unknown, at: string, role: string, report: Report): RolePermissions {
  const perms = { canDeploy: false, canViewCost: false, canManageRoles: false };
  if (value === undefined) return perms;
  if (!isPlainObject(value)) {
    report(
      'error',
      'roles-wrong-type',
      at,
      'value',
      `Role '${role}': "permissions" must be an object like { "can_deploy": true }.`,
    );
    return perms;
  }
  const target: Record<keyof typeof PERMISSION_FIELDS, keyof RolePermissions> = {
    can_deploy: 'canDeploy',
    can_view_cost: 'canViewCost',
    can_manage_roles: 'canManageRoles',
  };
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (!(key in target)) {
      const guess = closest(key, Object.keys(target));
      report(
        'warning',
        'roles-unknown-field',
        `${at}/${escapePointer(key)}`,
        'key',
        `Role '${role}': no permission '${key}'.${guess ? ` Did you mean '${guess}'?` : ''} Known: ${Object.keys(target).join(', ')}.`,
      );
    } else if (typeof v !== 'boolean') {
      report(
        'error',
        'roles-wrong-type',
        `${at}/${key}`,
        'value',
        `Role '${role}': permission '${key}' must be true or false.`,
      );
    } else perms[target[key as keyof typeof target]] = v;
  }
  return perms;
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(
        (node.children ?? [])
          .filter((p) => p.children?.length === 2)
          .map((p) => [p.children![0].value as string, nodeValue(p.children![1])]),
      );
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

export { nodeValue as jsonNodeValue };

/** A text replacement, as offsets into the original text. */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

/**
 * The edits that add `service` to the role's `allowed_services`, creating the list when missing. A list
 * kept in the canonical service order gets it at its place; any other list gets it at the end.
 */
export function addServiceEdits(text: string, roleIndex: number, service: ServiceType): TextEdit[] {
  const src = new JsonSource(text, '', 'roles-syntax');
  const list = src.node(`/roles/${roleIndex}/allowed_services`);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^( +|\t)/m.exec(text)?.[1] ?? '  ';
  const formattingOptions = {
    insertSpaces: indent !== '\t',
    tabSize: indent === '\t' ? 1 : indent.length,
    eol,
  };
  if (list?.type !== 'array') {
    return modify(text, ['roles', roleIndex, 'allowed_services'], [service], { formattingOptions });
  }
  const rank = (v: unknown) => SERVICE_TYPES.indexOf(v as ServiceType);
  const items = list.children ?? [];
  const values = items.map((c) => c.value as unknown);
  const sorted = values.every((v, i) => rank(v) >= 0 && (i === 0 || rank(values[i - 1]) < rank(v)));
  const position = sorted ? values.filter((v) => rank(v) < rank(service)).length : values.length;
  const literal = JSON.stringify(service);
  if (!items.length) return [{ offset: list.offset + 1, length: list.length - 2, content: literal }];
  // Reuse the separator the list already has (", " inline, ",\n      " one per line).
  const between = (a: number) => text.slice(items[a].offset + items[a].length, items[a + 1].offset);
  const separator = items.length > 1 ? between(Math.min(Math.max(position - 1, 0), items.length - 2)) : ', ';
  if (position === 0) return [{ offset: items[0].offset, length: 0, content: literal + separator }];
  const after = items[position - 1];
  return [{ offset: after.offset + after.length, length: 0, content: separator + literal }];
}
