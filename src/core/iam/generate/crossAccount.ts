import { randomUUID } from 'node:crypto';
import { policyOf, type PolicyJson } from './document';
import { checkPartition, invalidInput } from './inputs';

export interface CrossAccountOptions {
  /** Who may assume the customer role: an IAM user/role ARN, an account root ARN, or a 12-digit account id. */
  principal: string;
  /** The customer's role that the principal assumes, `arn:aws:iam::111122223333:role/Name`. */
  roleArn: string;
  /** Shared secret-like identifier; a random UUID is made when absent (the only non-deterministic input). */
  externalId?: string;
  partition?: string;
}

export interface CrossAccountTrust {
  principalArn: string;
  roleArn: string;
  externalId: string;
  /** The customer role's trust policy: the principal, only with the ExternalId. */
  trustPolicy: PolicyJson;
  /** The SaaS side: the principal's permission to assume exactly the customer role. */
  saasPolicy: PolicyJson;
}

const PRINCIPAL_ARN = /^arn:([\w-]+):iam::(\d{12}):(root|user\/[\w+=,.@/-]+|role\/[\w+=,.@/-]+)$/;
const ROLE_ARN = /^arn:([\w-]+):iam::(\d{12}):role\/([\w+=,.@/-]+)$/;

function principalArnOf(principal: string, partition: string): string {
  if (/^\d{12}$/.test(principal)) return `arn:${partition}:iam::${principal}:root`;
  if (!PRINCIPAL_ARN.test(principal)) {
    throw invalidInput(
      'principal',
      principal,
      'is not an IAM user, role or account principal',
      'Pass arn:aws:iam::ACCOUNT:user/NAME, arn:aws:iam::ACCOUNT:role/NAME, arn:aws:iam::ACCOUNT:root or a 12-digit account id.',
    );
  }
  return principal;
}

/**
 * A customer role trusting a third party's principal under an ExternalId (the confused-deputy guard),
 * plus the policy the third party attaches to its principal to assume that role.
 */
export function generateCrossAccountTrust(options: CrossAccountOptions): CrossAccountTrust {
  const partition = checkPartition(options.partition);
  const principalArn = principalArnOf(options.principal.trim(), partition);
  const roleArn = options.roleArn.trim();
  if (!ROLE_ARN.test(roleArn)) {
    throw invalidInput('role-arn', roleArn, 'is not an IAM role ARN', 'Pass arn:aws:iam::ACCOUNT:role/NAME.');
  }
  const externalId = options.externalId ?? randomUUID();
  if (!/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    throw invalidInput(
      'external-id',
      externalId,
      'is not a valid ExternalId',
      'Use 2-1224 characters from letters, digits and + = , . @ : / - _, or omit it to get a random UUID.',
    );
  }
  return {
    principalArn,
    roleArn,
    externalId,
    trustPolicy: policyOf([
      {
        Sid: 'GrantwiseCrossAccountAssumeRole',
        Effect: 'Allow',
        Principal: { AWS: principalArn },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
    ]),
    saasPolicy: policyOf([
      { Sid: 'GrantwiseAssumeCustomerRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn },
    ]),
  };
}
