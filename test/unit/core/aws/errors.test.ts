import { strict as assert } from 'node:assert';
import { deniedActionFrom, mapAwsError } from '../../../../src/core/aws/errors';

function awsError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

describe('mapAwsError', () => {
  it('names the action from the AccessDenied message, not the one the caller guessed', () => {
    const e = mapAwsError(
      awsError(
        'UnauthorizedOperation',
        'You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/op is not authorized to perform: ec2:CreateSubnet',
      ),
      { action: 'ec2:CreateVpc', profile: 'op' },
    );
    assert.equal(e.code, 'aws.access-denied');
    assert.match(e.message, /ec2:CreateSubnet/);
    assert.match(e.remedy!, /"ec2:CreateSubnet"/);
  });

  it('falls back to the call’s own action when the message names none', () => {
    const e = mapAwsError(awsError('AccessDenied', 'Access Denied'), { action: 's3:GetObject' });
    assert.match(e.display, /s3:GetObject/);
  });

  it('maps expiry, bad keys, throttling, timeouts and unreachable endpoints to distinct codes with remedies', () => {
    const cases: Array<[Error, string]> = [
      [
        awsError('ExpiredTokenException', 'The security token included in the request is expired'),
        'aws.expired-credentials',
      ],
      [awsError('InvalidClientTokenId', 'The security token is invalid'), 'aws.invalid-credentials'],
      [awsError('ThrottlingException', 'Rate exceeded'), 'aws.throttled'],
      [awsError('TimeoutError', 'timed out after 10 ms'), 'aws.timeout'],
      [awsError('Error', 'connect ECONNREFUSED 127.0.0.1:1'), 'aws.unreachable'],
      [
        awsError('CredentialsProviderError', 'Could not load credentials from any providers'),
        'aws.no-credentials',
      ],
    ];
    for (const [err, code] of cases) {
      const mapped = mapAwsError(err, { action: 'sts:GetCallerIdentity', endpoint: 'http://127.0.0.1:1' });
      assert.equal(mapped.code, code, err.message);
      if (code !== 'aws.cancelled') assert.ok(mapped.remedy, `${code} has a remedy`);
    }
  });

  it('tells an SSO profile without a valid sign-in to run aws sso login for that profile', () => {
    const e = mapAwsError(
      awsError(
        'CredentialsProviderError',
        'The SSO session token associated with profile=dev was not found or is invalid.',
      ),
      { action: 'sts:GetCallerIdentity', profile: 'dev' },
    );
    assert.equal(e.code, 'aws.sso-login-required');
    assert.match(e.message, /profile=dev was not found/);
    assert.equal(e.remedy, 'Sign in with: aws sso login --profile dev');
  });

  it('extracts the action only from an authorization sentence', () => {
    assert.equal(
      deniedActionFrom('User: x is not authorized to perform: iam:PassRole on resource: y'),
      'iam:PassRole',
    );
    assert.equal(deniedActionFrom('Something else: ec2:RunInstances'), undefined);
  });
});
