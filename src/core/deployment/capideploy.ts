import {
  cmp,
  DEFAULT_REGION,
  type DeploymentProblem,
  type NetworkLayer,
  type Resource,
  type ServiceType,
  type SourceRef,
  type Subnet,
} from './model';
import { reportByHints, type JsonnetSources, type SourceHint } from './jsonnetSources';
import { NameRegistry, terraformName } from './names';
import { escapePointer, isPlainObject, normalizeConfig } from './resourceConfig';

/**
 * The capideploy layout of a jsonnet deployment file, evaluated: `network` (VPC cidr, `private_subnet`,
 * `public_subnet` with its NAT gateway, `router` = internet gateway), `security_groups` with rules, and
 * `instances` with flavors, images, fixed IPs, subnets, groups, an instance profile and `volumes`.
 * Service settings (`service.env`, `cmd`) configure software, not infrastructure, and may hold secrets, so
 * they never enter the model.
 */
export function isCapideployValue(value: unknown): value is Record<string, unknown> {
  return (
    isPlainObject(value) &&
    isPlainObject(value.network) &&
    (isPlainObject(value.instances) || isPlainObject(value.security_groups))
  );
}

export interface MappedDeployment {
  name: string;
  region: string;
  accountId?: string;
  network: NetworkLayer;
  resources: Resource[];
  problems: DeploymentProblem[];
}

const INSTANCE_BODY = /flavor|image|instance_type|ip_address/;
const GROUP_BODY = /rules/;
const VOLUME_BODY = /size|mount_point/;

export function mapCapideploy(
  value: Record<string, unknown>,
  sources: JsonnetSources,
  fallbackName: string,
): MappedDeployment {
  const file = sources.mainFile;
  const problems: DeploymentProblem[] = [];
  const names = new NameRegistry();
  const resources: Resource[] = [];
  const problemAt = reportByHints(problems, sources);
  const wrongType = (path: string, hints: SourceHint[], message: string) =>
    problemAt('error', 'capideploy-wrong-type', path, hints, message);

  const name =
    typeof value.deployment_name === 'string' && value.deployment_name ? value.deployment_name : fallbackName;
  const net = value.network as Record<string, unknown>;
  const netHints: SourceHint[] = [{ field: 'network', near: /cidr|subnet/ }];
  const str = (
    o: Record<string, unknown>,
    key: string,
    path: string,
    hints: SourceHint[],
    what: string,
    required = true,
  ): string | undefined => {
    const v = o[key];
    if (typeof v === 'string' && v !== '') return v;
    if (v === undefined || v === '') {
      if (required)
        problemAt('error', 'capideploy-missing-field', `${path}/${key}`, hints, `${what} needs "${key}".`);
    } else wrongType(`${path}/${key}`, hints, `${what}: "${key}" must be a string, not ${typeof v}.`);
    return undefined;
  };

  // Network: the VPC, its two subnets, the router (internet gateway) and the NAT gateway.
  const subnets: Subnet[] = [];
  const subnetByRawName = new Map<string, Subnet>();
  let natSubnet: string | undefined;
  let natName: string | undefined;
  for (const [key, isPublic] of [
    ['private_subnet', false],
    ['public_subnet', true],
  ] as const) {
    const raw = net[key];
    if (raw === undefined) continue;
    const at = `/network/${key}`;
    const hints: SourceHint[] = [{ field: key, near: /cidr/ }, ...netHints];
    if (!isPlainObject(raw)) {
      wrongType(at, hints, `network.${key} must be an object with name, cidr and availability_zone.`);
      continue;
    }
    const rawName = str(raw, 'name', at, hints, `network.${key}`) ?? key;
    const cidr = str(raw, 'cidr', at, hints, `network.${key}`);
    if (!cidr) continue;
    const subnet: Subnet = { name: terraformName(rawName, 'subnet'), cidr, public: isPublic };
    const az = str(raw, 'availability_zone', at, hints, `network.${key}`, false);
    if (az) subnet.availabilityZone = az;
    subnets.push(subnet);
    subnetByRawName.set(rawName, subnet);
    if (isPublic && typeof raw.nat_gateway_name === 'string' && raw.nat_gateway_name) {
      natSubnet = subnet.name;
      natName = raw.nat_gateway_name;
    }
  }
  const vpcCidr = str(net, 'cidr', '/network', netHints, 'network') ?? '10.0.0.0/16';
  const network: NetworkLayer = {
    name: terraformName(typeof net.name === 'string' && net.name ? net.name : `${name}_network`, 'network'),
    vpcCidr,
    subnets,
    internetGateway: isPlainObject(net.router) || subnets.some((s) => s.public),
    source: sources.locate(netHints, '/network'),
  };
  if (!subnets.length)
    problemAt(
      'error',
      'capideploy-missing-field',
      '/network',
      netHints,
      'network needs private_subnet and/or public_subnet, each with name and cidr.',
    );
  if (natSubnet && natName) {
    network.natGateway = { subnet: natSubnet };
    const path = '/network/public_subnet/nat_gateway_name';
    const { config, problems: p } = normalizeConfig(
      { subnet: natSubnet },
      {
        type: 'NAT_GATEWAY',
        file,
        path,
        locate: () => sources.locate([{ literal: natName! }], path).range,
        owner: `NAT gateway '${natName}'`,
      },
    );
    problems.push(...p);
    resources.push({
      id: `nat_gateway:${natName}`,
      type: 'NAT_GATEWAY',
      name: names.take(natName),
      label: natName,
      config,
      dependsOn: [],
      source: sources.locate(
        [{ literal: natName }, { field: 'nat_gateway_name' }, { field: 'public_subnet' }, ...netHints],
        path,
      ),
    });
  }
  const azs = subnets.map((s) => s.availabilityZone).filter((z): z is string => !!z);
  const region =
    typeof value.region === 'string' && value.region
      ? value.region
      : azs.length
        ? azs[0].replace(/[a-z]$/, '')
        : DEFAULT_REGION;

  // Security groups, by their key in `security_groups`.
  const groupByKey = new Map<string, Resource>();
  const groupByName = new Map<string, Resource>();
  const groups = keyedEntries(value.security_groups, () =>
    wrongType(
      '/security_groups',
      [{ field: 'security_groups' }],
      'security_groups must be an object of groups keyed by a short name.',
    ),
  );
  for (const [key, raw] of groups) {
    const at = `/security_groups/${escapePointer(key)}`;
    const hints: SourceHint[] = [{ field: key, near: GROUP_BODY }, { field: 'security_groups' }];
    if (!isPlainObject(raw)) {
      wrongType(at, hints, `Security group '${key}' must be an object with name and rules.`);
      continue;
    }
    const label = str(raw, 'name', at, hints, `Security group '${key}'`) ?? key;
    const source = sources.locate([{ literal: label }, ...hints], at);
    const rules = (Array.isArray(raw.rules) ? raw.rules : []).map(mapRule);
    if (raw.rules !== undefined && !Array.isArray(raw.rules))
      wrongType(`${at}/rules`, hints, `Security group '${key}': rules must be a list.`);
    const { config, problems: p } = normalizeAt(
      { ...(typeof raw.description === 'string' ? { description: raw.description } : {}), rules },
      'SECURITY_GROUP',
      source,
      `Security group '${key}'`,
    );
    problems.push(...p.map((x) => ({ ...x, path: rulePath(x.path) })));
    const resource: Resource = {
      id: `security_group:${key}`,
      type: 'SECURITY_GROUP',
      name: names.take(label),
      label,
      config,
      dependsOn: [],
      source,
    };
    resources.push(resource);
    groupByKey.set(key, resource);
    groupByName.set(label, resource);
  }

  // Instances, and the volumes attached to them.
  const instances = keyedEntries(value.instances, () =>
    wrongType(
      '/instances',
      [{ field: 'instances' }],
      'instances must be an object of instances keyed by a short name.',
    ),
  );
  for (const [key, raw] of instances) {
    const at = `/instances/${escapePointer(key)}`;
    const hints: SourceHint[] = [
      { field: key, near: INSTANCE_BODY },
      { formatPrefix: key.replace(/\d+$/, '') },
      { field: 'instances' },
    ];
    if (!isPlainObject(raw)) {
      wrongType(
        at,
        hints,
        `Instance '${key}' must be an object with flavor, image_id, subnet_name and security_group_name.`,
      );
      continue;
    }
    const what = `Instance '${key}'`;
    const label =
      (typeof raw.inst_name === 'string' && raw.inst_name) ||
      (typeof raw.host_name === 'string' && raw.host_name) ||
      key;
    const source = sources.locate([{ literal: label }, ...hints], at);
    const here = (severity: 'error' | 'warning', check: string, field: string, message: string) =>
      problems.push({
        severity,
        check,
        path: `${at}/${field}`,
        file: source.file,
        range: source.range,
        message,
      });
    const dependsOn: string[] = [];

    const flavor = raw.flavor ?? raw.instance_type;
    if (typeof flavor !== 'string' || !flavor)
      here(
        'error',
        'capideploy-missing-field',
        'flavor',
        `${what} needs "flavor", the instance type (like t3.small).`,
      );
    const image = raw.image_id ?? raw.image;
    if (typeof image !== 'string' || !image)
      here(
        'error',
        'capideploy-missing-field',
        'image_id',
        `${what} needs "image_id", the AMI (like ami-0abc1234def567890).`,
      );

    let subnet: string | undefined;
    if (typeof raw.subnet_name === 'string') {
      subnet = subnetByRawName.get(raw.subnet_name)?.name;
      if (!subnet)
        here(
          'error',
          'capideploy-unknown-subnet',
          'subnet_name',
          `${what}: subnet_name '${raw.subnet_name}' is neither network.private_subnet.name nor network.public_subnet.name (${[...subnetByRawName.keys()].join(', ')}).`,
        );
    } else if (raw.subnet_type === 'public' || raw.subnet_type === 'private') {
      subnet = subnets.find((s) => s.public === (raw.subnet_type === 'public'))?.name;
      if (!subnet)
        here(
          'error',
          'capideploy-unknown-subnet',
          'subnet_type',
          `${what}: the network has no ${raw.subnet_type} subnet.`,
        );
    } else
      here(
        'error',
        'capideploy-missing-field',
        'subnet_name',
        `${what} needs "subnet_name" naming network.private_subnet or network.public_subnet.`,
      );

    const securityGroups: string[] = [];
    const groupRefs = [raw.security_group_name, raw.security_group].filter(
      (g): g is string => typeof g === 'string' && g !== '',
    );
    for (const ref of groupRefs) {
      const group = groupByName.get(ref) ?? groupByKey.get(ref);
      if (group) {
        securityGroups.push(group.name);
        dependsOn.push(group.id);
      } else
        here(
          'error',
          'capideploy-unknown-security-group',
          raw.security_group_name !== undefined ? 'security_group_name' : 'security_group',
          `${what}: security group '${ref}' is not in security_groups (${[...groupByName.keys()].join(', ') || 'none defined'}).`,
        );
    }
    const profile = raw.associated_instance_profile;
    const config: Record<string, unknown> = {
      instanceType: flavor,
      ami: image,
      count: 1,
      securityGroups,
      publicIp:
        typeof raw.external_ip_address_name === 'string' || raw.uses_ssh_config_external_ip_address === true,
    };
    if (typeof raw.ip_address === 'string' && raw.ip_address) config.privateIp = raw.ip_address;
    if (subnet) config.subnet = subnet;
    if (typeof profile === 'string' && profile) config.instanceProfile = profile;
    if (typeof raw.root_key_name === 'string' && raw.root_key_name) config.keyName = raw.root_key_name;
    const normalized = normalizeAt(config, 'EC2', source, what);
    // A missing image is reported above under its capideploy name.
    problems.push(...normalized.problems.filter((x) => !(x.check === 'config-missing-field' && !image)));
    const instance: Resource = {
      id: `instance:${key}`,
      type: 'EC2',
      name: names.take(label),
      label,
      config: normalized.config,
      dependsOn: dependsOn.sort(),
      source,
    };
    resources.push(instance);

    const volumes = keyedEntries(raw.volumes, () =>
      here(
        'error',
        'capideploy-wrong-type',
        'volumes',
        `${what}: volumes must be an object of volumes keyed by a short name.`,
      ),
    );
    let device = 0;
    for (const [volKey, vol] of volumes) {
      const vat = `${at}/volumes/${escapePointer(volKey)}`;
      const vhints: SourceHint[] = [{ field: volKey, near: VOLUME_BODY }, { field: 'volumes' }, ...hints];
      if (!isPlainObject(vol)) {
        wrongType(
          vat,
          vhints,
          `Volume '${volKey}' of instance '${key}' must be an object with name, size and type.`,
        );
        continue;
      }
      const vlabel = typeof vol.name === 'string' && vol.name ? vol.name : `${label}_${volKey}`;
      const vsource = sources.locate([{ literal: vlabel }, ...vhints], vat);
      const vconfig: Record<string, unknown> = {
        sizeGb: vol.size,
        attachTo: instance.name,
        // Devices are handed out in key order per instance, so re-evaluation keeps attachments stable.
        device: `/dev/sd${String.fromCharCode('f'.charCodeAt(0) + device++)}`,
      };
      if (vol.type !== undefined) vconfig.volumeType = vol.type;
      if (vol.availability_zone !== undefined) vconfig.availabilityZone = vol.availability_zone;
      else if (subnet) vconfig.availabilityZone = subnets.find((s) => s.name === subnet)?.availabilityZone;
      if (vol.mount_point !== undefined) vconfig.mountPoint = vol.mount_point;
      if (vconfig.availabilityZone === undefined) delete vconfig.availabilityZone;
      const vnorm = normalizeAt(vconfig, 'EBS', vsource, `Volume '${volKey}' of instance '${key}'`);
      problems.push(
        ...vnorm.problems.map((x) => ({
          ...x,
          path: x.path.replace(/\/sizeGb$/, '/size').replace(/\/volumeType$/, '/type'),
        })),
      );
      resources.push({
        id: `volume:${key}:${volKey}`,
        type: 'EBS',
        name: names.take(vlabel),
        label: vlabel,
        config: vnorm.config,
        dependsOn: [instance.id],
        source: vsource,
      });
    }
  }
  if (natSubnet) {
    // Instances in private subnets reach out through the NAT gateway.
    const nat = resources.find((r) => r.type === 'NAT_GATEWAY')!;
    for (const r of resources) {
      if (r.type === 'EC2' && subnets.find((s) => s.name === r.config.subnet)?.public === false)
        r.dependsOn = [...r.dependsOn, nat.id].sort();
    }
  }
  return { name, region, network, resources, problems };
}

/**
 * The entries of a map keyed by short names (security_groups, instances, volumes), in key order so the
 * model does not depend on evaluation order. A value that is not an object calls `wrongType` and has none.
 */
function keyedEntries(map: unknown, wrongType: () => void): [string, unknown][] {
  if (map !== undefined && !isPlainObject(map)) wrongType();
  return Object.entries(isPlainObject(map) ? map : {}).sort(([a], [b]) => cmp(a, b));
}

/** Jsonnet gives no position per config field, so every problem of a mapped config goes on its element. */
function normalizeAt(raw: unknown, type: ServiceType, source: SourceRef, owner: string) {
  return normalizeConfig(raw, {
    type,
    file: source.file,
    path: source.path,
    locate: () => source.range,
    owner,
  });
}

/** Capideploy rules name one `port` and a `remote_ip`; the model has a port range and a `cidr`. */
function mapRule(rule: unknown): unknown {
  if (!isPlainObject(rule)) return rule;
  const out: Record<string, unknown> = {};
  if (rule.direction !== undefined) out.direction = rule.direction;
  if (rule.protocol !== undefined) out.protocol = rule.protocol === 'all' ? '-1' : rule.protocol;
  const from = rule.port ?? rule.from_port ?? rule.port_range_min;
  const to = rule.port ?? rule.to_port ?? rule.port_range_max;
  if (from !== undefined) out.fromPort = from;
  if (to !== undefined) out.toPort = to;
  if (rule.remote_ip !== undefined) out.cidr = rule.remote_ip;
  if (typeof rule.desc === 'string') out.description = rule.desc;
  return out;
}

/** Problem paths of mapped rules point at the capideploy field names. */
function rulePath(path: string): string {
  return path
    .replace(/\/(fromPort|toPort)$/, '/port')
    .replace(/\/cidr$/, '/remote_ip')
    .replace(/\/description$/, '/desc');
}
