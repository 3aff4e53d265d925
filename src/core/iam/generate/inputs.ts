import { GrantwiseError } from '../../errors';

/**
 * Checks of the values people pass to the generators. A failure is a GrantwiseError whose code is
 * `generate.invalid-<field>`, so a presenter can name its own spelling of the field (a CLI flag, a form
 * input) next to the message and the fix.
 */
export function invalidInput(field: string, value: string, why: string, fix: string): GrantwiseError {
  return new GrantwiseError(`generate.invalid-${field}`, `${field} '${value}' ${why}.`, fix);
}

/** The field named by an error from `invalidInput`, or undefined for any other error. */
export function invalidField(code: string): string | undefined {
  return code.startsWith('generate.invalid-') ? code.slice('generate.invalid-'.length) : undefined;
}

const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f']);

export function checkPartition(partition: string | undefined): string {
  const p = partition ?? 'aws';
  if (!PARTITIONS.has(p)) {
    throw invalidInput(
      'partition',
      p,
      'is not an AWS partition',
      `Use one of ${[...PARTITIONS].join(', ')}.`,
    );
  }
  return p;
}

export function checkAccountId(accountId: string, field = 'account'): string {
  if (!/^\d{12}$/.test(accountId)) {
    throw invalidInput(
      field,
      accountId,
      'is not an AWS account id',
      'Pass the 12-digit account number, e.g. 123456789012.',
    );
  }
  return accountId;
}

/** IAM role, policy and instance-profile names share these rules (64 characters for roles). */
export function checkIamName(name: string, field: string, max = 64): string {
  if (!/^[\w+=,.@-]+$/.test(name) || name.length > max) {
    throw invalidInput(
      field,
      name,
      `is not a valid IAM name`,
      `Use 1-${max} characters from letters, digits and + = , . @ _ -.`,
    );
  }
  return name;
}

export function checkRegion(region: string, field = 'region'): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw invalidInput(field, region, 'is not an AWS region code', 'Pass a region code such as us-east-1.');
  }
  return region;
}

/** General-purpose bucket naming rules (3-63 lowercase letters, digits, dots and hyphens). */
export function checkBucketName(bucket: string): string {
  const ok =
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) &&
    !bucket.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(bucket) &&
    !bucket.startsWith('xn--');
  if (!ok) {
    throw invalidInput(
      'bucket',
      bucket,
      'is not a valid S3 bucket name',
      'Pass the bucket name only (not an ARN or s3:// URL): 3-63 lowercase letters, digits, dots and hyphens.',
    );
  }
  return bucket;
}

/**
 * An object key prefix without leading or trailing slashes ('' for the whole bucket). Wildcards are
 * refused: the generators add the `*` themselves, and a literal `*` in a key cannot be expressed.
 */
export function normalizePrefix(prefix: string | undefined): string {
  const p = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  if (/[*?]|\$\{/.test(p)) {
    throw invalidInput(
      'prefix',
      prefix ?? '',
      'contains a wildcard or policy variable',
      'Pass a plain key prefix such as data/exports.',
    );
  }
  return p;
}

/** A Kubernetes namespace or service account name (RFC 1123 label/subdomain). */
export function checkKubernetesName(name: string, field: string): string {
  if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) {
    throw invalidInput(
      field,
      name,
      'is not a valid Kubernetes name',
      'Use lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit.',
    );
  }
  return name;
}
