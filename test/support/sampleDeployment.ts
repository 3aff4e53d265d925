import type { Deployment, Resource } from '../../src/core/deployment/model';

const FILE = '/work/examples/deployments/sample.jsonnet';

function resource(
  type: Resource['type'],
  name: string,
  config: Record<string, unknown>,
  dependsOn: string[] = [],
  line = 0,
): Resource {
  return {
    id: `${type.toLowerCase()}:${name}`,
    type,
    name,
    label: name.replace(/_/g, '-'),
    config,
    dependsOn,
    source: {
      file: FILE,
      range: { start: { line, character: 2 }, end: { line, character: 20 } },
      path: `/resources/${name}`,
    },
  };
}

/**
 * A deployment in the seed-001 shape (bastion with an instance profile and a public address, a NAT for the
 * private subnet, a database pair with one data volume each, two security groups), built by hand so the
 * renderer and the policy are tested without the jsonnet engine.
 */
export function sampleDeployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    file: FILE,
    kind: 'jsonnet',
    name: 'sample',
    region: 'us-east-1',
    accountId: '123456789012',
    network: {
      name: 'sample',
      vpcCidr: '10.5.0.0/16',
      subnets: [
        { name: 'public', cidr: '10.5.0.0/24', availabilityZone: 'us-east-1a', public: true },
        { name: 'private', cidr: '10.5.1.0/24', availabilityZone: 'us-east-1a', public: false },
      ],
      internetGateway: true,
      natGateway: { subnet: 'public' },
    },
    resources: [
      resource(
        'EBS',
        'db_data',
        { attachTo: 'db', device: '/dev/sdf', sizeGb: 10, volumeType: 'gp3' },
        [],
        40,
      ),
      resource(
        'EC2',
        'bastion',
        {
          ami: 'ami-1e749f67',
          count: 1,
          instanceProfile: 'RoleAccessSampleBucket',
          instanceType: 't3.micro',
          privateIp: '10.5.0.10',
          publicIp: true,
          rootVolumeSize: 8,
          securityGroups: ['bastion'],
          subnet: 'public',
        },
        ['security_group:bastion'],
        10,
      ),
      resource(
        'EC2',
        'db',
        {
          ami: 'ami-1e749f67',
          count: 2,
          instanceType: 't3.small',
          publicIp: false,
          rootVolumeSize: 8,
          securityGroups: ['internal'],
          subnet: 'private',
        },
        ['security_group:internal'],
        20,
      ),
      resource('NAT_GATEWAY', 'nat', { subnet: 'public' }, [], 30),
      resource(
        'SECURITY_GROUP',
        'bastion',
        {
          description: 'SSH from the office',
          rules: [
            { cidr: '0.0.0.0/0', direction: 'egress', fromPort: 0, protocol: '-1', toPort: 0 },
            {
              cidr: '203.0.113.0/24',
              description: 'office',
              direction: 'ingress',
              fromPort: 22,
              protocol: 'tcp',
              toPort: 22,
            },
          ],
        },
        [],
        50,
      ),
      resource(
        'SECURITY_GROUP',
        'internal',
        {
          rules: [
            { cidr: '10.5.0.0/16', direction: 'ingress', fromPort: 9042, protocol: 'tcp', toPort: 9042 },
            { cidr: '0.0.0.0/0', direction: 'egress', fromPort: 0, protocol: '-1', toPort: 0 },
          ],
        },
        [],
        60,
      ),
    ],
    problems: [],
    ...overrides,
  };
}
