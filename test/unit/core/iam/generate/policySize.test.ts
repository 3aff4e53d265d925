import { strict as assert } from 'node:assert';
import { loadCatalogSync } from '../../../../../src/core/iam/catalog';
import {
  MANAGED_POLICY_MAX_CHARS,
  policyChars,
  splitForManagedPolicies,
} from '../../../../../src/core/iam/generate/policySize';
import { generateServiceSetPolicy } from '../../../../../src/core/iam/generate/serviceSet';
import { generateS3AccessPolicy } from '../../../../../src/core/iam/generate/s3Access';
import { SERVICE_TYPES } from '../../../../../src/core/iam/serviceTypes';

const actions = (s: { Action: string | string[] }) => (typeof s.Action === 'string' ? [s.Action] : s.Action);

describe('splitForManagedPolicies', () => {
  it('counts characters without whitespace, as IAM does', () => {
    const p = generateS3AccessPolicy({ bucket: 'b-1' });
    assert.equal(policyChars(p), JSON.stringify(p).length);
  });

  it('keeps a policy that fits as its only part', () => {
    const p = generateS3AccessPolicy({ bucket: 'b-1' });
    assert.deepEqual(splitForManagedPolicies(p), [p]);
  });

  it('splits all 19 service types into parts within the quota, losing and repeating nothing', () => {
    const { policy } = generateServiceSetPolicy(loadCatalogSync(), { services: SERVICE_TYPES });
    assert.ok(policyChars(policy) > MANAGED_POLICY_MAX_CHARS);
    const parts = splitForManagedPolicies(policy);
    assert.ok(parts.length > 1);
    for (const part of parts) {
      assert.ok(policyChars(part) <= MANAGED_POLICY_MAX_CHARS, `${policyChars(part)}`);
      const sids = part.Statement.map((s) => s.Sid);
      assert.equal(new Set(sids).size, sids.length);
    }
    assert.deepEqual(
      parts.flatMap((p) => p.Statement.flatMap(actions)),
      policy.Statement.flatMap(actions),
    );
  });

  it('cuts a statement bigger than the quota into numbered pieces', () => {
    const big = {
      Version: '2012-10-17' as const,
      Statement: [
        {
          Sid: 'Big',
          Effect: 'Allow' as const,
          Action: Array.from({ length: 30 }, (_, i) => `s3:A${i}`),
          Resource: '*',
        },
      ],
    };
    const parts = splitForManagedPolicies(big, 300);
    assert.ok(parts.length >= 2);
    assert.deepEqual(
      parts.flatMap((p) => p.Statement.map((s) => s.Sid)),
      parts.flatMap((_, i) => [`Big${i + 1}`]),
    );
    for (const p of parts) assert.ok(policyChars(p) <= 300);
  });
});
