/** Which SDK a call was written against; each names services and operations its own way. */
export type SdkKind = 'js-v3' | 'js-v2' | 'boto3' | 'go-v2';

/** One AWS SDK call found in source text, located by offset; `scanFolder` turns offsets into positions. */
export interface RawSdkCall {
  offset: number;
  length: number;
  sdk: SdkKind;
  /**
   * The SDK's own name for the service: the package (`@aws-sdk/client-s3`, `@aws-sdk/lib-dynamodb`), the
   * v2 class (`S3`, `DynamoDB.DocumentClient`), the boto3 service name (`s3`) or the Go package path
   * segment (`ec2`). Absent when the code does not say which service the client is for.
   */
  client?: string;
  /** The SDK operation in PascalCase (`GetObject`, `ListObjectsV2`), before mapping to IAM. */
  operation: string;
  /** Why the service could not be told, when `client` is absent; or a reason this call cannot be mapped. */
  note?: string;
}

/** `get_object` → `GetObject`, `list_objects_v2` → `ListObjectsV2`. */
export function snakeToPascal(name: string): string {
  return name
    .split('_')
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** `getObject` → `GetObject`. */
export function camelToPascal(name: string): string {
  return name[0].toUpperCase() + name.slice(1);
}
