import type { Finding } from '../finding';
import type { Range } from '../range';
import { SERVICE_TYPES, type ServiceType } from '../iam/serviceTypes';

export { SERVICE_TYPES, type ServiceType };

/**
 * The one model every deployment consumer takes (cost, HCL, operator policy, deploy, the Deployments
 * view), whichever file it came from: a `*.canvas.json` or a jsonnet deployment file.
 */

/** Where an element came from: the file, its range there, and its JSON Pointer in the source document
 * (canvas) or in the evaluated jsonnet value. */
export interface SourceRef {
  file: string;
  range: Range;
  path: string;
}

export interface Resource {
  /** Stable and unique in the deployment: the canvas node id, or `<kind>:<key>` for jsonnet (`instance:bastion`). */
  id: string;
  type: ServiceType;
  /** Terraform-safe (`[a-z][a-z0-9_]*`) and unique in the deployment; derived from the label or key. */
  name: string;
  /** The name as the user wrote it. */
  label: string;
  /**
   * Normalized config for the type (see canvasTypes.ts): every known field with its default filled in,
   * keys sorted; references to other resources (EC2 `securityGroups`, EBS `attachTo`) hold their `name`,
   * references to subnets hold a `Subnet.name`.
   */
  config: Record<string, unknown>;
  /** Ids of resources this one needs first (canvas edges source → target, volume → instance, instance → group). */
  dependsOn: string[];
  source: SourceRef;
}

export interface Subnet {
  name: string;
  cidr: string;
  availabilityZone?: string;
  public: boolean;
}

/** The base layer every deployment gets: VPC, subnets, internet gateway and route tables. */
export interface NetworkLayer {
  name: string;
  vpcCidr: string;
  subnets: Subnet[];
  internetGateway: boolean;
  /**
   * Private subnets route to the internet through the NAT gateway in this (public) subnet. The NAT gateway
   * itself is a Resource of type NAT_GATEWAY (so cost and policy see it); this only says how to route.
   */
  natGateway?: { subnet: string };
  source?: SourceRef;
}

export type DeploymentProblem = Finding & { file: string };

export interface Deployment {
  /** Absolute path of the deployment file. */
  file: string;
  kind: 'canvas' | 'jsonnet';
  name: string;
  /** Team role (canvas), from `.grantwise/roles.json`. */
  role?: string;
  region: string;
  accountId?: string;
  network: NetworkLayer;
  /** Sorted by type, then name. */
  resources: Resource[];
  problems: DeploymentProblem[];
  /** Jsonnet only: the run profile the file was evaluated with. */
  profile?: string;
}

export const DEFAULT_REGION = 'us-east-1';

export function isServiceType(value: unknown): value is ServiceType {
  return typeof value === 'string' && (SERVICE_TYPES as readonly string[]).includes(value);
}

export function compareResources(a: Resource, b: Resource): number {
  return cmp(a.type, b.type) || cmp(a.name, b.name) || cmp(a.id, b.id);
}

/** Code-unit order, the same on every machine and locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Problems in file, then position order, for stable output. */
export function compareProblems(a: DeploymentProblem, b: DeploymentProblem): number {
  return (
    cmp(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    cmp(a.check, b.check) ||
    cmp(a.message, b.message)
  );
}
