/**
 * The deployable AWS service types (the canvas/resource types of a deployment) and the IAM actions each
 * needs. Actions are chosen by IAM wildcard patterns matched against the catalog at generation time, so
 * they follow the catalog data, and `exclude` drops sub-features a deployment of that type never uses.
 * Types that share an IAM service take disjoint-by-intent subsets (SECURITY_GROUP is the security-group
 * actions, not all of ec2); where subsets still overlap, `OWNERSHIP_ORDER` decides which statement
 * carries the shared action.
 */
export const SERVICE_TYPES = [
  'ALB',
  'ASG',
  'CLOUDFRONT',
  'DYNAMODB',
  'EBS',
  'EC2',
  'ECS',
  'EKS',
  'ELASTICACHE',
  'KMS',
  'LAMBDA',
  'NAT_GATEWAY',
  'NLB',
  'RDS',
  'ROUTE53',
  'S3',
  'SECURITY_GROUP',
  'SNS',
  'SQS',
] as const;

export type ServiceType = (typeof SERVICE_TYPES)[number];

export interface ServiceTypeSpec {
  type: ServiceType;
  /** Human name for guides and pickers. */
  title: string;
  /** Statement id of this type in a generated policy. */
  sid: string;
  /** IAM service prefixes the actions come from, in the order they appear. */
  prefixes: string[];
  /** IAM wildcard patterns (`ec2:*SecurityGroup*`) of the actions this type needs. */
  actions: string[];
  /** Patterns removed from what `actions` matched. */
  exclude?: string[];
  /**
   * Actions the type would need but that are privilege escalation on Resource "*": left out of the
   * generated statement and reported, so the user grants them on specific ARNs.
   */
  withheld?: Array<{ action: string; why: string }>;
}

const TAGS = ['ec2:CreateTags', 'ec2:DeleteTags', 'ec2:DescribeTags'];
const ZONES = ['ec2:DescribeAvailabilityZones', 'ec2:DescribeRegions', 'ec2:DescribeAccountAttributes'];
const NETWORK_READ = ['ec2:DescribeVpcs', 'ec2:DescribeSubnets'];

// Load balancers, listeners and target groups: what both ALB and NLB deployments manage.
const LOAD_BALANCING = [
  'elasticloadbalancing:CreateLoadBalancer',
  'elasticloadbalancing:DeleteLoadBalancer',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeLoadBalancerAttributes',
  'elasticloadbalancing:ModifyLoadBalancerAttributes',
  'elasticloadbalancing:SetSecurityGroups',
  'elasticloadbalancing:SetSubnets',
  'elasticloadbalancing:SetIpAddressType',
  'elasticloadbalancing:DescribeAccountLimits',
  'elasticloadbalancing:DescribeSSLPolicies',
  'elasticloadbalancing:CreateListener',
  'elasticloadbalancing:DeleteListener',
  'elasticloadbalancing:ModifyListener',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:*ListenerAttributes',
  'elasticloadbalancing:*ListenerCertificates',
  'elasticloadbalancing:*TargetGroup',
  'elasticloadbalancing:*TargetGroups',
  'elasticloadbalancing:*TargetGroupAttributes',
  'elasticloadbalancing:*Targets',
  'elasticloadbalancing:DescribeTargetHealth',
  'elasticloadbalancing:AddTags',
  'elasticloadbalancing:RemoveTags',
  'elasticloadbalancing:DescribeTags',
  ...NETWORK_READ,
  'ec2:DescribeSecurityGroups',
];

export const SERVICE_TYPE_SPECS: Record<ServiceType, ServiceTypeSpec> = {
  ALB: {
    type: 'ALB',
    title: 'Application Load Balancer',
    sid: 'GrantwiseAlb',
    prefixes: ['elasticloadbalancing', 'ec2'],
    // Listener rules route HTTP requests: only application load balancers use them.
    actions: [
      ...LOAD_BALANCING,
      'elasticloadbalancing:*Rule',
      'elasticloadbalancing:*Rules',
      'elasticloadbalancing:SetRulePriorities',
    ],
  },
  ASG: {
    type: 'ASG',
    title: 'Auto Scaling group',
    sid: 'GrantwiseAsg',
    prefixes: ['autoscaling', 'ec2'],
    // Groups launch from launch templates, and launching through one needs ec2:RunInstances.
    actions: [
      'autoscaling:*',
      'ec2:*LaunchTemplate*',
      'ec2:RunInstances',
      'ec2:DescribeInstances',
      ...NETWORK_READ,
      ...ZONES,
    ],
    exclude: ['autoscaling:PutAccountSetting'],
  },
  CLOUDFRONT: {
    type: 'CLOUDFRONT',
    title: 'CloudFront distribution',
    sid: 'GrantwiseCloudFront',
    prefixes: ['cloudfront'],
    actions: [
      'cloudfront:*Distribution',
      'cloudfront:*Distributions',
      'cloudfront:*DistributionConfig',
      'cloudfront:*Invalidation*',
      'cloudfront:*CachePolic*',
      'cloudfront:*OriginRequestPolic*',
      'cloudfront:*ResponseHeadersPolic*',
      'cloudfront:*OriginAccessControl*',
      'cloudfront:*CloudFrontOriginAccessIdentit*',
      'cloudfront:*Function',
      'cloudfront:*Functions',
      'cloudfront:ListTagsForResource',
      'cloudfront:TagResource',
      'cloudfront:UntagResource',
    ],
    exclude: [
      'cloudfront:*StreamingDistribution*',
      'cloudfront:*DistributionTenant*',
      'cloudfront:*ConnectionFunction*',
    ],
  },
  DYNAMODB: {
    type: 'DYNAMODB',
    title: 'DynamoDB table',
    sid: 'GrantwiseDynamoDb',
    prefixes: ['dynamodb'],
    actions: ['dynamodb:*'],
  },
  EBS: {
    type: 'EBS',
    title: 'EBS volume',
    sid: 'GrantwiseEbs',
    prefixes: ['ec2'],
    actions: [
      'ec2:*Volume',
      'ec2:*Volumes',
      'ec2:*VolumeAttribute',
      'ec2:*VolumeIO',
      'ec2:DescribeVolumeStatus',
      'ec2:DescribeVolumesModifications',
      'ec2:*Snapshot',
      'ec2:*Snapshots',
      'ec2:*SnapshotAttribute',
      'ec2:*EbsEncryptionByDefault',
      'ec2:*EbsDefaultKmsKeyId',
      ...TAGS,
      ...ZONES,
    ],
    exclude: ['ec2:*ReplaceRootVolume*'],
  },
  EC2: {
    type: 'EC2',
    title: 'EC2 instance',
    sid: 'GrantwiseEc2',
    prefixes: ['ec2'],
    actions: [
      'ec2:RunInstances',
      'ec2:StartInstances',
      'ec2:StopInstances',
      'ec2:RebootInstances',
      'ec2:TerminateInstances',
      'ec2:DescribeInstances',
      'ec2:DescribeInstanceStatus',
      'ec2:DescribeInstanceAttribute',
      'ec2:ModifyInstanceAttribute',
      'ec2:DescribeInstanceTypes',
      'ec2:DescribeInstanceTypeOfferings',
      'ec2:DescribeInstanceCreditSpecifications',
      'ec2:ModifyInstanceMetadataOptions',
      'ec2:GetConsoleOutput',
      'ec2:*IamInstanceProfile*',
      'ec2:*KeyPair',
      'ec2:*KeyPairs',
      'ec2:DescribeImages',
      'ec2:DescribeImageAttribute',
      'ec2:CreateImage',
      'ec2:DeregisterImage',
      'ec2:AllocateAddress',
      'ec2:AssociateAddress',
      'ec2:DisassociateAddress',
      'ec2:ReleaseAddress',
      'ec2:DescribeAddresses',
      'ec2:*NetworkInterface',
      'ec2:*NetworkInterfaces',
      'ec2:*NetworkInterfaceAttribute',
      // The base network every deployment sits in (VPC, subnets, internet gateway, routes).
      'ec2:CreateVpc',
      'ec2:DeleteVpc',
      'ec2:DescribeVpcs',
      'ec2:DescribeVpcAttribute',
      'ec2:ModifyVpcAttribute',
      'ec2:CreateSubnet',
      'ec2:DeleteSubnet',
      'ec2:DescribeSubnets',
      'ec2:ModifySubnetAttribute',
      'ec2:*InternetGateway',
      'ec2:*InternetGateways',
      'ec2:*RouteTable',
      'ec2:*RouteTables',
      'ec2:CreateRoute',
      'ec2:DeleteRoute',
      'ec2:ReplaceRoute',
      ...TAGS,
      ...ZONES,
    ],
    exclude: [
      'ec2:*EgressOnlyInternetGateway*',
      'ec2:*LocalGateway*',
      'ec2:*TransitGateway*',
      'ec2:*ClientVpn*',
    ],
  },
  ECS: {
    type: 'ECS',
    title: 'ECS cluster and service',
    sid: 'GrantwiseEcs',
    prefixes: ['ecs'],
    actions: ['ecs:*'],
    exclude: ['ecs:*Daemon*', 'ecs:PutAccountSetting*', 'ecs:DeleteAccountSetting'],
  },
  EKS: {
    type: 'EKS',
    title: 'EKS cluster',
    sid: 'GrantwiseEks',
    prefixes: ['eks'],
    actions: ['eks:*'],
    exclude: ['eks:*EksAnywhereSubscription*', 'eks:*Dashboard*'],
  },
  ELASTICACHE: {
    type: 'ELASTICACHE',
    title: 'ElastiCache cluster',
    sid: 'GrantwiseElastiCache',
    prefixes: ['elasticache'],
    actions: ['elasticache:*'],
    exclude: ['elasticache:PurchaseReservedCacheNodesOffering'],
  },
  KMS: {
    type: 'KMS',
    title: 'KMS key',
    sid: 'GrantwiseKms',
    prefixes: ['kms'],
    actions: ['kms:*'],
    exclude: ['kms:*CustomKeyStore*'],
  },
  LAMBDA: {
    type: 'LAMBDA',
    title: 'Lambda function',
    sid: 'GrantwiseLambda',
    prefixes: ['lambda'],
    actions: ['lambda:*'],
    exclude: ['lambda:*CapacityProvider*', 'lambda:*NetworkConnector*', 'lambda:*Microvm*'],
    withheld: [
      {
        action: 'lambda:UpdateFunctionCode',
        why: 'replacing the code of any function runs code as that function’s role; grant it on the ARNs of the functions you deploy',
      },
    ],
  },
  NAT_GATEWAY: {
    type: 'NAT_GATEWAY',
    title: 'NAT gateway',
    sid: 'GrantwiseNatGateway',
    prefixes: ['ec2'],
    actions: [
      'ec2:*NatGateway',
      'ec2:*NatGateways',
      'ec2:*NatGatewayAddress',
      'ec2:AllocateAddress',
      'ec2:ReleaseAddress',
      'ec2:DescribeAddresses',
      'ec2:CreateRoute',
      'ec2:DeleteRoute',
      'ec2:ReplaceRoute',
      'ec2:DescribeRouteTables',
      ...NETWORK_READ,
      ...TAGS,
    ],
    exclude: ['ec2:*Appliance*'],
  },
  NLB: {
    type: 'NLB',
    title: 'Network Load Balancer',
    sid: 'GrantwiseNlb',
    prefixes: ['elasticloadbalancing', 'ec2'],
    actions: LOAD_BALANCING,
  },
  RDS: {
    type: 'RDS',
    title: 'RDS database',
    sid: 'GrantwiseRds',
    prefixes: ['rds'],
    actions: ['rds:*'],
    exclude: [
      'rds:PurchaseReservedDBInstancesOffering',
      'rds:*CustomDBEngineVersion*',
      'rds:*TenantDatabase*',
    ],
  },
  ROUTE53: {
    type: 'ROUTE53',
    title: 'Route 53 hosted zone',
    sid: 'GrantwiseRoute53',
    prefixes: ['route53'],
    actions: ['route53:*'],
    exclude: [
      'route53:*TrafficPolic*',
      'route53:*CidrCollection*',
      'route53:*CidrBlocks',
      'route53:*CidrLocations',
    ],
  },
  S3: {
    type: 'S3',
    title: 'S3 bucket',
    sid: 'GrantwiseS3',
    prefixes: ['s3'],
    actions: ['s3:*'],
    exclude: [
      's3:*AccessGrant*',
      's3:*StorageLens*',
      's3:*Job*',
      's3:*MultiRegionAccessPoint*',
      's3:*ObjectLambda*',
      's3:*AccessPoint*',
      's3:*AccessPoints*',
      // Replication, annotations and metadata tables belong to other principals or features.
      's3:*Replicat*',
      's3:*Annotation*',
      's3:*Metadata*',
      's3:*Torrent',
      's3:*AccountPublicAccessBlock',
      's3:BypassGovernanceRetention',
      's3:ObjectOwnerOverrideToBucketOwner',
      's3:GetDataAccess',
      's3:AllowVendedLogDeliveryForResource',
    ],
  },
  SECURITY_GROUP: {
    type: 'SECURITY_GROUP',
    title: 'Security group',
    sid: 'GrantwiseSecurityGroup',
    prefixes: ['ec2'],
    actions: ['ec2:*SecurityGroup*', ...NETWORK_READ, ...TAGS],
    exclude: ['ec2:*ClientVpn*', 'ec2:ValidateSecurityGroupQuotasForInterface'],
  },
  SNS: {
    type: 'SNS',
    title: 'SNS topic',
    sid: 'GrantwiseSns',
    prefixes: ['sns'],
    actions: [
      'sns:*Topic*',
      'sns:*Subscription*',
      'sns:Subscribe',
      'sns:Unsubscribe',
      'sns:Publish',
      'sns:*DataProtectionPolicy',
      'sns:ListTagsForResource',
      'sns:TagResource',
      'sns:UntagResource',
    ],
  },
  SQS: {
    type: 'SQS',
    title: 'SQS queue',
    sid: 'GrantwiseSqs',
    prefixes: ['sqs'],
    actions: ['sqs:*'],
  },
};

/**
 * Which type's statement carries an action several selected types need: the type the action is most
 * about comes first (EC2 owns instance and network actions, EBS volumes, ALB the load balancer core).
 */
export const OWNERSHIP_ORDER: readonly ServiceType[] = [
  'EC2',
  'EBS',
  'SECURITY_GROUP',
  'NAT_GATEWAY',
  'ALB',
  'NLB',
  'ASG',
  'CLOUDFRONT',
  'DYNAMODB',
  'ECS',
  'EKS',
  'ELASTICACHE',
  'KMS',
  'LAMBDA',
  'RDS',
  'ROUTE53',
  'S3',
  'SNS',
  'SQS',
];

export function isServiceType(value: string): value is ServiceType {
  return (SERVICE_TYPES as readonly string[]).includes(value);
}
