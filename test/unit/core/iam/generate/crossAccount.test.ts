import { strict as assert } from 'node:assert';
import { generateCrossAccountTrust } from '../../../../../src/core/iam/generate/crossAccount';
import { policyJson } from '../../../../../src/core/iam/generate/serialize';
import { isGrantwiseError } from '../../../../../src/core/errors';

const principal = 'arn:aws:iam::111122223333:user/UserSaasCapideployOperator';
const roleArn = 'arn:aws:iam::123456789012:role/RoleCapideployOperator';

describe('generateCrossAccountTrust', () => {
  it('trusts the SaaS principal only with the ExternalId, and lets it assume only the customer role', () => {
    const t = generateCrossAccountTrust({ principal, roleArn, externalId: 'b0c3-42' });
    assert.deepEqual(t.trustPolicy, {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'GrantwiseCrossAccountAssumeRole',
          Effect: 'Allow',
          Principal: { AWS: principal },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'b0c3-42' } },
        },
      ],
    });
    assert.deepEqual(t.saasPolicy, {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'GrantwiseAssumeCustomerRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn },
      ],
    });
    assert.equal(t.externalId, 'b0c3-42');
  });

  it('is deterministic when the ExternalId is given', () => {
    const a = generateCrossAccountTrust({ principal, roleArn, externalId: 'x-1' });
    const b = generateCrossAccountTrust({ principal, roleArn, externalId: 'x-1' });
    assert.equal(policyJson(a.trustPolicy), policyJson(b.trustPolicy));
  });

  it('makes a fresh random UUID ExternalId when none is given', () => {
    const a = generateCrossAccountTrust({ principal, roleArn });
    const b = generateCrossAccountTrust({ principal, roleArn });
    assert.match(a.externalId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(a.externalId, b.externalId);
    assert.equal(a.trustPolicy.Statement[0].Condition?.StringEquals['sts:ExternalId'], a.externalId);
  });

  it('accepts a bare account id as that account’s root principal', () => {
    const t = generateCrossAccountTrust({ principal: '111122223333', roleArn, externalId: 'abc' });
    assert.deepEqual(t.trustPolicy.Statement[0].Principal, { AWS: 'arn:aws:iam::111122223333:root' });
  });

  it('refuses a non-role ARN, a bad principal and a bad ExternalId, naming the field', () => {
    const code = (c: string) => (e: unknown) => isGrantwiseError(e) && e.code === c;
    assert.throws(
      () => generateCrossAccountTrust({ principal, roleArn: 'arn:aws:iam::123456789012:user/x' }),
      code('generate.invalid-role-arn'),
    );
    assert.throws(
      () => generateCrossAccountTrust({ principal: 'arn:aws:s3:::bucket', roleArn }),
      code('generate.invalid-principal'),
    );
    assert.throws(
      () => generateCrossAccountTrust({ principal, roleArn, externalId: 'has space' }),
      code('generate.invalid-external-id'),
    );
  });
});
