// A data pipeline in the capideploy layout: a bastion in the public subnet, and a message broker, a
// database cluster and workers in the private subnet, which reaches out through a NAT gateway.
// Every input comes from the active run profile's env file (deployments/env/*.rc).
local dep_name = std.extVar('GRANTWISE_DEPLOYMENT_NAME');
local zone = std.extVar('GRANTWISE_AVAILABILITY_ZONE');
local size = std.extVar('GRANTWISE_SIZE');
local db_nodes = std.parseInt(std.extVar('GRANTWISE_DB_NODES'));
local worker_count = std.parseInt(std.extVar('GRANTWISE_WORKERS'));
local db_volume_gb = std.parseInt(std.extVar('GRANTWISE_DB_VOLUME_GB'));
local image_id = std.extVar('GRANTWISE_IMAGE_ID');
local keypair = std.extVar('GRANTWISE_SSH_KEYPAIR');
local admin_cidr = std.extVar('GRANTWISE_ADMIN_CIDR');
local bucket_profile = std.extVar('GRANTWISE_INSTANCE_PROFILE');

// Instance types per role of a machine, by deployment size.
local flavor_table = {
  small: { bastion: 't3.micro', broker: 't3.small', db: 'm5.large', worker: 't3.medium' },
  large: { bastion: 't3.small', broker: 'm5.large', db: 'r5.xlarge', worker: 'c5.xlarge' },
};
assert std.objectHas(flavor_table, size) : 'GRANTWISE_SIZE must be small or large, not ' + size;
local flavors = flavor_table[size];

// Addresses: fixed IPs so the cluster members can find each other without DNS.
local vpc_cidr = '10.20.0.0/16';
local private_cidr = '10.20.0.0/24';
local public_cidr = '10.20.1.0/24';
local bastion_ip = '10.20.1.10';
local broker_ip = '10.20.0.5';
local db_ips = ['10.20.0.%d' % (20 + i) for i in std.range(1, db_nodes)];
local worker_ips = ['10.20.0.%d' % (100 + i) for i in std.range(1, worker_count)];

local ingress(desc, port, cidr, protocol='tcp') = {
  desc: desc,
  protocol: protocol,
  ethertype: 'IPv4',
  remote_ip: cidr,
  port: port,
  direction: 'ingress',
};
local all_outbound = { desc: 'All outbound', protocol: 'all', ethertype: 'IPv4', remote_ip: '0.0.0.0/0', port: 0, direction: 'egress' };

// One machine; `volumes` and `profile` are optional.
local machine(nickname, ip, flavor, group, subnet, volumes={}, profile='') = {
  inst_name: dep_name + '-' + nickname,
  root_key_name: keypair,
  ip_address: ip,
  flavor: flavor,
  image_id: image_id,
  security_group_name: group,
  subnet_name: subnet,
  [if profile != '' then 'associated_instance_profile']: profile,
  volumes: volumes,
  service: {
    env: {
      BROKER_URL: 'amqp://' + broker_ip + ':5672/',
      DB_HOSTS: std.join(',', db_ips),
    },
  },
};

{
  deployment_name: dep_name,
  region: std.extVar('GRANTWISE_REGION'),

  network: {
    name: dep_name + '_network',
    cidr: vpc_cidr,
    private_subnet: {
      name: dep_name + '_private_subnet',
      cidr: private_cidr,
      availability_zone: zone,
    },
    public_subnet: {
      name: dep_name + '_public_subnet',
      cidr: public_cidr,
      availability_zone: zone,
      nat_gateway_name: dep_name + '_natgw',
    },
    router: { name: dep_name + '_router' },
  },

  security_groups: {
    bastion: {
      name: dep_name + '_bastion_sg',
      rules: [
        ingress('SSH from the admin network', 22, admin_cidr),
        ingress('Pipeline UI', 443, admin_cidr),
        ingress('Log shipping from the VPC', 514, vpc_cidr, 'udp'),
        all_outbound,
      ],
    },
    internal: {
      name: dep_name + '_internal_sg',
      rules: [
        ingress('SSH through the bastion', 22, vpc_cidr),
        ingress('Broker AMQP', 5672, vpc_cidr),
        ingress('Database client protocol', 9042, vpc_cidr),
        ingress('Database node gossip', 7000, vpc_cidr),
        ingress('Node metrics', 9100, vpc_cidr),
        all_outbound,
      ],
    },
  },

  local private_subnet = $.network.private_subnet.name,
  local internal = $.security_groups.internal.name,

  local bastion = {
    bastion: machine('bastion', bastion_ip, flavors.bastion, $.security_groups.bastion.name, $.network.public_subnet.name, volumes={
      logs: { name: dep_name + '_logs', availability_zone: zone, mount_point: '/var/log/pipeline', size: 10, type: 'gp3' },
    }) + { external_ip_address_name: dep_name + '_bastion_ip' },
  },
  local broker = {
    broker: machine('broker', broker_ip, flavors.broker, internal, private_subnet),
  },
  local db_cluster = {
    ['db%02d' % (i + 1)]: machine('db%02d' % (i + 1), db_ips[i], flavors.db, internal, private_subnet, volumes={
      data: { name: dep_name + '_db%02d_data' % (i + 1), availability_zone: zone, mount_point: '/data', size: db_volume_gb, type: 'gp3' },
    })
    for i in std.range(0, db_nodes - 1)
  },
  local workers = {
    ['worker%02d' % (i + 1)]: machine('worker%02d' % (i + 1), worker_ips[i], flavors.worker, internal, private_subnet, profile=bucket_profile)
    for i in std.range(0, worker_count - 1)
  },

  instances: bastion + broker + db_cluster + workers,
}
