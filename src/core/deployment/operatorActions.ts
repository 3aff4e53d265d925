import type { TerraformResource, TerraformType } from '../terraform/layout';
import type { Resource } from './model';

/**
 * The IAM actions the Terraform AWS provider (5.x) calls for each resource type the templates write, by
 * phase. Recorded from the provider's own request log (TF_LOG=DEBUG, `rpc.method` per `tf_resource_type`)
 * on apply, destroy and in-place changes, and proven action by action in
 * test/integration/terraform/operatorPolicy.test.ts. `update` holds what an in-place change of a rendered
 * field calls (a new instance type, a bigger volume, other rules, a moved NAT gateway...).
 */
export type Phase = 'create' | 'read' | 'delete' | 'update';
export const PHASES: readonly Phase[] = ['create', 'read', 'delete', 'update'];

export type PhaseActions = Partial<Record<Phase, readonly string[]>>;

const TABLE: Record<TerraformType, PhaseActions> = {
  aws_vpc: {
    create: ['ec2:CreateVpc'],
    // The provider also reads the default network ACL, main route table and default security group, but
    // only warns when refused: the `default_*` ids stay empty, and no template uses them.
    read: ['ec2:DescribeVpcAttribute', 'ec2:DescribeVpcs'],
    delete: ['ec2:DeleteVpc'],
  },
  aws_subnet: {
    // map_public_ip_on_launch is a ModifySubnetAttribute call after CreateSubnet, for public subnets only.
    create: ['ec2:CreateSubnet'],
    read: ['ec2:DescribeSubnets'],
    update: ['ec2:ModifySubnetAttribute'],
    // Waits until no network interface is left in the subnet.
    delete: ['ec2:DeleteSubnet', 'ec2:DescribeNetworkInterfaces'],
  },
  aws_internet_gateway: {
    create: ['ec2:AttachInternetGateway', 'ec2:CreateInternetGateway'],
    read: ['ec2:DescribeInternetGateways'],
    delete: ['ec2:DeleteInternetGateway', 'ec2:DetachInternetGateway'],
  },
  aws_route_table: {
    create: ['ec2:CreateRouteTable'],
    read: ['ec2:DescribeRouteTables'],
    delete: ['ec2:DeleteRouteTable'],
  },
  aws_route: {
    create: ['ec2:CreateRoute'],
    read: ['ec2:DescribeRouteTables'],
    update: ['ec2:ReplaceRoute'],
    delete: ['ec2:DeleteRoute'],
  },
  aws_route_table_association: {
    create: ['ec2:AssociateRouteTable'],
    read: ['ec2:DescribeRouteTables'],
    update: ['ec2:ReplaceRouteTableAssociation'],
    delete: ['ec2:DisassociateRouteTable'],
  },
  aws_eip: {
    create: ['ec2:AllocateAddress'],
    read: ['ec2:DescribeAddresses', 'ec2:DescribeAddressesAttribute'],
    // An address that is associated (to an instance or by its NAT gateway) is disassociated first.
    delete: ['ec2:DisassociateAddress', 'ec2:ReleaseAddress'],
  },
  aws_nat_gateway: {
    create: ['ec2:CreateNatGateway'],
    read: ['ec2:DescribeNatGateways'],
    delete: ['ec2:DeleteNatGateway'],
  },
  aws_security_group: {
    // Terraform removes the allow-all egress rule AWS adds, then authorizes the rendered rules.
    create: ['ec2:CreateSecurityGroup', 'ec2:RevokeSecurityGroupEgress'],
    read: ['ec2:DescribeSecurityGroups'],
    update: ['ec2:RevokeSecurityGroupEgress', 'ec2:RevokeSecurityGroupIngress'],
    delete: ['ec2:DeleteSecurityGroup', 'ec2:DescribeNetworkInterfaces'],
  },
  aws_instance: {
    // DescribeImages finds the root device of the AMI for root_block_device; CreateTags tags that volume.
    create: ['ec2:DescribeImages', 'ec2:RunInstances'],
    read: [
      'ec2:DescribeInstanceAttribute',
      'ec2:DescribeInstanceCreditSpecifications',
      'ec2:DescribeInstanceTypes',
      'ec2:DescribeInstances',
      'ec2:DescribeTags',
      'ec2:DescribeVolumes',
      'ec2:DescribeVpcs',
    ],
    // A new instance type needs the instance stopped; a bigger root volume is a volume modification,
    // which the provider waits out; other security groups are set on the primary network interface.
    update: [
      'ec2:DescribeVolumesModifications',
      'ec2:ModifyInstanceAttribute',
      'ec2:ModifyNetworkInterfaceAttribute',
      'ec2:ModifyVolume',
      'ec2:StartInstances',
      'ec2:StopInstances',
    ],
    // The provider first tries to switch termination protection off (ModifyInstanceAttribute) and goes on
    // when refused; the templates never switch it on.
    delete: ['ec2:TerminateInstances'],
  },
  aws_ebs_volume: {
    create: ['ec2:CreateVolume'],
    read: ['ec2:DescribeVolumes'],
    // Unlike a root volume, the provider waits on the volume's own state (DescribeVolumes).
    update: ['ec2:ModifyVolume'],
    delete: ['ec2:DeleteVolume'],
  },
  aws_volume_attachment: {
    create: ['ec2:AttachVolume'],
    read: ['ec2:DescribeInstances', 'ec2:DescribeVolumes'],
    delete: ['ec2:DetachVolume'],
  },
};

/**
 * Tagging: tags ride on the create call (AWS authorizes them as ec2:CreateTags), and a changed value is a
 * CreateTags overwrite. The rendered tags always have the same keys, so the provider never calls
 * DeleteTags, and the policy does not grant it.
 */
export const TAG_ACTIONS = { create: 'ec2:CreateTags' } as const;

/** Types without tags of their own. */
const UNTAGGED: ReadonlySet<TerraformType> = new Set([
  'aws_route',
  'aws_route_table_association',
  'aws_volume_attachment',
]);

export interface ActionNeed {
  action: string;
  phase: Phase;
  resource: TerraformResource;
}

/**
 * What one rendered resource needs, with the parts that depend on its config: security-group rule
 * directions, an instance's address association, its instance profile's role.
 */
export function actionsFor(
  resource: TerraformResource,
  config: Resource['config'] | undefined,
): ActionNeed[] {
  const needs: ActionNeed[] = [];
  const add = (phase: Phase, action: string) => needs.push({ action, phase, resource });
  for (const phase of PHASES) for (const action of TABLE[resource.type][phase] ?? []) add(phase, action);
  if (!UNTAGGED.has(resource.type)) {
    add('create', TAG_ACTIONS.create);
    add('update', TAG_ACTIONS.create);
  }
  if (resource.type === 'aws_security_group') {
    const rules = Array.isArray(config?.rules) ? (config.rules as Array<{ direction?: string }>) : [];
    if (rules.some((r) => r.direction === 'ingress')) add('create', 'ec2:AuthorizeSecurityGroupIngress');
    if (rules.some((r) => r.direction === 'egress')) add('create', 'ec2:AuthorizeSecurityGroupEgress');
    // A rule added later is an authorize call in either direction.
    add('update', 'ec2:AuthorizeSecurityGroupEgress');
    add('update', 'ec2:AuthorizeSecurityGroupIngress');
  }
  if (resource.mapsPublicIp) add('create', 'ec2:ModifySubnetAttribute');
  if (resource.type === 'aws_eip' && resource.origin.id !== 'network' && config?.publicIp === true) {
    add('create', 'ec2:AssociateAddress');
  }
  return needs;
}

/** Role an instance profile wraps: the one named in `roles`, else the profile's own name (the console
 * creates a role and its instance profile under one name). */
export function roleOfInstanceProfile(profile: string, roles: Readonly<Record<string, string>> = {}): string {
  return roles[profile] ?? profile;
}
