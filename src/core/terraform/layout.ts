import { GrantwiseError } from '../errors';
import type { Deployment, Resource, ServiceType, SourceRef, Subnet } from '../deployment/model';
import { terraformName } from '../deployment/names';

/**
 * What a deployment becomes in Terraform: every `aws_*` resource with its address and the deployment
 * element it stands for. The renderer writes HCL from it and the operator policy derives its actions from
 * it, so the two can never disagree about which resources exist.
 */

/** The Terraform AWS provider resource types the templates write. */
export const TERRAFORM_TYPES = [
  'aws_ebs_volume',
  'aws_eip',
  'aws_instance',
  'aws_internet_gateway',
  'aws_nat_gateway',
  'aws_route',
  'aws_route_table',
  'aws_route_table_association',
  'aws_security_group',
  'aws_subnet',
  'aws_volume_attachment',
  'aws_vpc',
] as const;
export type TerraformType = (typeof TERRAFORM_TYPES)[number];

/** The deployment element a Terraform resource is rendered for. */
export interface Origin {
  /** `network` for the base layer, else the deployment resource id. */
  id: string;
  /** For people: "network 'main'", "EC2 'bastion'". */
  describe: string;
  source?: SourceRef;
}

export interface TerraformResource {
  type: TerraformType;
  name: string;
  /** `aws_instance.bastion` (without a count index). */
  address: string;
  origin: Origin;
  /** A subnet that gives its instances public addresses (`map_public_ip_on_launch = true`). */
  mapsPublicIp?: true;
}

/** Service types that have a template; the cost/HCL work adds the others next to them. */
export const RENDERED_TYPES: readonly ServiceType[] = ['EBS', 'EC2', 'NAT_GATEWAY', 'SECURITY_GROUP'];

export interface RouteTableLayout {
  name: string;
  /** HCL attribute and expression of the default route's target, when the table has one. */
  defaultRoute?: { attribute: 'gateway_id' | 'nat_gateway_id'; target: string };
  subnets: string[];
}

export interface NetworkLayout {
  name: string;
  vpcCidr: string;
  subnets: Array<Subnet & { name: string }>;
  internetGateway: boolean;
  routeTables: RouteTableLayout[];
}

export interface Layout {
  network: NetworkLayout;
  /** Deployment resources by type, by name within a type. */
  byType: Map<ServiceType, Resource[]>;
  /** Sorted by address. */
  resources: TerraformResource[];
  /** EC2 instance count by resource name, for volumes that follow their instance's count. */
  instanceCount: Map<string, number>;
}

export function layoutDeployment(deployment: Deployment): Layout {
  const unsupported = deployment.resources.filter((r) => !RENDERED_TYPES.includes(r.type));
  if (unsupported.length > 0) {
    const r = unsupported[0];
    throw new GrantwiseError(
      'terraform.unsupported-type',
      `${at(r.source, deployment.file)}: resource '${r.label}' has type ${r.type}, which has no Terraform template yet.`,
      `Supported types: ${RENDERED_TYPES.join(', ')}. Remove or replace '${r.label}' to render this deployment.`,
    );
  }
  const out: TerraformResource[] = [];
  const add = (type: TerraformType, name: string, origin: Origin, extra: Partial<TerraformResource> = {}) =>
    out.push({ type, name, address: `${type}.${name}`, origin, ...extra });

  const net = deployment.network;
  const netOrigin: Origin = { id: 'network', describe: `network '${net.name}'`, source: net.source };
  const name = terraformName(net.name, 'network');
  const subnets = net.subnets.map((s) => ({ ...s, name: terraformName(s.name, 'subnet') }));
  const byType = new Map<ServiceType, Resource[]>();
  const sorted = [...deployment.resources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const r of sorted) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);

  add('aws_vpc', name, netOrigin);
  for (const s of subnets) add('aws_subnet', s.name, netOrigin, s.public ? { mapsPublicIp: true } : {});
  if (net.internetGateway) add('aws_internet_gateway', name, netOrigin);

  const routeTables: RouteTableLayout[] = [];
  const publicSubnets = subnets.filter((s) => s.public).map((s) => s.name);
  const privateSubnets = subnets.filter((s) => !s.public).map((s) => s.name);
  if (net.internetGateway && publicSubnets.length > 0) {
    routeTables.push({
      name: `${name}_public`,
      defaultRoute: { attribute: 'gateway_id', target: `aws_internet_gateway.${name}.id` },
      subnets: publicSubnets,
    });
  }
  if (privateSubnets.length > 0) {
    const nat = natForPrivateRoutes(deployment, byType.get('NAT_GATEWAY') ?? []);
    routeTables.push({
      name: `${name}_private`,
      defaultRoute: nat
        ? { attribute: 'nat_gateway_id', target: `aws_nat_gateway.${nat.name}.id` }
        : undefined,
      subnets: privateSubnets,
    });
  }
  for (const t of routeTables) {
    add('aws_route_table', t.name, netOrigin);
    if (t.defaultRoute) add('aws_route', `${t.name}_default`, netOrigin);
    for (const s of t.subnets) add('aws_route_table_association', s, netOrigin);
  }

  const instanceCount = new Map<string, number>();
  for (const r of byType.get('EC2') ?? []) instanceCount.set(r.name, Number(r.config.count ?? 1));
  for (const r of deployment.resources) {
    const origin: Origin = { id: r.id, describe: `${r.type} '${r.label}'`, source: r.source };
    switch (r.type) {
      case 'EC2':
        add('aws_instance', r.name, origin);
        if (r.config.publicIp === true) add('aws_eip', r.name, origin);
        break;
      case 'EBS':
        add('aws_ebs_volume', r.name, origin);
        if (typeof r.config.attachTo === 'string') add('aws_volume_attachment', r.name, origin);
        break;
      case 'NAT_GATEWAY':
        add('aws_eip', r.name, origin);
        add('aws_nat_gateway', r.name, origin);
        break;
      case 'SECURITY_GROUP':
        add('aws_security_group', r.name, origin);
        break;
    }
  }
  out.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return {
    network: { name, vpcCidr: net.vpcCidr, subnets, internetGateway: net.internetGateway, routeTables },
    byType,
    resources: out,
    instanceCount,
  };
}

/** The NAT gateway private subnets route through: the one in `network.natGateway.subnet`, else the first. */
function natForPrivateRoutes(deployment: Deployment, nats: Resource[]): Resource | undefined {
  const wanted = deployment.network.natGateway?.subnet;
  return nats.find((n) => wanted !== undefined && n.config.subnet === wanted) ?? nats[0];
}

/** `file:line:col` of a source reference (1-based for people), or the deployment file. */
export function at(source: SourceRef | undefined, file: string): string {
  if (!source) return file;
  return `${source.file}:${source.range.start.line + 1}:${source.range.start.character + 1}`;
}
