import { cmp, type NetworkLayer, type Resource } from './model';
import { terraformName } from './names';

/**
 * The base network a deployment gets when its file does not describe one (canvases, plain resource lists):
 * one VPC, a public and a private subnet in each of two zones (load balancers, RDS and ElastiCache subnet
 * groups need two), and an internet gateway.
 */
export function defaultNetwork(deploymentName: string, region: string): NetworkLayer {
  return {
    name: terraformName(deploymentName, 'deployment'),
    vpcCidr: '10.0.0.0/16',
    subnets: [
      { name: 'public_a', cidr: '10.0.1.0/24', availabilityZone: `${region}a`, public: true },
      { name: 'public_b', cidr: '10.0.2.0/24', availabilityZone: `${region}b`, public: true },
      { name: 'private_a', cidr: '10.0.11.0/24', availabilityZone: `${region}a`, public: false },
      { name: 'private_b', cidr: '10.0.12.0/24', availabilityZone: `${region}b`, public: false },
    ],
    internetGateway: true,
  };
}

/** Subnet a resource with no `subnet` goes to: the first public one (private ones need a NAT to reach out). */
export function defaultSubnet(network: NetworkLayer): string | undefined {
  return (network.subnets.find((s) => s.public) ?? network.subnets[0])?.name;
}

/** EC2 and NAT gateways without a subnet get the default one; the first NAT routes the private subnets. */
export function fillSubnets(resources: Resource[], network: NetworkLayer): void {
  const fallback = defaultSubnet(network);
  for (const r of resources) {
    if ((r.type === 'EC2' || r.type === 'NAT_GATEWAY') && r.config.subnet === undefined && fallback) {
      r.config = Object.fromEntries(
        Object.entries({ ...r.config, subnet: fallback }).sort(([a], [b]) => cmp(a, b)),
      );
    }
  }
  const nat = resources.find((r) => r.type === 'NAT_GATEWAY');
  if (nat && !network.natGateway) network.natGateway = { subnet: nat.config.subnet as string };
}
