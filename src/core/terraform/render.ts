import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as nunjucks from 'nunjucks';
import { GrantwiseError } from '../errors';
import type { Deployment, Resource } from '../deployment/model';
import { defaultSubnet } from '../deployment/network';
import { terraformName } from '../deployment/names';
import { at, layoutDeployment, type Layout } from './layout';

export interface RenderOptions {
  /**
   * Endpoint of a local AWS emulator (`http://127.0.0.1:5000`). When set, the provider sends EC2, IAM and
   * STS calls there and skips the account and credential lookups an emulator cannot answer.
   */
  endpoint?: string;
  /** Folder of the `*.tf.njk` templates; found next to this module (source) or in dist/ (bundle). */
  templatesDir?: string;
}

export interface RenderedTerraform {
  /** File name → HCL, keys sorted. Never holds credentials: they come from the profile or the environment. */
  files: Record<string, string>;
  layout: Layout;
}

/** Services the emulator endpoint is set for: the provider calls nothing else for the rendered types. */
const ENDPOINT_SERVICES = ['ec2', 'iam', 'sts'];

/** Template per service type; a new type adds its template and its line here. */
const TYPE_TEMPLATES = {
  EBS: { template: 'ebs.tf.njk', file: 'ebs.tf', key: 'volumes' },
  EC2: { template: 'ec2.tf.njk', file: 'ec2.tf', key: 'instances' },
  NAT_GATEWAY: { template: 'nat_gateway.tf.njk', file: 'nat_gateway.tf', key: 'gateways' },
  SECURITY_GROUP: { template: 'security_group.tf.njk', file: 'security_group.tf', key: 'groups' },
} as const;

/**
 * Renders a deployment to Terraform: `main.tf` (provider, variables, common tags), `network.tf` (VPC,
 * subnets, internet gateway, route tables) and one file per resource type. Same deployment and options,
 * same bytes.
 */
export function renderTerraform(deployment: Deployment, options: RenderOptions = {}): RenderedTerraform {
  if (options.endpoint !== undefined) checkEndpoint(options.endpoint);
  const layout = layoutDeployment(deployment);
  const env = environment(options.templatesDir ?? templatesDir());
  const prefix = `${terraformName(deployment.name, 'deployment')}-`;
  const common = { network: layout.network, prefix, deployment: deployment.name };
  const files: Record<string, string> = {};
  files['main.tf'] = env.render('main.tf.njk', {
    ...common,
    source: deployment.file.replace(/\\/g, '/').split('/').pop(),
    region: deployment.region,
    endpoint: options.endpoint,
    endpointServices: ENDPOINT_SERVICES,
  });
  files['network.tf'] = env.render('network.tf.njk', common);
  const views = viewsOf(deployment, layout, prefix);
  for (const [type, spec] of Object.entries(TYPE_TEMPLATES)) {
    const items = views[type as keyof typeof TYPE_TEMPLATES];
    if (items.length === 0) continue;
    files[spec.file] = env.render(spec.template, { ...common, [spec.key]: items });
  }
  const sorted: Record<string, string> = {};
  for (const name of Object.keys(files).sort()) sorted[name] = tidy(files[name]);
  return { files: sorted, layout };
}

/** An HCL quoted string: JSON escapes plus the template sequences `${` and `%{` escaped. */
export function hclString(value: string): string {
  return JSON.stringify(value).replace(/[$%]\{/g, (m) => m[0] + m);
}

function checkEndpoint(endpoint: string): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new GrantwiseError(
      'terraform.endpoint',
      `The emulator endpoint '${endpoint}' is not a local http address.`,
      'Use http://127.0.0.1:PORT for a local emulator such as moto_server, or no endpoint for AWS itself.',
    );
  }
}

function environment(dir: string): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), {
    autoescape: false,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('q', (v: unknown) => hclString(String(v)));
  // terraform fmt aligns the `=` of neighbouring attributes; templates pad names whose length varies.
  env.addFilter('pad', (v: unknown, width: number) => String(v).padEnd(width));
  return env;
}

/** The templates folder: beside this file when run from source, `dist/terraform-templates` when bundled. */
export function templatesDir(): string {
  const candidates = [
    join(__dirname, 'templates'),
    join(__dirname, 'terraform-templates'),
    join(__dirname, '..', 'terraform-templates'),
  ];
  const found = candidates.find((d) => existsSync(join(d, 'main.tf.njk')));
  if (!found) {
    throw new GrantwiseError(
      'terraform.templates-missing',
      `The Terraform templates are missing (looked in ${candidates.join(', ')}).`,
      'Rebuild the extension: scripts/build-steps/30-terraform-templates.mjs copies them into dist/.',
    );
  }
  return found;
}

/** Collapses the blank lines loops leave behind, and ends with exactly one newline. */
function tidy(hcl: string): string {
  return hcl
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .replace(/\s*$/, '\n');
}

type Views = Record<keyof typeof TYPE_TEMPLATES, Record<string, unknown>[]>;

function viewsOf(deployment: Deployment, layout: Layout, prefix: string): Views {
  const subnets = new Set(layout.network.subnets.map((s) => s.name));
  const groups = new Set((layout.byType.get('SECURITY_GROUP') ?? []).map((r) => r.name));
  const firstZone =
    layout.network.subnets.find((s) => s.availabilityZone)?.availabilityZone ?? `${deployment.region}a`;
  const zoneOf = (subnet: string) =>
    layout.network.subnets.find((s) => s.name === subnet)?.availabilityZone ?? firstZone;
  const fallbackSubnet = defaultSubnet(deployment.network);
  const subnetOf = (r: Resource, field: string, value: unknown): string => {
    const wanted = typeof value === 'string' ? value : fallbackSubnet;
    const name = wanted === undefined ? undefined : terraformName(wanted, 'subnet');
    if (name === undefined || !subnets.has(name)) {
      throw refError(deployment, r, field, `subnet '${wanted ?? ''}'`, [...subnets]);
    }
    return name;
  };
  const tagName = (name: string, count: number) =>
    count > 1 ? `${hclString(prefix + name).slice(0, -1)}-\${count.index + 1}"` : hclString(prefix + name);

  const instances = (layout.byType.get('EC2') ?? []).map((r) => {
    const c = r.config;
    const count = Number(c.count ?? 1);
    if (count > 1 && typeof c.privateIp === 'string') {
      throw new GrantwiseError(
        'terraform.private-ip-count',
        `${at(r.source, deployment.file)}: EC2 '${r.label}' has count ${count} and one privateIp '${c.privateIp}'.`,
        'A fixed address fits one instance: set count to 1, or remove privateIp.',
      );
    }
    const securityGroups = Array.isArray(c.securityGroups) ? (c.securityGroups as string[]) : [];
    for (const g of securityGroups) {
      if (!groups.has(g))
        throw refError(deployment, r, 'securityGroups', `security group '${g}'`, [...groups]);
    }
    return {
      name: r.name,
      count,
      ami: String(c.ami),
      instanceType: String(c.instanceType),
      subnet: subnetOf(r, 'subnet', c.subnet),
      securityGroupRefs: [...securityGroups].sort().map((g) => `aws_security_group.${g}.id`),
      privateIp: c.privateIp,
      keyName: c.keyName,
      instanceProfile: c.instanceProfile,
      publicIp: c.publicIp === true,
      rootVolumeSize: Number(c.rootVolumeSize ?? 8),
      tagName: tagName(r.name, count),
    };
  });

  const volumes = (layout.byType.get('EBS') ?? []).map((r) => {
    const c = r.config;
    const attachTo = typeof c.attachTo === 'string' ? c.attachTo : undefined;
    if (attachTo !== undefined && !layout.instanceCount.has(attachTo)) {
      throw refError(deployment, r, 'attachTo', `EC2 resource '${attachTo}'`, [
        ...layout.instanceCount.keys(),
      ]);
    }
    const count = attachTo ? layout.instanceCount.get(attachTo)! : 1;
    // The zone of the instance's subnet is known before apply, so the volume is created alongside it.
    const instance = (layout.byType.get('EC2') ?? []).find((i) => i.name === attachTo);
    const availabilityZone = hclString(
      typeof c.availabilityZone === 'string'
        ? c.availabilityZone
        : instance
          ? zoneOf(subnetOf(instance, 'subnet', instance.config.subnet))
          : firstZone,
    );
    return {
      name: r.name,
      count,
      availabilityZone,
      sizeGb: Number(c.sizeGb),
      volumeType: String(c.volumeType),
      iops: c.iops,
      attachTo,
      device: typeof c.device === 'string' ? c.device : '/dev/sdf',
      tagName: tagName(r.name, count),
    };
  });

  const gateways = (layout.byType.get('NAT_GATEWAY') ?? []).map((r) => ({
    name: r.name,
    subnet: subnetOf(r, 'subnet', r.config.subnet ?? deployment.network.natGateway?.subnet),
    internetGateway: layout.network.internetGateway,
  }));

  const securityGroups = (layout.byType.get('SECURITY_GROUP') ?? []).map((r) => {
    const rules = (Array.isArray(r.config.rules) ? (r.config.rules as Record<string, unknown>[]) : []).map(
      (rule) => ({
        direction: rule.direction === 'egress' ? 'egress' : 'ingress',
        protocol: String(rule.protocol),
        fromPort: rule.protocol === '-1' ? 0 : Number(rule.fromPort),
        toPort: rule.protocol === '-1' ? 0 : Number(rule.toPort),
        cidr: String(rule.cidr),
        description: typeof rule.description === 'string' ? rule.description : '',
      }),
    );
    // Ingress before egress, then by port: the provider stores rules as a set, so order is for people.
    rules.sort(
      (a, b) =>
        cmp(a.direction === 'ingress' ? 0 : 1, b.direction === 'ingress' ? 0 : 1) ||
        cmp(a.fromPort, b.fromPort) ||
        cmp(a.toPort, b.toPort) ||
        cmp(a.protocol, b.protocol) ||
        cmp(a.cidr, b.cidr) ||
        cmp(a.description, b.description),
    );
    return {
      name: r.name,
      groupName: prefix + r.name,
      description:
        typeof r.config.description === 'string' && r.config.description
          ? r.config.description
          : `${r.label} (deployment ${deployment.name})`,
      rules,
    };
  });
  return { EBS: volumes, EC2: instances, NAT_GATEWAY: gateways, SECURITY_GROUP: securityGroups };
}

function cmp<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function refError(deployment: Deployment, r: Resource, field: string, what: string, known: string[]) {
  return new GrantwiseError(
    'terraform.unknown-reference',
    `${at(r.source, deployment.file)}: ${r.type} '${r.label}' field '${field}' names ${what}, which the deployment does not have.`,
    known.length > 0 ? `Use one of: ${[...known].sort().join(', ')}.` : `Add it to the deployment first.`,
  );
}
