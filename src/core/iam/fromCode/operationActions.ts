import type { IamCatalog } from '../catalog';
import type { SdkCallSite } from './scan';

/**
 * SDK service names (normalised: lower case, no `@aws-sdk/client-` or `aws-sdk/clients/`, no `-`/`_`)
 * whose IAM prefix differs; every other name is looked up in the catalog as a prefix.
 */
const SERVICE_ALIASES: Record<string, string> = {
  applicationautoscaling: 'application-autoscaling',
  apigatewayv2: 'apigateway',
  apigatewaymanagementapi: 'execute-api',
  bedrockagentruntime: 'bedrock',
  bedrockruntime: 'bedrock',
  cloudwatchevents: 'events',
  cloudwatchlogs: 'logs',
  cognitoidentity: 'cognito-identity',
  cognitoidentityprovider: 'cognito-idp',
  cognitoidp: 'cognito-idp',
  dynamodbstreams: 'dynamodb',
  ec2instanceconnect: 'ec2-instance-connect',
  efs: 'elasticfilesystem',
  elasticloadbalancingv2: 'elasticloadbalancing',
  elb: 'elasticloadbalancing',
  elbv2: 'elasticloadbalancing',
  eventbridge: 'events',
  iotdataplane: 'iot',
  libdynamodb: 'dynamodb',
  resourcegroupstaggingapi: 'tag',
  s3control: 's3',
  sagemakerruntime: 'sagemaker',
  sesv2: 'ses',
  sfn: 'states',
  stepfunctions: 'states',
};

/**
 * Operations whose IAM action has another name, or that need several actions. Keys are lower-case
 * `prefix:operation`. Sources: the Service Authorization Reference notes and the SDK operation lists.
 */
const OPERATION_ACTIONS: Record<string, string[]> = {
  'bedrock:converse': ['bedrock:InvokeModel'],
  'bedrock:conversestream': ['bedrock:InvokeModelWithResponseStream'],
  'dynamodb:transactgetitems': ['dynamodb:GetItem'],
  'dynamodb:transactwriteitems': [
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
  ],
  'lambda:invoke': ['lambda:InvokeFunction'],
  'lambda:invokewithresponsestream': ['lambda:InvokeFunction'],
  's3:completemultipartupload': ['s3:PutObject'],
  's3:copyobject': ['s3:GetObject', 's3:PutObject'],
  's3:createmultipartupload': ['s3:PutObject'],
  's3:deletebucketcors': ['s3:PutBucketCORS'],
  's3:deletebucketencryption': ['s3:PutEncryptionConfiguration'],
  's3:deletebucketlifecycle': ['s3:PutLifecycleConfiguration'],
  's3:deletebucketreplication': ['s3:PutReplicationConfiguration'],
  's3:deletebuckettagging': ['s3:PutBucketTagging'],
  's3:deleteobjects': ['s3:DeleteObject'],
  's3:deletepublicaccessblock': ['s3:PutBucketPublicAccessBlock'],
  's3:getbucketaccelerateconfiguration': ['s3:GetAccelerateConfiguration'],
  's3:getbucketencryption': ['s3:GetEncryptionConfiguration'],
  's3:getbucketlifecycleconfiguration': ['s3:GetLifecycleConfiguration'],
  's3:getbucketnotificationconfiguration': ['s3:GetBucketNotification'],
  's3:getbucketreplication': ['s3:GetReplicationConfiguration'],
  's3:getpublicaccessblock': ['s3:GetBucketPublicAccessBlock'],
  's3:headbucket': ['s3:ListBucket'],
  's3:headobject': ['s3:GetObject'],
  's3:listbuckets': ['s3:ListAllMyBuckets'],
  's3:listdirectorybuckets': ['s3:ListAllMyDirectoryBuckets'],
  's3:listobjects': ['s3:ListBucket'],
  's3:listobjectsv2': ['s3:ListBucket'],
  's3:listobjectversions': ['s3:ListBucketVersions'],
  's3:listparts': ['s3:ListMultipartUploadParts'],
  's3:putbucketaccelerateconfiguration': ['s3:PutAccelerateConfiguration'],
  's3:putbucketencryption': ['s3:PutEncryptionConfiguration'],
  's3:putbucketlifecycleconfiguration': ['s3:PutLifecycleConfiguration'],
  's3:putbucketnotificationconfiguration': ['s3:PutBucketNotification'],
  's3:putbucketreplication': ['s3:PutReplicationConfiguration'],
  's3:putpublicaccessblock': ['s3:PutBucketPublicAccessBlock'],
  's3:selectobjectcontent': ['s3:GetObject'],
  's3:upload': ['s3:PutObject'],
  's3:uploadpart': ['s3:PutObject'],
  's3:uploadpartcopy': ['s3:GetObject', 's3:PutObject'],
};

/** Operations that cannot be mapped to a fixed action, with the reason shown at the call site. */
const UNMAPPABLE: Record<string, string> = {
  'dynamodb:executestatement':
    'PartiQL statements need dynamodb:PartiQLSelect/Insert/Update/Delete depending on the statement',
  'dynamodb:batchexecutestatement':
    'PartiQL statements need dynamodb:PartiQLSelect/Insert/Update/Delete depending on the statement',
  'dynamodb:executetransaction':
    'PartiQL statements need dynamodb:PartiQLSelect/Insert/Update/Delete depending on the statement',
  'sts:assumerolewithwebidentity': 'needs no identity-policy permission: the role’s trust policy decides',
  'sts:assumerolewithsaml': 'needs no identity-policy permission: the role’s trust policy decides',
  'sts:getcalleridentity': 'needs no permission: every identity may call it',
};

export interface CallMapping {
  /** IAM service prefix, when the client's service is known. */
  service?: string;
  /** The IAM actions the call needs (catalog case). */
  actions?: string[];
  /** Why no action could be given. */
  unmapped?: string;
}

export function iamPrefixOf(catalog: IamCatalog, client: string): string | undefined {
  const key = client
    .toLowerCase()
    .replace(/^@aws-sdk\/(client-)?/, '')
    .replace(/^aws-sdk\/clients\//, '')
    .replace(/\.documentclient$/, '')
    .replace(/^documentclient$/, 'dynamodb')
    .replace(/[-_]/g, '');
  return SERVICE_ALIASES[key] ?? catalog.service(key)?.prefix;
}

/** The IAM actions one SDK call needs, through the exceptions above and then the catalog. */
export function mapSdkCall(
  catalog: IamCatalog,
  call: Pick<SdkCallSite, 'client' | 'operation' | 'note'>,
): CallMapping {
  if (call.client === undefined) return { unmapped: call.note ?? 'the client’s service is unknown' };
  const service = iamPrefixOf(catalog, call.client);
  if (!service)
    return {
      unmapped: `'${call.client}' is not an AWS service the IAM catalog (${catalog.dataVersion}) knows`,
    };
  if (call.note) return { service, unmapped: call.note };
  const key = `${service}:${call.operation}`.toLowerCase();
  if (UNMAPPABLE[key]) return { service, unmapped: UNMAPPABLE[key] };
  const listed = OPERATION_ACTIONS[key];
  if (listed) return { service, actions: listed.map((a) => catalog.action(a)?.key ?? a) };
  const action = catalog.action(`${service}:${call.operation}`);
  if (action) return { service, actions: [action.key] };
  return {
    service,
    unmapped: `no IAM action ${service}:${call.operation} in the catalog (${catalog.dataVersion}); the operation may be authorized under another name`,
  };
}
