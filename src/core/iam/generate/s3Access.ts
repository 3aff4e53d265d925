import { policyOf, type PolicyJson, type PolicyStatement } from './document';
import { checkBucketName, checkPartition, normalizePrefix } from './inputs';

export interface S3AccessOptions {
  bucket: string;
  /** Limit object access (and listing) to keys under this prefix, e.g. `exports/2024`. */
  prefix?: string;
  /** Only list and read objects. */
  readOnly?: boolean;
  partition?: string;
}

// Multipart upload abort is part of writing: SDK upload helpers abort failed multipart uploads.
const READ_WRITE_OBJECT_ACTIONS = [
  's3:AbortMultipartUpload',
  's3:DeleteObject',
  's3:GetObject',
  's3:PutObject',
];
const READ_OBJECT_ACTIONS = ['s3:GetObject'];

/**
 * Access to one bucket: `s3:ListBucket` on the bucket ARN (narrowed by `s3:prefix` when a prefix is
 * given) and object actions on `bucket/*` or `bucket/prefix/*` — bucket and object actions never share
 * a statement, because each applies to one resource type only.
 */
export function s3AccessStatements(options: S3AccessOptions): PolicyStatement[] {
  const partition = checkPartition(options.partition);
  const bucket = checkBucketName(options.bucket);
  const prefix = normalizePrefix(options.prefix);
  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  const list: PolicyStatement = {
    Sid: 'GrantwiseListBucket',
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: bucketArn,
  };
  // Both the prefix itself (the "folder" listing) and everything below it.
  if (prefix) list.Condition = { StringLike: { 's3:prefix': [`${prefix}/`, `${prefix}/*`] } };
  const objects: PolicyStatement = {
    Sid: options.readOnly ? 'GrantwiseReadObjects' : 'GrantwiseReadWriteObjects',
    Effect: 'Allow',
    Action: options.readOnly ? READ_OBJECT_ACTIONS : READ_WRITE_OBJECT_ACTIONS,
    Resource: prefix ? `${bucketArn}/${prefix}/*` : `${bucketArn}/*`,
  };
  return [list, objects];
}

export function generateS3AccessPolicy(options: S3AccessOptions): PolicyJson {
  return policyOf(s3AccessStatements(options));
}
