import type { MappedDeployment } from './capideploy';
import { reportByHints, type JsonnetSources, type ReportByHints, type SourceHint } from './jsonnetSources';
import {
  cmp,
  DEFAULT_REGION,
  isServiceType,
  SERVICE_TYPES,
  type DeploymentProblem,
  type NetworkLayer,
  type Resource,
  type Subnet,
} from './model';
import { closest, NameRegistry, terraformName } from './names';
import { defaultNetwork } from './network';
import { escapePointer, isPlainObject, normalizeConfig, resolveReferences } from './resourceConfig';

/**
 * A jsonnet file whose value lists its resources directly:
 * `{ name?, region?, accountId?, network?: { name?, vpcCidr, subnets: [{ name, cidr, availabilityZone?,
 * public }], internetGateway? }, resources: [{ type, name, config?, dependsOn?, id? }] }`.
 * `config` follows the same per-type spec as canvas nodes; `dependsOn` names other resources by id or name.
 */
export function isPlainResourcesValue(
  value: unknown,
): value is Record<string, unknown> & { resources: unknown[] } {
  return isPlainObject(value) && Array.isArray(value.resources);
}

export function mapPlainResources(
  value: Record<string, unknown> & { resources: unknown[] },
  sources: JsonnetSources,
  fallbackName: string,
): MappedDeployment {
  const problems: DeploymentProblem[] = [];
  const at = reportByHints(problems, sources);
  const name = typeof value.name === 'string' && value.name ? value.name : fallbackName;
  const region = typeof value.region === 'string' && value.region ? value.region : DEFAULT_REGION;
  const accountId =
    typeof value.accountId === 'string' && /^\d{12}$/.test(value.accountId) ? value.accountId : undefined;
  if (value.accountId !== undefined && !accountId)
    at(
      'error',
      'resources-invalid-value',
      '/accountId',
      [{ field: 'accountId' }],
      '"accountId" must be a 12-digit string like "123456789012".',
    );
  const network = readNetwork(value.network, name, region, at, sources);

  const names = new NameRegistry();
  const resources: Resource[] = [];
  const rawDepends = new Map<Resource, { list: unknown; path: string }>();
  const ids = new Set<string>();
  value.resources.forEach((raw, i) => {
    const path = `/resources/${i}`;
    const listHints: SourceHint[] = [{ field: 'resources' }];
    if (!isPlainObject(raw))
      return at(
        'error',
        'resources-wrong-type',
        path,
        listHints,
        `Resource ${i + 1} must be an object with "type" and "name".`,
      );
    const label = typeof raw.name === 'string' && raw.name ? raw.name : undefined;
    const hints: SourceHint[] = label ? [{ literal: label }, ...listHints] : listHints;
    const source = sources.locate(hints, path);
    const here = (severity: 'error' | 'warning', check: string, field: string, message: string) =>
      problems.push({
        severity,
        check,
        path: `${path}/${field}`,
        file: source.file,
        range: source.range,
        message,
      });
    if (!label)
      return here(
        'error',
        'resources-missing-field',
        'name',
        `Resource ${i + 1} needs a non-empty string "name".`,
      );
    if (!isServiceType(raw.type)) {
      const guess = typeof raw.type === 'string' ? closest(raw.type, SERVICE_TYPES) : undefined;
      return here(
        'error',
        'resources-unknown-type',
        'type',
        `Resource '${label}': ${raw.type === undefined ? 'needs a "type"' : `${JSON.stringify(raw.type)} is not a resource type`}.${guess ? ` Did you mean '${guess}'?` : ''} Use one of ${SERVICE_TYPES.join(', ')}.`,
      );
    }
    for (const key of Object.keys(raw).sort()) {
      if (!['id', 'type', 'name', 'label', 'config', 'dependsOn'].includes(key))
        here(
          'warning',
          'resources-unknown-field',
          escapePointer(key),
          `Resource '${label}' has no field '${key}'; it is ignored. Put settings under "config".`,
        );
    }
    const id = typeof raw.id === 'string' && raw.id ? raw.id : `${raw.type.toLowerCase()}:${label}`;
    if (ids.has(id))
      return here(
        'error',
        'resources-duplicate-id',
        'id',
        `Resource id '${id}' is used twice; give one resource another "name" or "id".`,
      );
    ids.add(id);
    const { config, problems: p } = normalizeConfig(raw.config, {
      type: raw.type,
      file: source.file,
      path: `${path}/config`,
      locate: () => source.range,
      owner: `Resource '${label}'`,
    });
    problems.push(...p);
    const resource: Resource = {
      id,
      type: raw.type,
      name: names.take(label),
      label: typeof raw.label === 'string' && raw.label ? raw.label : label,
      config,
      dependsOn: [],
      source,
    };
    resources.push(resource);
    if (raw.dependsOn !== undefined)
      rawDepends.set(resource, { list: raw.dependsOn, path: `${path}/dependsOn` });
  });

  const byKey = new Map<string, Resource>();
  for (const r of resources) for (const k of [r.id, r.name, r.label]) if (!byKey.has(k)) byKey.set(k, r);
  for (const [r, { list, path }] of rawDepends) {
    if (!Array.isArray(list)) {
      problems.push({
        severity: 'error',
        check: 'resources-wrong-type',
        path,
        file: r.source.file,
        range: r.source.range,
        message: `Resource '${r.label}': "dependsOn" must be a list of resource names.`,
      });
      continue;
    }
    list.forEach((d, i) => {
      const target = typeof d === 'string' ? byKey.get(d) : undefined;
      if (target && target !== r) {
        if (!r.dependsOn.includes(target.id)) r.dependsOn.push(target.id);
      } else {
        problems.push({
          severity: 'error',
          check: 'resources-unknown-dependency',
          path: `${path}/${i}`,
          file: r.source.file,
          range: r.source.range,
          message: `Resource '${r.label}' depends on ${JSON.stringify(d)}, which is ${target === r ? 'itself' : 'not a resource of this file'}.`,
        });
      }
    });
  }
  problems.push(
    ...resolveReferences(resources, network, {
      file: (r) => r.source.file,
      configPath: (r) => `${r.source.path}/config`,
      locate: (r) => r.source.range,
    }),
  );
  for (const r of resources) r.dependsOn.sort(cmp);
  return { name, region, accountId, network, resources, problems };
}

function readNetwork(
  raw: unknown,
  name: string,
  region: string,
  at: ReportByHints,
  sources: JsonnetSources,
): NetworkLayer {
  const fallback = defaultNetwork(name, region);
  if (raw === undefined) return fallback;
  const hints: SourceHint[] = [{ field: 'network' }];
  if (!isPlainObject(raw) || typeof raw.vpcCidr !== 'string' || !Array.isArray(raw.subnets)) {
    at(
      'error',
      'resources-wrong-type',
      '/network',
      hints,
      '"network" must be an object with "vpcCidr" and a "subnets" list; the default network is used instead.',
    );
    return fallback;
  }
  const subnets: Subnet[] = [];
  raw.subnets.forEach((s, i) => {
    if (
      !isPlainObject(s) ||
      typeof s.name !== 'string' ||
      typeof s.cidr !== 'string' ||
      typeof s.public !== 'boolean'
    ) {
      at(
        'error',
        'resources-wrong-type',
        `/network/subnets/${i}`,
        hints,
        `Subnet ${i + 1} needs "name" and "cidr" strings and "public": true or false.`,
      );
      return;
    }
    subnets.push({
      name: terraformName(s.name, 'subnet'),
      cidr: s.cidr,
      public: s.public,
      ...(typeof s.availabilityZone === 'string' ? { availabilityZone: s.availabilityZone } : {}),
    });
  });
  return {
    name: terraformName(typeof raw.name === 'string' && raw.name ? raw.name : name, 'network'),
    vpcCidr: raw.vpcCidr,
    subnets,
    internetGateway:
      typeof raw.internetGateway === 'boolean' ? raw.internetGateway : subnets.some((s) => s.public),
    source: sources.locate(hints, '/network'),
  };
}
