// Lazily loaded bundle: the AWS SDK and everything that calls it. Loaded on the first AWS action.
export { AwsClientFactory, type AwsSettings } from '../core/aws/clientFactory';
export { getCallerIdentity, type CallerIdentity } from '../core/aws/identity';
