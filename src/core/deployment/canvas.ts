import * as path from 'node:path';
import type { Range } from '../range';
import { JsonSource } from './jsonSource';
import { reportInto, type Report } from './pointerProblems';
import {
  compareProblems,
  compareResources,
  DEFAULT_REGION,
  isServiceType,
  SERVICE_TYPES,
  type Deployment,
  type DeploymentProblem,
  type Resource,
  type ServiceType,
} from './model';
import { closest, NameRegistry } from './names';
import { defaultNetwork, fillSubnets } from './network';
import { escapePointer, isPlainObject, normalizeConfig, resolveReferences } from './resourceConfig';
import { jsonNodeValue, REGION_PATTERN, ROLES_FILE, type RolesFile, type TeamRole } from './roles';

/**
 * A `*.canvas.json` file: `nodes` (each with `data.resourceType`, `label` and a typed `config`), `edges`
 * between node ids and the editor `viewport`, plus the team `role` the canvas belongs to.
 */
export const CANVAS_SUFFIX = '.canvas.json';

export interface CanvasNode {
  id: string;
  /** Undefined when the node's resourceType is missing or unknown (reported). */
  resourceType?: ServiceType;
  label: string;
  config: unknown;
  /** JSON Pointer of the node, e.g. `/nodes/2`. */
  path: string;
}

export interface CanvasEdge {
  id: string;
  source: string;
  target: string;
  path: string;
}

export interface ParsedCanvas {
  file: string;
  name: string;
  role?: string;
  region?: string;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** Structure problems: syntax, types, duplicate ids, dangling edges (not role or config checks). */
  problems: DeploymentProblem[];
  source: JsonSource;
}

/** Top-level fields a canvas may have; `nodes` items may carry editor fields (width, selected...) freely. */
export const CANVAS_FIELDS = ['$schema', 'name', 'role', 'region', 'nodes', 'edges', 'viewport'] as const;
export const NODE_DATA_FIELDS = ['resourceType', 'label', 'config'] as const;

export function parseCanvas(text: string, file: string): ParsedCanvas {
  const src = new JsonSource(text, file, 'canvas-syntax');
  const problems: DeploymentProblem[] = [...src.syntaxProblems];
  const report = reportInto(problems, file, (pointer, part) => src.locate(pointer, part));
  const fallbackName = path.basename(file).replace(/\.canvas\.json$/i, '');
  const canvas: ParsedCanvas = { file, name: fallbackName, nodes: [], edges: [], problems, source: src };
  // After a syntax error the recovered tree is a guess: report the error alone.
  if (src.syntaxProblems.length) return canvas;
  const root = src.tree ? jsonNodeValue(src.tree) : undefined;
  if (!isPlainObject(root)) {
    if (src.tree)
      report(
        'error',
        'canvas-wrong-type',
        '',
        'value',
        'A canvas must be an object with "role", "nodes", "edges" and "viewport".',
      );
    return canvas;
  }
  for (const key of Object.keys(root).sort()) {
    if ((CANVAS_FIELDS as readonly string[]).includes(key)) continue;
    const guess = closest(key, CANVAS_FIELDS);
    report(
      'warning',
      'canvas-unknown-field',
      `/${escapePointer(key)}`,
      'key',
      `A canvas has no field '${key}'; it is ignored.${guess ? ` Did you mean '${guess}'?` : ''}`,
    );
  }
  const str = (value: unknown, pointer: string, what: string): string | undefined => {
    if (value === undefined || typeof value === 'string') return value;
    report('error', 'canvas-wrong-type', pointer, 'value', `${what} must be a string.`);
    return undefined;
  };
  canvas.name = str(root.name, '/name', 'The canvas "name"') || fallbackName;
  canvas.role = str(root.role, '/role', 'The canvas "role"') || undefined;
  canvas.region = str(root.region, '/region', 'The canvas "region"');
  if (canvas.region !== undefined && !new RegExp(REGION_PATTERN).test(canvas.region)) {
    report(
      'error',
      'canvas-invalid-value',
      '/region',
      'value',
      `'${canvas.region}' is not an AWS region; write it like us-east-1.`,
    );
    canvas.region = undefined;
  }
  if (root.viewport !== undefined)
    checkNumbers(root.viewport, '/viewport', ['x', 'y', 'zoom'], 'The viewport', report);

  const ids = new Set<string>();
  if (root.nodes === undefined)
    report('error', 'canvas-missing-field', '', 'value', 'A canvas needs a "nodes" list (it may be empty).');
  else if (!Array.isArray(root.nodes))
    report('error', 'canvas-wrong-type', '/nodes', 'value', '"nodes" must be a list of nodes.');
  else {
    root.nodes.forEach((raw, i) => {
      const at = `/nodes/${i}`;
      if (!isPlainObject(raw))
        return report(
          'error',
          'canvas-wrong-type',
          at,
          'value',
          `Node ${i + 1} must be an object with "id" and "data".`,
        );
      const id = str(raw.id, `${at}/id`, `Node ${i + 1}'s "id"`);
      if (!id) {
        if (raw.id === undefined || raw.id === '')
          report(
            'error',
            'canvas-missing-field',
            raw.id === '' ? `${at}/id` : at,
            'value',
            `Node ${i + 1} needs a non-empty "id".`,
          );
        return;
      }
      if (ids.has(id))
        return report(
          'error',
          'canvas-duplicate-id',
          `${at}/id`,
          'value',
          `Node id '${id}' is used twice; edges could not tell the nodes apart. Give this node another id.`,
        );
      ids.add(id);
      str(raw.type, `${at}/type`, `Node '${id}': "type"`);
      if (raw.position !== undefined)
        checkNumbers(raw.position, `${at}/position`, ['x', 'y'], `Node '${id}': "position"`, report);
      const data = raw.data;
      if (!isPlainObject(data)) {
        if (data === undefined)
          report(
            'error',
            'canvas-missing-field',
            at,
            'value',
            `Node '${id}' needs "data" with "resourceType", "label" and "config".`,
          );
        else
          report(
            'error',
            'canvas-wrong-type',
            `${at}/data`,
            'value',
            `Node '${id}': "data" must be an object with "resourceType", "label" and "config".`,
          );
        return;
      }
      for (const key of Object.keys(data).sort()) {
        if ((NODE_DATA_FIELDS as readonly string[]).includes(key)) continue;
        const guess = closest(key, NODE_DATA_FIELDS);
        report(
          'warning',
          'canvas-unknown-field',
          `${at}/data/${escapePointer(key)}`,
          'key',
          `Node '${id}': "data" has no field '${key}'; it is ignored.${guess ? ` Did you mean '${guess}'?` : ''}`,
        );
      }
      const label = str(data.label, `${at}/data/label`, `Node '${id}': "label"`) || id;
      let resourceType: ServiceType | undefined;
      if (data.resourceType === undefined) {
        report(
          'error',
          'canvas-missing-field',
          `${at}/data`,
          'key',
          `Node '${id}' needs "resourceType", one of ${SERVICE_TYPES.join(', ')}.`,
        );
      } else if (isServiceType(data.resourceType)) resourceType = data.resourceType;
      else {
        const guess =
          typeof data.resourceType === 'string' ? closest(data.resourceType, SERVICE_TYPES) : undefined;
        report(
          'error',
          'canvas-unknown-resource-type',
          `${at}/data/resourceType`,
          'value',
          `Node '${id}': ${JSON.stringify(data.resourceType)} is not a resource type.${guess ? ` Did you mean '${guess}'?` : ''} Use one of ${SERVICE_TYPES.join(', ')}.`,
        );
      }
      canvas.nodes.push({ id, resourceType, label, config: data.config, path: at });
    });
  }

  if (root.edges !== undefined && !Array.isArray(root.edges))
    report('error', 'canvas-wrong-type', '/edges', 'value', '"edges" must be a list of edges.');
  const edgeIds = new Set<string>();
  (Array.isArray(root.edges) ? root.edges : []).forEach((raw, i) => {
    const at = `/edges/${i}`;
    if (!isPlainObject(raw))
      return report(
        'error',
        'canvas-wrong-type',
        at,
        'value',
        `Edge ${i + 1} must be an object with "id", "source" and "target".`,
      );
    const id = str(raw.id, `${at}/id`, `Edge ${i + 1}'s "id"`) ?? `edge-${i + 1}`;
    if (raw.id !== undefined && edgeIds.has(id))
      report(
        'error',
        'canvas-duplicate-id',
        `${at}/id`,
        'value',
        `Edge id '${id}' is used twice; give this edge another id.`,
      );
    edgeIds.add(id);
    let ok = true;
    for (const end of ['source', 'target'] as const) {
      const v = str(raw[end], `${at}/${end}`, `Edge '${id}': "${end}"`);
      if (v === undefined) {
        if (raw[end] === undefined)
          report('error', 'canvas-missing-field', at, 'value', `Edge '${id}' needs a "${end}" node id.`);
        ok = false;
      } else if (!ids.has(v)) {
        const guess = closest(v, [...ids]);
        report(
          'error',
          'canvas-dangling-edge',
          `${at}/${end}`,
          'value',
          `Edge '${id}': ${end} '${v}' is not a node of this canvas.${guess ? ` Did you mean '${guess}'?` : ''} Point it at an existing node id or delete the edge.`,
        );
        ok = false;
      }
    }
    if (ok) canvas.edges.push({ id, source: raw.source as string, target: raw.target as string, path: at });
  });
  return canvas;
}

function checkNumbers(value: unknown, at: string, keys: string[], what: string, report: Report): void {
  if (!isPlainObject(value))
    return report(
      'error',
      'canvas-wrong-type',
      at,
      'value',
      `${what} must be an object with numbers ${keys.join(', ')}.`,
    );
  for (const k of keys) {
    if (value[k] !== undefined && typeof value[k] !== 'number')
      report('error', 'canvas-wrong-type', `${at}/${k}`, 'value', `${what}: "${k}" must be a number.`);
  }
}

/** The role named by the canvas, and the problems of naming it (unknown role, disallowed services). */
export function checkCanvasRole(
  canvas: ParsedCanvas,
  roles: RolesFile | undefined,
): { role?: TeamRole; problems: DeploymentProblem[] } {
  const problems: DeploymentProblem[] = [];
  const src = canvas.source;
  const report = (check: string, pointer: string, message: string, data?: Record<string, unknown>) =>
    problems.push({
      severity: 'error',
      check,
      path: pointer,
      range: src.locate(pointer, 'value'),
      message,
      file: canvas.file,
      data,
    });
  if (src.syntaxProblems.length) return { problems };
  if (!canvas.role) {
    if (roles?.roles.length && src.tree) {
      const names = roles.roles.map((r) => r.name).join(', ');
      problems.push({
        severity: 'warning',
        check: 'canvas-no-role',
        path: '',
        range: src.index.rangeOf(src.tree.offset, 1),
        message: `This canvas names no "role", so no team's allowed services apply. Add "role" with one of: ${names}.`,
        file: canvas.file,
      });
    }
    return { problems };
  }
  if (!roles) {
    report(
      'canvas-unknown-role',
      '/role',
      `Role '${canvas.role}' cannot be checked: the workspace has no ${ROLES_FILE}. Create it with a role named '${canvas.role}'.`,
    );
    return { problems };
  }
  const role = roles.roles.find((r) => r.name === canvas.role);
  if (!role) {
    const names = roles.roles.map((r) => r.name);
    const guess = closest(canvas.role, names);
    report(
      'canvas-unknown-role',
      '/role',
      `Role '${canvas.role}' is not in ${ROLES_FILE}.${guess ? ` Did you mean '${guess}'?` : ''}${names.length ? ` Roles: ${names.join(', ')}.` : ''}`,
    );
    return { problems };
  }
  for (const node of canvas.nodes) {
    if (!node.resourceType || role.allowedServices.includes(node.resourceType)) continue;
    report(
      'canvas-service-not-allowed',
      `${node.path}/data/resourceType`,
      `Role '${role.name}' may not use ${node.resourceType} (node '${node.label}'). Its allowed services are ${role.allowedServices.join(', ') || 'none'}; ask a role manager to add ${node.resourceType} or use an allowed service.`,
      { role: role.name, roleIndex: role.index, service: node.resourceType, rolesFile: roles.file },
    );
  }
  return { role, problems };
}

/** The canvas as a Deployment: the base network plus one resource per node, with every problem. */
export function canvasDeployment(canvas: ParsedCanvas, roles: RolesFile | undefined): Deployment {
  const { role, problems: roleProblems } = checkCanvasRole(canvas, roles);
  const region = canvas.region ?? role?.awsRegion ?? DEFAULT_REGION;
  const network = defaultNetwork(canvas.name, region);
  const problems = [...canvas.problems, ...roleProblems];
  const src = canvas.source;
  const names = new NameRegistry();
  const resources: Resource[] = [];
  const nodeOf = new Map<Resource, CanvasNode>();
  for (const node of canvas.nodes) {
    if (!node.resourceType) continue;
    const configPath = `${node.path}/data/config`;
    const { config, problems: configProblems } = normalizeConfig(node.config, {
      type: node.resourceType,
      file: canvas.file,
      path: configPath,
      locate: (p, part) => src.locate(p, part),
      owner: `Node '${node.label}'`,
    });
    problems.push(...configProblems);
    const resource: Resource = {
      id: node.id,
      type: node.resourceType,
      name: names.take(node.label),
      label: node.label,
      config,
      dependsOn: [],
      source: { file: canvas.file, range: nodeRange(src, node), path: node.path },
    };
    resources.push(resource);
    nodeOf.set(resource, node);
  }
  const byId = new Map(resources.map((r) => [r.id, r]));
  for (const edge of canvas.edges) {
    // An edge from A to B means A uses B, so B must exist first.
    const from = byId.get(edge.source);
    if (
      from &&
      byId.has(edge.target) &&
      edge.target !== edge.source &&
      !from.dependsOn.includes(edge.target)
    ) {
      from.dependsOn.push(edge.target);
    }
  }
  problems.push(
    ...resolveReferences(resources, network, {
      file: () => canvas.file,
      configPath: (r) => `${nodeOf.get(r)!.path}/data/config`,
      locate: (_r, p) => src.locate(p, 'value'),
    }),
  );
  fillSubnets(resources, network);
  return {
    file: canvas.file,
    kind: 'canvas',
    name: canvas.name,
    role: canvas.role,
    region,
    accountId: role?.awsAccountId,
    network,
    resources: resources.sort(compareResources),
    problems: problems.sort(compareProblems),
  };
}

function nodeRange(src: JsonSource, node: CanvasNode): Range {
  return src.node(`${node.path}/data/label`)
    ? src.locate(`${node.path}/data/label`)
    : src.locate(`${node.path}/id`);
}
