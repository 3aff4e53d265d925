import type { ServiceType } from './model';

/**
 * The typed `config` of each of the 19 resource types: the one source of truth for canvas diagnostics,
 * config normalization (defaults), the jsonnet `{ resources: [...] }` mapping and
 * `schemas/canvas.schema.json` (generated from this table by `scripts/generate-schemas.ts`).
 */
export type FieldKind = 'string' | 'integer' | 'number' | 'boolean' | 'string[]' | 'object[]';

export interface FieldSpec {
  kind: FieldKind;
  description: string;
  default?: string | number | boolean | readonly never[];
  required?: boolean;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  /** Regular expression the whole string must match, with an example for the message. */
  pattern?: { source: string; example: string };
  /** The value names another element of the deployment: a resource of that type or a subnet. */
  ref?: 'SECURITY_GROUP' | 'EC2' | 'subnet';
  /** Fields of each item of an `object[]`. */
  items?: Readonly<Record<string, FieldSpec>>;
}

export interface TypeSpec {
  title: string;
  fields: Readonly<Record<string, FieldSpec>>;
}

const PORT = { minimum: 0, maximum: 65535 } as const;
const AMI = { source: '^ami-[0-9a-f]{8,17}$', example: 'ami-0abc1234def567890' } as const;
const CIDR = { source: '^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$', example: '10.0.0.0/16' } as const;
const IPV4 = { source: '^(\\d{1,3}\\.){3}\\d{1,3}$', example: '10.0.1.10' } as const;
const MONTHLY_REQUESTS: FieldSpec = {
  kind: 'integer',
  description: 'Expected requests per month, for the cost estimate.',
  default: 1_000_000,
  minimum: 0,
};

const RULE_FIELDS: Record<string, FieldSpec> = {
  direction: {
    kind: 'string',
    description: 'Traffic direction.',
    enum: ['ingress', 'egress'],
    required: true,
  },
  protocol: {
    kind: 'string',
    description: "IP protocol; '-1' means all.",
    enum: ['tcp', 'udp', 'icmp', '-1'],
    required: true,
  },
  fromPort: { kind: 'integer', description: 'First port of the range.', required: true, ...PORT },
  toPort: { kind: 'integer', description: 'Last port of the range.', required: true, ...PORT },
  cidr: { kind: 'string', description: 'Peer address range.', required: true, pattern: CIDR },
  description: { kind: 'string', description: 'What the rule is for.' },
};

const DNS_RECORD_FIELDS: Record<string, FieldSpec> = {
  name: { kind: 'string', description: 'Record name, relative or fully qualified.', required: true },
  type: {
    kind: 'string',
    description: 'Record type.',
    enum: ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV', 'CAA'],
    required: true,
  },
  ttl: { kind: 'integer', description: 'Time to live in seconds.', default: 300, minimum: 0 },
  values: { kind: 'string[]', description: 'Record values.', required: true },
};

export const CANVAS_TYPES: Readonly<Record<ServiceType, TypeSpec>> = {
  ALB: {
    title: 'Application load balancer',
    fields: {
      internal: { kind: 'boolean', description: 'Reachable only inside the VPC.', default: false },
      protocol: {
        kind: 'string',
        description: 'Listener protocol.',
        enum: ['HTTP', 'HTTPS'],
        default: 'HTTP',
      },
      listenerPort: { kind: 'integer', description: 'Port the listener accepts.', default: 80, ...PORT },
      targetPort: { kind: 'integer', description: 'Port of the targets.', default: 80, ...PORT },
      healthCheckPath: { kind: 'string', description: 'HTTP path of the target health check.', default: '/' },
      certificateArn: { kind: 'string', description: 'ACM certificate for an HTTPS listener.' },
    },
  },
  ASG: {
    title: 'Auto Scaling group',
    fields: {
      instanceType: {
        kind: 'string',
        description: 'EC2 instance type of the launch template.',
        default: 't3.micro',
      },
      ami: { kind: 'string', description: 'Image id of the launch template.', required: true, pattern: AMI },
      minSize: { kind: 'integer', description: 'Fewest instances.', default: 1, minimum: 0 },
      maxSize: { kind: 'integer', description: 'Most instances.', default: 2, minimum: 0 },
      desiredCapacity: { kind: 'integer', description: 'Instances to start with.', default: 1, minimum: 0 },
    },
  },
  CLOUDFRONT: {
    title: 'CloudFront distribution',
    fields: {
      originDomain: { kind: 'string', description: 'Domain name of the origin (bucket or load balancer).' },
      priceClass: {
        kind: 'string',
        description: 'Edge locations used.',
        enum: ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'],
        default: 'PriceClass_100',
      },
      defaultTtlSec: {
        kind: 'integer',
        description: 'Default cache time in seconds.',
        default: 3600,
        minimum: 0,
      },
      monthlyDataTransferGb: {
        kind: 'number',
        description: 'Expected data out per month in GB, for the cost estimate.',
        default: 100,
        minimum: 0,
      },
      monthlyRequests: MONTHLY_REQUESTS,
    },
  },
  DYNAMODB: {
    title: 'DynamoDB table',
    fields: {
      hashKey: { kind: 'string', description: 'Partition key attribute.', default: 'id' },
      hashKeyType: {
        kind: 'string',
        description: 'Partition key type.',
        enum: ['S', 'N', 'B'],
        default: 'S',
      },
      rangeKey: { kind: 'string', description: 'Sort key attribute.' },
      billingMode: {
        kind: 'string',
        description: 'Capacity mode.',
        enum: ['PAY_PER_REQUEST', 'PROVISIONED'],
        default: 'PAY_PER_REQUEST',
      },
      readCapacity: {
        kind: 'integer',
        description: 'Read capacity units (PROVISIONED).',
        default: 5,
        minimum: 1,
      },
      writeCapacity: {
        kind: 'integer',
        description: 'Write capacity units (PROVISIONED).',
        default: 5,
        minimum: 1,
      },
      storageGb: {
        kind: 'number',
        description: 'Expected table size in GB, for the cost estimate.',
        default: 1,
      },
    },
  },
  EBS: {
    title: 'EBS volume',
    fields: {
      sizeGb: { kind: 'integer', description: 'Size in GiB.', default: 20, minimum: 1, maximum: 65536 },
      volumeType: {
        kind: 'string',
        description: 'Volume type.',
        enum: ['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1', 'standard'],
        default: 'gp3',
      },
      iops: { kind: 'integer', description: 'Provisioned IOPS (gp3, io1, io2).', minimum: 100 },
      availabilityZone: {
        kind: 'string',
        description: 'Zone of the volume; defaults to the first subnet zone.',
      },
      attachTo: { kind: 'string', description: 'Name of the EC2 resource it attaches to.', ref: 'EC2' },
      device: { kind: 'string', description: 'Device name of the attachment, like /dev/sdf.' },
      mountPoint: { kind: 'string', description: 'Where the instance mounts it.' },
    },
  },
  EC2: {
    title: 'EC2 instances',
    fields: {
      instanceType: { kind: 'string', description: 'Instance type (flavor).', default: 't3.micro' },
      count: {
        kind: 'integer',
        description: 'Number of identical instances.',
        default: 1,
        minimum: 1,
        maximum: 100,
      },
      ami: { kind: 'string', description: 'Image id.', required: true, pattern: AMI },
      privateIp: { kind: 'string', description: 'Fixed private address (count 1 only).', pattern: IPV4 },
      subnet: { kind: 'string', description: 'Name of the subnet it runs in.', ref: 'subnet' },
      securityGroups: {
        kind: 'string[]',
        description: 'Names of SECURITY_GROUP resources.',
        default: [],
        ref: 'SECURITY_GROUP',
      },
      instanceProfile: { kind: 'string', description: 'Instance profile that gives it an IAM role.' },
      keyName: { kind: 'string', description: 'EC2 key pair for SSH.' },
      publicIp: { kind: 'boolean', description: 'Give it a public (elastic) address.', default: false },
      rootVolumeSize: { kind: 'integer', description: 'Root volume size in GiB.', default: 8, minimum: 1 },
    },
  },
  ECS: {
    title: 'ECS service',
    fields: {
      launchType: {
        kind: 'string',
        description: 'Where tasks run.',
        enum: ['FARGATE', 'EC2'],
        default: 'FARGATE',
      },
      image: { kind: 'string', description: 'Container image.', required: true },
      cpu: {
        kind: 'integer',
        description: 'Task CPU units (1024 = 1 vCPU).',
        default: 256,
        minimum: 256,
        maximum: 16384,
      },
      memoryMb: {
        kind: 'integer',
        description: 'Task memory in MiB.',
        default: 512,
        minimum: 512,
        maximum: 122880,
      },
      desiredCount: { kind: 'integer', description: 'Tasks to keep running.', default: 1, minimum: 0 },
      containerPort: { kind: 'integer', description: 'Port the container listens on.', default: 80, ...PORT },
    },
  },
  EKS: {
    title: 'EKS cluster',
    fields: {
      version: { kind: 'string', description: 'Kubernetes version.', default: '1.31' },
      nodeInstanceType: {
        kind: 'string',
        description: 'Instance type of the managed node group.',
        default: 't3.medium',
      },
      desiredSize: { kind: 'integer', description: 'Nodes to start with.', default: 2, minimum: 0 },
      minSize: { kind: 'integer', description: 'Fewest nodes.', default: 1, minimum: 0 },
      maxSize: { kind: 'integer', description: 'Most nodes.', default: 3, minimum: 1 },
    },
  },
  ELASTICACHE: {
    title: 'ElastiCache cluster',
    fields: {
      engine: {
        kind: 'string',
        description: 'Cache engine.',
        enum: ['redis', 'valkey', 'memcached'],
        default: 'redis',
      },
      nodeType: { kind: 'string', description: 'Node type.', default: 'cache.t3.micro' },
      numNodes: {
        kind: 'integer',
        description: 'Number of cache nodes.',
        default: 1,
        minimum: 1,
        maximum: 40,
      },
    },
  },
  KMS: {
    title: 'KMS key',
    fields: {
      alias: { kind: 'string', description: 'Alias without the alias/ prefix.' },
      enableKeyRotation: { kind: 'boolean', description: 'Rotate the key material yearly.', default: true },
      deletionWindowDays: {
        kind: 'integer',
        description: 'Waiting period before deletion.',
        default: 30,
        minimum: 7,
        maximum: 30,
      },
      monthlyRequests: { ...MONTHLY_REQUESTS, default: 10_000 },
    },
  },
  LAMBDA: {
    title: 'Lambda function',
    fields: {
      runtime: {
        kind: 'string',
        description: 'Runtime.',
        enum: [
          'dotnet8',
          'java17',
          'java21',
          'nodejs20.x',
          'nodejs22.x',
          'provided.al2023',
          'python3.11',
          'python3.12',
          'python3.13',
          'ruby3.3',
        ],
        default: 'nodejs22.x',
      },
      handler: { kind: 'string', description: 'Entry point.', default: 'index.handler' },
      memoryMb: {
        kind: 'integer',
        description: 'Memory in MiB.',
        default: 128,
        minimum: 128,
        maximum: 10240,
      },
      timeoutSec: {
        kind: 'integer',
        description: 'Time limit per call in seconds.',
        default: 3,
        minimum: 1,
        maximum: 900,
      },
      monthlyRequests: MONTHLY_REQUESTS,
      avgDurationMs: {
        kind: 'integer',
        description: 'Average duration of a call, for the cost estimate.',
        default: 100,
        minimum: 1,
      },
    },
  },
  NAT_GATEWAY: {
    title: 'NAT gateway',
    fields: {
      subnet: { kind: 'string', description: 'Name of the public subnet it sits in.', ref: 'subnet' },
      monthlyDataGb: {
        kind: 'number',
        description: 'Expected data processed per month in GB, for the cost estimate.',
        default: 10,
        minimum: 0,
      },
    },
  },
  NLB: {
    title: 'Network load balancer',
    fields: {
      internal: { kind: 'boolean', description: 'Reachable only inside the VPC.', default: false },
      protocol: {
        kind: 'string',
        description: 'Listener protocol.',
        enum: ['TCP', 'UDP', 'TLS', 'TCP_UDP'],
        default: 'TCP',
      },
      listenerPort: { kind: 'integer', description: 'Port the listener accepts.', default: 80, ...PORT },
      targetPort: { kind: 'integer', description: 'Port of the targets.', default: 80, ...PORT },
    },
  },
  RDS: {
    title: 'RDS database',
    fields: {
      engine: {
        kind: 'string',
        description: 'Database engine.',
        enum: ['aurora-mysql', 'aurora-postgresql', 'mariadb', 'mysql', 'postgres', 'sqlserver-ex'],
        default: 'postgres',
      },
      engineVersion: { kind: 'string', description: 'Engine version; empty means the default.' },
      instanceClass: { kind: 'string', description: 'Instance class.', default: 'db.t3.micro' },
      storageGb: {
        kind: 'integer',
        description: 'Allocated storage in GiB.',
        default: 20,
        minimum: 20,
        maximum: 65536,
      },
      storageType: {
        kind: 'string',
        description: 'Storage type.',
        enum: ['gp2', 'gp3', 'io1'],
        default: 'gp3',
      },
      multiAz: { kind: 'boolean', description: 'Standby in a second zone.', default: false },
      backupRetentionDays: {
        kind: 'integer',
        description: 'Days of automated backups.',
        default: 7,
        minimum: 0,
        maximum: 35,
      },
    },
  },
  ROUTE53: {
    title: 'Route 53 hosted zone',
    fields: {
      zoneName: { kind: 'string', description: 'Domain of the zone, like example.com.', required: true },
      private: { kind: 'boolean', description: 'Resolvable only inside the VPC.', default: false },
      records: {
        kind: 'object[]',
        description: 'DNS records of the zone.',
        default: [],
        items: DNS_RECORD_FIELDS,
      },
      monthlyQueries: {
        ...MONTHLY_REQUESTS,
        description: 'Expected queries per month, for the cost estimate.',
      },
    },
  },
  S3: {
    title: 'S3 bucket',
    fields: {
      bucket: {
        kind: 'string',
        description: 'Bucket name; empty means derived from the resource name.',
        pattern: { source: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', example: 'acme-prod-files' },
      },
      versioning: { kind: 'boolean', description: 'Keep object versions.', default: false },
      blockPublicAccess: {
        kind: 'boolean',
        description: 'Block every form of public access.',
        default: true,
      },
      storageClass: {
        kind: 'string',
        description: 'Storage class used for the estimate.',
        enum: ['STANDARD', 'STANDARD_IA', 'INTELLIGENT_TIERING', 'GLACIER'],
        default: 'STANDARD',
      },
      storageGb: {
        kind: 'number',
        description: 'Expected stored GB, for the cost estimate.',
        default: 50,
        minimum: 0,
      },
      monthlyRequests: MONTHLY_REQUESTS,
    },
  },
  SECURITY_GROUP: {
    title: 'Security group',
    fields: {
      description: { kind: 'string', description: 'What the group protects.' },
      rules: { kind: 'object[]', description: 'Ingress and egress rules.', default: [], items: RULE_FIELDS },
    },
  },
  SNS: {
    title: 'SNS topic',
    fields: {
      fifo: { kind: 'boolean', description: 'First-in-first-out topic.', default: false },
      monthlyPublishes: {
        ...MONTHLY_REQUESTS,
        description: 'Expected publishes per month, for the cost estimate.',
      },
    },
  },
  SQS: {
    title: 'SQS queue',
    fields: {
      fifo: { kind: 'boolean', description: 'First-in-first-out queue.', default: false },
      visibilityTimeoutSec: {
        kind: 'integer',
        description: 'How long a received message stays hidden.',
        default: 30,
        minimum: 0,
        maximum: 43200,
      },
      messageRetentionSec: {
        kind: 'integer',
        description: 'How long a message is kept.',
        default: 345600,
        minimum: 60,
        maximum: 1209600,
      },
      monthlyRequests: MONTHLY_REQUESTS,
    },
  },
};
