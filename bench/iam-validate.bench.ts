// Validation cost: a realistic 50-statement policy (p50, target < 2 ms) and a 1 MB policy (target at
// most 5x JSON.parse of the same text). Both references are measured in this run.
import { report, time } from './harness';
import { loadCatalogSync } from '../src/core/iam/catalog';
import { parsePolicy } from '../src/core/iam/parse';
import { validatePolicy } from '../src/core/iam/validate';

const catalog = loadCatalogSync();

/** Statement shapes seen in real policies: bucket/object splits, scoped PassRole, tags, KMS, DynamoDB, EC2. */
function statement(i: number): object {
  const acct = '123456789012';
  switch (i % 6) {
    case 0:
      return {
        Sid: `List${i}`,
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:GetBucketLocation'],
        Resource: `arn:aws:s3:::data-${i}`,
        Condition: { StringLike: { 's3:prefix': [`team-${i}/*`] } },
      };
    case 1:
      return {
        Sid: `Objects${i}`,
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: `arn:aws:s3:::data-${i}/team-${i}/*`,
      };
    case 2:
      return {
        Sid: `Pass${i}`,
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: `arn:aws:iam::${acct}:role/app-${i}`,
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      };
    case 3:
      return {
        Sid: `Kms${i}`,
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: `arn:aws:kms:us-east-1:${acct}:key/0000-${i}`,
      };
    case 4:
      return {
        Sid: `Table${i}`,
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
        Resource: [
          `arn:aws:dynamodb:us-east-1:${acct}:table/t${i}`,
          `arn:aws:dynamodb:us-east-1:${acct}:table/t${i}/index/*`,
        ],
      };
    default:
      return {
        Sid: `Ec2${i}`,
        Effect: 'Allow',
        Action: ['ec2:StartInstances', 'ec2:StopInstances'],
        Resource: `arn:aws:ec2:us-east-1:${acct}:instance/*`,
        Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
      };
  }
}

function policyText(statements: number): string {
  return JSON.stringify(
    { Version: '2012-10-17', Statement: Array.from({ length: statements }, (_, i) => statement(i)) },
    null,
    2,
  );
}

function validate(text: string): number {
  const findings = validatePolicy(parsePolicy(text, { kind: 'identity' }), catalog);
  if (findings.length)
    throw new Error(`bench policy is not clean: ${findings[0].check} ${findings[0].message}`);
  return findings.length;
}

async function main(): Promise<void> {
  const small = policyText(50);
  const smallRef = await time(() => JSON.parse(small), { runs: 400, warmup: 50 });
  const smallRun = await time(() => validate(small), { runs: 400, warmup: 50 });
  report({
    name: 'validate 50-statement policy (p50)',
    value: smallRun.p50,
    unit: 'ms',
    reference: { name: 'JSON.parse', value: smallRef.p50 },
    target: '< 2 ms',
    pass: smallRun.p50 < 2,
  });

  let n = 50;
  while (policyText(n).length < 1024 * 1024) n *= 2;
  const big = policyText(n);
  const bigRef = await time(() => JSON.parse(big), { runs: 30, warmup: 5 });
  const bigRun = await time(() => validate(big), { runs: 30, warmup: 5 });
  report({
    name: `validate 1 MB policy (${n} statements, ${(big.length / 1048576).toFixed(1)} MiB, p50)`,
    value: bigRun.p50,
    unit: 'ms',
    reference: { name: 'JSON.parse', value: bigRef.p50 },
    target: 'ratio <= 5',
    pass: bigRun.p50 / bigRef.p50 <= 5,
  });
}

void main();
