import * as assert from 'node:assert/strict';
import { mapCapideploy } from '../../../../src/core/deployment/capideploy';
import { JsonnetSources } from '../../../../src/core/deployment/jsonnetSources';
import { rangeOf } from './rangeOf';

// What a capideploy-style file evaluates to, and the source it came from (for ranges).
const SOURCE = `local dep = 'demo';
{
  deployment_name: dep,
  network: {
    name: dep + '_net',
    cidr: '10.9.0.0/16',
    private_subnet: { name: 'demo_private', cidr: '10.9.0.0/24', availability_zone: 'eu-west-1b' },
    public_subnet: { name: 'demo_public', cidr: '10.9.1.0/24', availability_zone: 'eu-west-1b', nat_gateway_name: 'demo_nat' },
    router: { name: dep + '_router' },
  },
  security_groups: {
    web: { name: 'demo_web', rules: [{ desc: 'HTTPS', protocol: 'tcp', remote_ip: '0.0.0.0/0', port: 443, direction: 'ingress' }] },
  },
  instances: {
    // web: a commented-out copy must not be taken for the source
    web: { inst_name: dep + '-web', flavor: 't3.small', image_id: 'ami-0abc1234def567890', ip_address: '10.9.1.10',
           security_group_name: 'demo_web', subnet_name: 'demo_public', external_ip_address_name: 'demo_web_ip',
           volumes: { data: { name: 'demo_data', size: 30, type: 'gp3', mount_point: '/data' } } },
    ['app%02d' % 1]: { flavor: 'm5.large', image_id: 'ami-0abc1234def567890', ip_address: '10.9.0.11',
           security_group_name: 'demo_nope', subnet_name: 'demo_privat', associated_instance_profile: 'AppBucket',
           service: { env: { DB_PASSWORD: 'not-in-the-model' } } },
  },
}
`;

const VALUE = {
  deployment_name: 'demo',
  network: {
    name: 'demo_net',
    cidr: '10.9.0.0/16',
    private_subnet: { name: 'demo_private', cidr: '10.9.0.0/24', availability_zone: 'eu-west-1b' },
    public_subnet: {
      name: 'demo_public',
      cidr: '10.9.1.0/24',
      availability_zone: 'eu-west-1b',
      nat_gateway_name: 'demo_nat',
    },
    router: { name: 'demo_router' },
  },
  security_groups: {
    web: {
      name: 'demo_web',
      rules: [{ desc: 'HTTPS', protocol: 'tcp', remote_ip: '0.0.0.0/0', port: 443, direction: 'ingress' }],
    },
  },
  instances: {
    web: {
      inst_name: 'demo-web',
      flavor: 't3.small',
      image_id: 'ami-0abc1234def567890',
      ip_address: '10.9.1.10',
      security_group_name: 'demo_web',
      subnet_name: 'demo_public',
      external_ip_address_name: 'demo_web_ip',
      volumes: { data: { name: 'demo_data', size: 30, type: 'gp3', mount_point: '/data' } },
    },
    app01: {
      flavor: 'm5.large',
      image_id: 'ami-0abc1234def567890',
      ip_address: '10.9.0.11',
      security_group_name: 'demo_nope',
      subnet_name: 'demo_privat',
      associated_instance_profile: 'AppBucket',
      service: { env: { DB_PASSWORD: 'not-in-the-model' } },
    },
  },
};

const FILE = '/ws/demo.jsonnet';

describe('capideploy layout → Deployment', () => {
  const mapped = mapCapideploy(VALUE, new JsonnetSources(FILE, [{ file: FILE, text: SOURCE }]), 'fallback');

  it('maps the network: VPC, private and public subnets, router and NAT', () => {
    assert.equal(mapped.name, 'demo');
    assert.equal(mapped.region, 'eu-west-1', 'from the subnets availability zone');
    assert.deepEqual(
      { ...mapped.network, source: undefined },
      {
        name: 'demo_net',
        vpcCidr: '10.9.0.0/16',
        subnets: [
          { name: 'demo_private', cidr: '10.9.0.0/24', public: false, availabilityZone: 'eu-west-1b' },
          { name: 'demo_public', cidr: '10.9.1.0/24', public: true, availabilityZone: 'eu-west-1b' },
        ],
        internetGateway: true,
        natGateway: { subnet: 'demo_public' },
        source: undefined,
      },
    );
    assert.deepEqual(mapped.network.source?.range, rangeOf(SOURCE, 'network'));
  });

  it('maps groups with rules, instances with flavor, image, IP, subnet, group and profile, and volumes', () => {
    const byId = Object.fromEntries(mapped.resources.map((r) => [r.id, r]));
    assert.deepEqual(Object.keys(byId).sort(), [
      'instance:app01',
      'instance:web',
      'nat_gateway:demo_nat',
      'security_group:web',
      'volume:web:data',
    ]);
    assert.deepEqual(byId['security_group:web'].config, {
      rules: [
        {
          cidr: '0.0.0.0/0',
          description: 'HTTPS',
          direction: 'ingress',
          fromPort: 443,
          protocol: 'tcp',
          toPort: 443,
        },
      ],
    });
    assert.deepEqual(byId['instance:web'].config, {
      ami: 'ami-0abc1234def567890',
      count: 1,
      instanceType: 't3.small',
      privateIp: '10.9.1.10',
      publicIp: true,
      rootVolumeSize: 8,
      securityGroups: ['demo_web'],
      subnet: 'demo_public',
    });
    assert.equal(byId['instance:web'].name, 'demo_web_2', 'unique beside the group named demo_web');
    assert.deepEqual(byId['instance:web'].dependsOn, ['security_group:web']);
    assert.deepEqual(byId['volume:web:data'].config, {
      attachTo: 'demo_web_2',
      availabilityZone: 'eu-west-1b',
      device: '/dev/sdf',
      mountPoint: '/data',
      sizeGb: 30,
      volumeType: 'gp3',
    });
    assert.deepEqual(byId['instance:app01'].config, {
      ami: 'ami-0abc1234def567890',
      count: 1,
      instanceProfile: 'AppBucket',
      instanceType: 'm5.large',
      privateIp: '10.9.0.11',
      publicIp: false,
      rootVolumeSize: 8,
      securityGroups: [],
    });
    assert.ok(!JSON.stringify(mapped).includes('not-in-the-model'), 'service env never enters the model');
  });

  it('locates each resource at its name literal or its field, skipping comments', () => {
    const at = (id: string) => mapped.resources.find((r) => r.id === id)!.source.range;
    assert.deepEqual(at('security_group:web'), rangeOf(SOURCE, "'demo_web'"));
    assert.deepEqual(at('instance:web'), rangeOf(SOURCE, 'web', 3), 'the instances field, not the comment');
    assert.deepEqual(
      at('instance:app01'),
      rangeOf(SOURCE, "'app%02d'"),
      'the format string that generates the key',
    );
    assert.deepEqual(at('volume:web:data'), rangeOf(SOURCE, "'demo_data'"));
    assert.deepEqual(at('nat_gateway:demo_nat'), rangeOf(SOURCE, "'demo_nat'"));
  });

  it('reports unknown subnets and security groups at the instance', () => {
    const app = rangeOf(SOURCE, "'app%02d'");
    assert.deepEqual(
      mapped.problems.map((p) => [p.check, p.path, p.range]),
      [
        ['capideploy-unknown-subnet', '/instances/app01/subnet_name', app],
        ['capideploy-unknown-security-group', '/instances/app01/security_group_name', app],
      ],
    );
    assert.match(
      mapped.problems[0].message,
      /subnet_name 'demo_privat' is neither network.private_subnet.name nor network.public_subnet.name \(demo_private, demo_public\)/,
    );
  });
});
