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

describe('capideploy layout: values of the wrong type', () => {
  /** The range of the field name that starts `needle`. */
  const keyRange = (text: string, needle: string) => {
    const { start } = rangeOf(text, needle);
    return { start, end: { line: start.line, character: start.character + needle.indexOf(':') } };
  };
  const map = (source: string, value: Record<string, unknown>) =>
    mapCapideploy(value, new JsonnetSources(FILE, [{ file: FILE, text: source }]), 'fallback');

  it('reports each entry that is not an object at its key, in key order, and maps the rest', () => {
    const source = `{
  network: { cidr: '10.0.0.0/16', private_subnet: 'oops', public_subnet: { name: 'pub', cidr: '10.0.1.0/24' } },
  security_groups: { b: 'x', a: { name: 'grp', rules: 'all' } },
  instances: {
    n: 3,
    vm: { flavor: 't3.small', image_id: 'ami-0abc1234def567890', subnet_name: 'pub', volumes: { d: 1 } },
  },
}
`;
    const mapped = map(source, {
      network: {
        cidr: '10.0.0.0/16',
        private_subnet: 'oops',
        public_subnet: { name: 'pub', cidr: '10.0.1.0/24' },
      },
      security_groups: { b: 'x', a: { name: 'grp', rules: 'all' } },
      instances: {
        n: 3,
        vm: { flavor: 't3.small', image_id: 'ami-0abc1234def567890', subnet_name: 'pub', volumes: { d: 1 } },
      },
    });
    assert.deepEqual(
      mapped.problems.map((p) => [p.severity, p.check, p.path, p.file, p.range, p.message]),
      [
        [
          'error',
          'capideploy-wrong-type',
          '/network/private_subnet',
          FILE,
          rangeOf(source, 'network'),
          'network.private_subnet must be an object with name, cidr and availability_zone.',
        ],
        [
          'error',
          'capideploy-wrong-type',
          '/security_groups/a/rules',
          FILE,
          keyRange(source, 'a: { name'),
          "Security group 'a': rules must be a list.",
        ],
        [
          'error',
          'capideploy-wrong-type',
          '/security_groups/b',
          FILE,
          rangeOf(source, 'security_groups'),
          "Security group 'b' must be an object with name and rules.",
        ],
        [
          'error',
          'capideploy-wrong-type',
          '/instances/n',
          FILE,
          rangeOf(source, 'instances'),
          "Instance 'n' must be an object with flavor, image_id, subnet_name and security_group_name.",
        ],
        [
          'error',
          'capideploy-wrong-type',
          '/instances/vm/volumes/d',
          FILE,
          // `d: 1` has no volume body, so the `volumes` field is the nearest place.
          rangeOf(source, 'volumes'),
          "Volume 'd' of instance 'vm' must be an object with name, size and type.",
        ],
      ],
    );
    assert.deepEqual(
      mapped.resources.map((r) => [r.id, r.type, r.name, r.dependsOn]),
      [
        ['security_group:a', 'SECURITY_GROUP', 'grp', []],
        ['instance:vm', 'EC2', 'vm', []],
      ],
    );
  });

  it('reports maps that are not objects and maps nothing from them', () => {
    const source = `{
  network: { cidr: '10.0.0.0/16', public_subnet: { name: 'pub', cidr: '10.0.1.0/24' } },
  security_groups: [],
  instances: 'none',
}
`;
    const mapped = map(source, {
      network: { cidr: '10.0.0.0/16', public_subnet: { name: 'pub', cidr: '10.0.1.0/24' } },
      security_groups: [],
      instances: 'none',
    });
    assert.deepEqual(
      mapped.problems.map((p) => [p.check, p.path, p.range, p.message]),
      [
        [
          'capideploy-wrong-type',
          '/security_groups',
          rangeOf(source, 'security_groups'),
          'security_groups must be an object of groups keyed by a short name.',
        ],
        [
          'capideploy-wrong-type',
          '/instances',
          rangeOf(source, 'instances'),
          'instances must be an object of instances keyed by a short name.',
        ],
      ],
    );
    assert.deepEqual(mapped.resources, []);
  });

  it("reports volumes that are not an object at the instance's name", () => {
    const source = `{
  network: { cidr: '10.0.0.0/16', public_subnet: { name: 'pub', cidr: '10.0.1.0/24' } },
  instances: { vm: { inst_name: 'box', flavor: 't3.small', image_id: 'ami-0abc1234def567890', subnet_name: 'pub', volumes: ['d'] } },
}
`;
    const mapped = map(source, {
      network: { cidr: '10.0.0.0/16', public_subnet: { name: 'pub', cidr: '10.0.1.0/24' } },
      instances: {
        vm: {
          inst_name: 'box',
          flavor: 't3.small',
          image_id: 'ami-0abc1234def567890',
          subnet_name: 'pub',
          volumes: ['d'],
        },
      },
    });
    assert.deepEqual(
      mapped.problems.map((p) => [p.check, p.path, p.range, p.message]),
      [
        [
          'capideploy-wrong-type',
          '/instances/vm/volumes',
          rangeOf(source, "'box'"),
          "Instance 'vm': volumes must be an object of volumes keyed by a short name.",
        ],
      ],
    );
    assert.deepEqual(
      mapped.resources.map((r) => r.id),
      ['instance:vm'],
    );
  });
});
