import { isObject } from './externalId';
import type { JsonHost } from './jsonHost';
import { appendStatement } from './passRole';

/** Whether an S3 action applies to buckets, to objects, or to both (wildcards may span both). */
export type S3Scope = 'bucket' | 'object' | 'both';

/** `arn:aws:s3:::b/prefix/*` → `arn:aws:s3:::b`; a bucket ARN stays as it is. */
export function bucketArnOf(arn: string): string {
  const m = /^(arn:[^:]*:s3:::[^/]+)/.exec(arn);
  return m ? m[1] : arn;
}

/** `arn:aws:s3:::b` → `arn:aws:s3:::b/*`; an object ARN stays as it is. */
export function objectArnOf(arn: string): string {
  return /^arn:[^:]*:s3:::[^/]+\//.test(arn) ? arn : `${arn}/*`;
}

/**
 * Splits an S3 statement that mixes bucket-level and object-level actions into one statement on the
 * bucket ARNs and one on the object ARNs (the seed's ListBucket / GetObject shape). When every action is
 * of one kind, the statement keeps its place and only its Resource is corrected.
 */
export function splitBucketAndObjectResources(
  host: JsonHost,
  statementPointer: string,
  scopeOf: (action: string) => S3Scope,
): string | undefined {
  const path = host.path(statementPointer);
  if (!path) return undefined;
  const statement = host.value(path);
  if (!isObject(statement) || !('Action' in statement) || !('Resource' in statement)) return undefined;
  const actions = (Array.isArray(statement.Action) ? statement.Action : [statement.Action]).map(String);
  const resources = (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]).map(
    String,
  );
  if (!resources.every((r) => r.startsWith('arn:') && r.split(':')[2] === 's3')) return undefined;
  const bucketActions = actions.filter((a) => scopeOf(a) !== 'object');
  const objectActions = actions.filter((a) => scopeOf(a) !== 'bucket');
  const buckets = unique(resources.map(bucketArnOf));
  const objects = unique(resources.map(objectArnOf));
  const one = <T>(xs: T[]): T | T[] => (xs.length === 1 ? xs[0] : xs);
  const sid = typeof statement.Sid === 'string' ? statement.Sid : undefined;
  if (objectActions.length === 0 || bucketActions.length === 0) {
    const target = objectActions.length === 0 ? buckets : objects;
    return host.set(host.text, [...path, 'Resource'], one(target));
  }
  const bucketStatement = {
    ...statement,
    ...(sid ? { Sid: `${sid}Bucket` } : {}),
    Action: one(bucketActions),
    Resource: one(buckets),
  };
  const objectStatement = {
    ...statement,
    ...(sid ? { Sid: `${sid}Objects` } : {}),
    Action: one(objectActions),
    Resource: one(objects),
  };
  const text = host.set(host.text, path, bucketStatement);
  return appendStatement(host, text, path, objectStatement);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
