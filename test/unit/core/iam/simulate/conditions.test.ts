import { strict as assert } from 'node:assert';
import { evaluateCondition } from '../../../../../src/core/iam/simulate/conditions';
import { RequestContext } from '../../../../../src/core/iam/simulate/context';
import type { ContextValue } from '../../../../../src/core/iam/simulate/request';

/** Decides `{ operator: { key: values } }` against a request context (policy variables on). */
function holds(
  operator: string,
  key: string,
  values: unknown,
  context: Record<string, ContextValue>,
): boolean {
  return evaluateCondition({ [operator]: { [key]: values } }, new RequestContext(context), true).ok;
}

describe('condition operators', () => {
  describe('String', () => {
    it('StringEquals is exact and case-sensitive; several values are ORed', () => {
      assert.equal(
        holds('StringEquals', 'aws:PrincipalTag/team', ['web', 'data'], { 'aws:PrincipalTag/team': 'data' }),
        true,
      );
      assert.equal(
        holds('StringEquals', 'aws:PrincipalTag/team', 'web', { 'aws:PrincipalTag/team': 'Web' }),
        false,
      );
    });

    it('looks condition keys up case-insensitively', () => {
      assert.equal(
        holds('StringEquals', 'AWS:PrincipalTag/Team', 'web', { 'aws:principaltag/team': 'web' }),
        true,
      );
    });

    it('StringNotEquals is NOR over the values and true when the key is absent', () => {
      assert.equal(
        holds('StringNotEquals', 'aws:RequestedRegion', ['us-east-1', 'eu-west-1'], {
          'aws:RequestedRegion': 'eu-west-1',
        }),
        false,
      );
      assert.equal(
        holds('StringNotEquals', 'aws:RequestedRegion', ['us-east-1', 'eu-west-1'], {
          'aws:RequestedRegion': 'ap-south-1',
        }),
        true,
      );
      assert.equal(holds('StringNotEquals', 'aws:RequestedRegion', 'us-east-1', {}), true);
    });

    it('IgnoreCase variants fold case', () => {
      assert.equal(holds('StringEqualsIgnoreCase', 'k:x', 'ABC', { 'k:x': 'abc' }), true);
      assert.equal(holds('StringNotEqualsIgnoreCase', 'k:x', 'ABC', { 'k:x': 'abc' }), false);
    });

    it('StringLike and StringNotLike use * and ?', () => {
      assert.equal(
        holds('StringLike', 's3:prefix', ['home/*', 'shared/??/x'], { 's3:prefix': 'shared/ab/x' }),
        true,
      );
      assert.equal(holds('StringLike', 's3:prefix', 'home/*', { 's3:prefix': 'public/a' }), false);
      assert.equal(holds('StringNotLike', 's3:prefix', 'home/*', { 's3:prefix': 'home/a' }), false);
      assert.equal(holds('StringLike', 's3:prefix', 'home/*', {}), false);
    });

    it('ANDs keys under one operator and operators in one block', () => {
      const ctx = new RequestContext({ 'k:a': '1', 'k:b': '2' });
      assert.equal(evaluateCondition({ StringEquals: { 'k:a': '1', 'k:b': '2' } }, ctx, true).ok, true);
      const out = evaluateCondition({ StringEquals: { 'k:a': '1' }, StringLike: { 'k:b': '3*' } }, ctx, true);
      assert.equal(out.ok, false);
      assert.equal(out.failure, 'StringLike k:b: request value "2" matches none of "3*"');
    });

    it('substitutes policy variables into values, with defaults', () => {
      const ctx = { 'aws:username': 'alice', 's3:prefix': 'home/alice/' };
      assert.equal(holds('StringLike', 's3:prefix', 'home/${aws:username}/*', ctx), true);
      assert.equal(
        holds('StringEquals', 'k:team', "${aws:PrincipalTag/team, 'shared'}", { 'k:team': 'shared' }),
        true,
      );
      assert.equal(holds('StringEquals', 'k:x', '${aws:username}', { 'k:x': '${aws:username}' }), false);
      assert.equal(holds('StringEquals', 'k:x', "${aws:username, 'O''Brien'}", { 'k:x': "O'Brien" }), true);
      assert.equal(holds('StringEquals', 'k:x', 'a${$}b', { 'k:x': 'a$b' }), true);
    });

    it('fails a key whose policy variable has no value, naming the variable', () => {
      const out = evaluateCondition(
        { StringLike: { 's3:prefix': 'home/${aws:username}/*' } },
        new RequestContext({ 's3:prefix': 'home/x/' }),
        true,
      );
      assert.deepEqual(out, {
        ok: false,
        failure: 'StringLike s3:prefix: ${aws:username} has no single value in the request',
      });
    });
  });

  describe('Numeric', () => {
    it('compares numbers, not strings', () => {
      assert.equal(holds('NumericLessThan', 's3:max-keys', '10', { 's3:max-keys': '9' }), true);
      assert.equal(holds('NumericLessThan', 's3:max-keys', '10', { 's3:max-keys': '10' }), false);
      assert.equal(holds('NumericLessThanEquals', 's3:max-keys', '10', { 's3:max-keys': '10' }), true);
      assert.equal(holds('NumericGreaterThan', 'k:n', '9', { 'k:n': '10' }), true);
      assert.equal(holds('NumericGreaterThanEquals', 'k:n', 10, { 'k:n': '9.5' }), false);
      assert.equal(holds('NumericEquals', 'k:n', '1.0', { 'k:n': '1' }), true);
      assert.equal(holds('NumericNotEquals', 'k:n', ['1', '2'], { 'k:n': '3' }), true);
      assert.equal(holds('NumericNotEquals', 'k:n', ['1', '2'], { 'k:n': '2' }), false);
    });

    it('never matches a value that is not a number', () => {
      assert.equal(holds('NumericLessThan', 'k:n', '10', { 'k:n': 'five' }), false);
      const out = evaluateCondition(
        { NumericLessThan: { 'k:n': 'ten' } },
        new RequestContext({ 'k:n': '1' }),
        true,
      );
      assert.equal(out.failure, 'NumericLessThan k:n: policy value "ten" is not a number');
    });
  });

  describe('Date', () => {
    it('compares ISO 8601 and epoch seconds on one time line', () => {
      const now = { 'aws:CurrentTime': '2025-06-01T12:00:00Z', 'aws:EpochTime': '1748779200' };
      assert.equal(holds('DateLessThan', 'aws:CurrentTime', '2025-12-31T23:59:59Z', now), true);
      assert.equal(holds('DateGreaterThan', 'aws:CurrentTime', '2025-12-31T23:59:59Z', now), false);
      assert.equal(holds('DateGreaterThanEquals', 'aws:EpochTime', '2025-06-01T12:00:00Z', now), true);
      assert.equal(holds('DateEquals', 'aws:CurrentTime', '1748779200', now), true);
      assert.equal(holds('DateNotEquals', 'aws:CurrentTime', '1748779200', now), false);
      assert.equal(holds('DateLessThanEquals', 'aws:CurrentTime', '2025-06-01', now), false);
    });
  });

  describe('Bool', () => {
    it('matches true/false case-insensitively and is false when the key is absent', () => {
      assert.equal(holds('Bool', 'aws:SecureTransport', 'true', { 'aws:SecureTransport': 'TRUE' }), true);
      assert.equal(holds('Bool', 'aws:SecureTransport', true, { 'aws:SecureTransport': 'false' }), false);
      assert.equal(holds('Bool', 'aws:MultiFactorAuthPresent', 'false', {}), false);
      assert.equal(holds('BoolIfExists', 'aws:MultiFactorAuthPresent', 'false', {}), true);
      assert.equal(
        holds('BoolIfExists', 'aws:MultiFactorAuthPresent', 'false', {
          'aws:MultiFactorAuthPresent': 'true',
        }),
        false,
      );
    });
  });

  describe('BinaryEquals', () => {
    it('compares the decoded bytes of base64 values', () => {
      assert.equal(holds('BinaryEquals', 'k:bin', 'QmluYXJ5VmFsdWU=', { 'k:bin': 'QmluYXJ5VmFsdWU=' }), true);
      assert.equal(holds('BinaryEquals', 'k:bin', 'QmluYXJ5VmFsdWU=', { 'k:bin': 'T3RoZXI=' }), false);
    });
  });

  describe('IpAddress', () => {
    it('matches IPv4 CIDR ranges and bare addresses', () => {
      assert.equal(
        holds('IpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:SourceIp': '203.0.113.77' }),
        true,
      );
      assert.equal(
        holds('IpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:SourceIp': '203.0.114.1' }),
        false,
      );
      assert.equal(
        holds('IpAddress', 'aws:SourceIp', '198.51.100.7', { 'aws:SourceIp': '198.51.100.7' }),
        true,
      );
      assert.equal(
        holds('NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24', '10.0.0.0/8'], {
          'aws:SourceIp': '10.1.2.3',
        }),
        false,
      );
      assert.equal(
        holds('NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24', '10.0.0.0/8'], {
          'aws:SourceIp': '192.0.2.1',
        }),
        true,
      );
    });

    it('matches IPv6 ranges, compressed forms and IPv4-mapped addresses', () => {
      assert.equal(
        holds('IpAddress', 'aws:SourceIp', '2001:DB8:1234:5678::/64', {
          'aws:SourceIp': '2001:db8:1234:5678:abcd::1',
        }),
        true,
      );
      assert.equal(
        holds('IpAddress', 'aws:SourceIp', '2001:db8:1234:5678::/64', {
          'aws:SourceIp': '2001:db8:1234:5679::1',
        }),
        false,
      );
      assert.equal(holds('IpAddress', 'aws:SourceIp', '::1', { 'aws:SourceIp': '0:0:0:0:0:0:0:1' }), true);
      assert.equal(
        holds('IpAddress', 'aws:SourceIp', '192.0.2.0/24', { 'aws:SourceIp': '::ffff:192.0.2.9' }),
        true,
      );
      // Families never mix.
      assert.equal(holds('IpAddress', 'aws:SourceIp', '::/0', { 'aws:SourceIp': '192.0.2.9' }), false);
    });

    it('rejects a policy value that is not an address', () => {
      const out = evaluateCondition(
        { IpAddress: { 'aws:SourceIp': '300.1.1.1/8' } },
        new RequestContext({ 'aws:SourceIp': '1.1.1.1' }),
        true,
      );
      assert.equal(out.ok, false);
      assert.match(out.failure!, /"300\.1\.1\.1\/8" is not an IPv4 or IPv6 address/);
    });
  });

  describe('Arn', () => {
    const source = { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:alerts' };
    it('ArnLike and ArnEquals match segment by segment with wildcards', () => {
      assert.equal(holds('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:123456789012:*', source), true);
      assert.equal(
        holds('ArnEquals', 'aws:SourceArn', 'arn:aws:sns:us-east-1:123456789012:alerts', source),
        true,
      );
      assert.equal(holds('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:210987654321:*', source), false);
      assert.equal(
        holds('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*', { 'aws:SourceArn': 'not-an-arn' }),
        false,
      );
    });
    it('ArnNotLike and ArnNotEquals negate, and hold when the key is absent', () => {
      assert.equal(holds('ArnNotLike', 'aws:SourceArn', 'arn:aws:sns:*:123456789012:*', source), false);
      assert.equal(
        holds('ArnNotEquals', 'aws:SourceArn', 'arn:aws:sns:us-east-1:123456789012:other', source),
        true,
      );
      assert.equal(holds('ArnNotLike', 'aws:SourceArn', 'arn:aws:sns:*', {}), true);
    });
  });

  describe('Null and IfExists', () => {
    it('Null tests presence', () => {
      assert.equal(holds('Null', 'aws:TokenIssueTime', 'true', {}), true);
      assert.equal(
        holds('Null', 'aws:TokenIssueTime', 'true', { 'aws:TokenIssueTime': '2025-01-01T00:00:00Z' }),
        false,
      );
      assert.equal(
        holds('Null', 'aws:TokenIssueTime', 'false', { 'aws:TokenIssueTime': '2025-01-01T00:00:00Z' }),
        true,
      );
      assert.equal(holds('Null', 'aws:TagKeys', 'true', { 'aws:TagKeys': [] }), true);
    });

    it('...IfExists holds when the key is absent and is the plain operator otherwise', () => {
      assert.equal(holds('StringEqualsIfExists', 'ec2:InstanceType', 't3.micro', {}), true);
      assert.equal(
        holds('StringEqualsIfExists', 'ec2:InstanceType', 't3.micro', { 'ec2:InstanceType': 'm5.large' }),
        false,
      );
      assert.equal(holds('NumericLessThanIfExists', 'k:n', '5', {}), true);
    });

    it('rejects Null with IfExists and unknown operators, naming them', () => {
      const ctx = new RequestContext({});
      assert.deepEqual(evaluateCondition({ NullIfExists: { 'k:a': 'true' } }, ctx, true), {
        ok: false,
        failure: 'unknown condition operator NullIfExists',
      });
      assert.deepEqual(evaluateCondition({ StringEqualz: { 'k:a': 'x' } }, ctx, true), {
        ok: false,
        failure: 'unknown condition operator StringEqualz',
      });
    });
  });

  describe('set operators', () => {
    it('ForAnyValue: one request value must match; absent or empty is false', () => {
      const op = 'ForAnyValue:StringEquals';
      assert.equal(holds(op, 'aws:TagKeys', ['env', 'team'], { 'aws:TagKeys': ['cost', 'team'] }), true);
      assert.equal(holds(op, 'aws:TagKeys', ['env', 'team'], { 'aws:TagKeys': ['cost'] }), false);
      assert.equal(holds(op, 'aws:TagKeys', ['env'], {}), false);
      assert.equal(holds(op, 'aws:TagKeys', ['env'], { 'aws:TagKeys': [] }), false);
      assert.equal(holds('ForAnyValue:StringEqualsIfExists', 'aws:TagKeys', ['env'], {}), true);
    });

    it('ForAllValues: every request value must match; absent or empty is true', () => {
      const op = 'ForAllValues:StringEquals';
      assert.equal(holds(op, 'aws:TagKeys', ['env', 'team'], { 'aws:TagKeys': ['team', 'env'] }), true);
      assert.equal(holds(op, 'aws:TagKeys', ['env', 'team'], { 'aws:TagKeys': ['team', 'cost'] }), false);
      assert.equal(holds(op, 'aws:TagKeys', ['env'], {}), true);
      assert.equal(holds(op, 'aws:TagKeys', ['env'], { 'aws:TagKeys': [] }), true);
    });

    it('ForAllValues with a negated operator: no request value may match any policy value', () => {
      const op = 'ForAllValues:StringNotLike';
      assert.equal(holds(op, 'aws:TagKeys', 'key1*', { 'aws:TagKeys': ['key1:legal'] }), false);
      assert.equal(
        holds(op, 'aws:TagKeys', 'key1*', { 'aws:TagKeys': ['key1:hr', 'key1:personnel'] }),
        false,
      );
      assert.equal(holds(op, 'aws:TagKeys', 'key1*', { 'aws:TagKeys': ['key2:audit'] }), true);
      assert.equal(holds(op, 'aws:TagKeys', 'key1*', {}), true);
    });

    it('ForAnyValue with a negated operator: some request value must match no policy value', () => {
      const op = 'ForAnyValue:StringNotEquals';
      assert.equal(holds(op, 'aws:TagKeys', 'env', { 'aws:TagKeys': ['env', 'team'] }), true);
      assert.equal(holds(op, 'aws:TagKeys', 'env', { 'aws:TagKeys': ['env'] }), false);
    });

    it('names the failing request value', () => {
      const out = evaluateCondition(
        { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } },
        new RequestContext({ 'aws:TagKeys': ['team', 'cost'] }),
        true,
      );
      assert.equal(
        out.failure,
        'ForAllValues:StringEquals aws:TagKeys: request value "cost" fails against "env", "team"',
      );
    });
  });
});
