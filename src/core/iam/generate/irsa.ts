import { createHash } from 'node:crypto';
import { policyOf, type PolicyJson } from './document';
import {
  checkAccountId,
  checkIamName,
  checkKubernetesName,
  checkPartition,
  checkRegion,
  invalidInput,
} from './inputs';
import { s3AccessStatements } from './s3Access';

export interface IrsaOptions {
  /** The cluster's OIDC issuer URL, with or without `https://`. */
  issuer: string;
  namespace: string;
  serviceAccount: string;
  accountId: string;
  bucket: string;
  prefix?: string;
  readOnly?: boolean;
  /** Only used in names; read from an EKS issuer host when absent. */
  region?: string;
  /** Only used in names (role and stack); IAM names are account-wide, so name the cluster when you have several. */
  clusterName?: string;
  roleName?: string;
  partition?: string;
}

export interface IrsaRole {
  /** Issuer host and path without scheme, as IAM condition keys and the provider ARN spell it. */
  issuerHostPath: string;
  providerArn: string;
  roleName: string;
  roleArn: string;
  policyName: string;
  trustPolicy: PolicyJson;
  permissionsPolicy: PolicyJson;
  /** CloudFormation stack name for the role and policy, `grantwise-irsa-REGION-CLUSTER-NAMESPACE-SA`. */
  stackName: string;
  /** The annotation to put on the Kubernetes service account. */
  serviceAccountAnnotation: { 'eks.amazonaws.com/role-arn': string };
  region?: string;
}

const EKS_ISSUER_REGION = /^oidc\.eks\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\//;

function issuerHostPathOf(issuer: string): string {
  const hostPath = issuer
    .trim()
    .replace(/^https:\/\//i, '')
    .replace(/\/+$/, '');
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?(\/[\w.~-]+)*$/i.test(hostPath) || !hostPath.includes('.')) {
    throw invalidInput(
      'issuer',
      issuer,
      'is not an OIDC issuer URL',
      'Pass the cluster’s issuer, e.g. from `aws eks describe-cluster --query cluster.identity.oidc.issuer`: https://oidc.eks.REGION.amazonaws.com/id/ID.',
    );
  }
  return hostPath;
}

/** Joins name parts with hyphens and keeps within `max` characters, a stable hash marking a cut. */
function boundedName(parts: Array<string | undefined>, max: number): string {
  const full = parts
    .filter((p): p is string => !!p)
    .join('-')
    .replace(/[^A-Za-z0-9-]/g, '-');
  if (full.length <= max) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, max - 9)}-${hash}`;
}

/**
 * IAM Roles for Service Accounts: a role that only the named Kubernetes service account of one cluster
 * can assume through the cluster's OIDC provider (`sub` pins the service account, `aud` pins STS), with
 * access to a bucket prefix.
 */
export function generateIrsaRole(options: IrsaOptions): IrsaRole {
  const partition = checkPartition(options.partition);
  const accountId = checkAccountId(options.accountId);
  const issuerHostPath = issuerHostPathOf(options.issuer);
  const namespace = checkKubernetesName(options.namespace, 'namespace');
  const serviceAccount = checkKubernetesName(options.serviceAccount, 'service-account');
  const region = options.region
    ? checkRegion(options.region)
    : EKS_ISSUER_REGION.exec(issuerHostPath + '/')?.[1];
  const cluster = options.clusterName;
  if (cluster !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(cluster)) {
    throw invalidInput(
      'cluster',
      cluster,
      'is not an EKS cluster name',
      'Use letters, digits, hyphens and underscores.',
    );
  }
  const roleName = checkIamName(
    options.roleName ?? boundedName(['grantwise-irsa', cluster, namespace, serviceAccount], 64),
    'role',
  );
  const policyName = boundedName([roleName, 's3'], 128);
  const providerArn = `arn:${partition}:iam::${accountId}:oidc-provider/${issuerHostPath}`;
  const roleArn = `arn:${partition}:iam::${accountId}:role/${roleName}`;
  return {
    issuerHostPath,
    providerArn,
    roleName,
    roleArn,
    policyName,
    trustPolicy: policyOf([
      {
        Sid: 'GrantwiseServiceAccountAssumeRole',
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${issuerHostPath}:aud`]: 'sts.amazonaws.com',
            [`${issuerHostPath}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
          },
        },
      },
    ]),
    permissionsPolicy: policyOf(
      s3AccessStatements({
        bucket: options.bucket,
        prefix: options.prefix,
        readOnly: options.readOnly,
        partition,
      }),
    ),
    stackName: boundedName(['grantwise-irsa', region, cluster, namespace, serviceAccount], 128),
    serviceAccountAnnotation: { 'eks.amazonaws.com/role-arn': roleArn },
    ...(region ? { region } : {}),
  };
}
