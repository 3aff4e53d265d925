import { GrantwiseError } from '../errors';

/** The IAM action named in an AWS authorization failure, when the message names one. */
export function deniedActionFrom(message: string): string | undefined {
  const m = /not authorized to perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/i.exec(message);
  return m?.[1];
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
]);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const BAD_CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'AuthFailure',
  'InvalidAccessKeyId',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
]);

export interface AwsCallContext {
  /** The IAM action the call needs, used when the error message does not name it. */
  action: string;
  profile?: string;
  endpoint?: string;
}

/**
 * Turns an SDK or network failure into a GrantwiseError whose remedy says what to do. AccessDenied
 * names the missing action, so the user can add exactly that permission.
 */
export function mapAwsError(e: unknown, ctx: AwsCallContext): GrantwiseError {
  if (e instanceof GrantwiseError) return e;
  const err = e as { name?: string; code?: string; message?: string; Code?: string; $metadata?: unknown };
  const name = err?.name ?? err?.Code ?? err?.code ?? 'Error';
  const message = String(err?.message ?? e);
  const who = ctx.profile ? ` (profile '${ctx.profile}')` : '';

  if (ACCESS_DENIED.has(name) || /not authorized to perform/i.test(message)) {
    const action = deniedActionFrom(message) ?? ctx.action;
    return new GrantwiseError(
      'aws.access-denied',
      `AccessDenied: the identity${who} may not call ${action}.`,
      `Add "${action}" to a policy attached to this identity, or use a profile that has it.`,
      { cause: e },
    );
  }
  if (/\bSSO\b/.test(message) && /token|session|login/i.test(message)) {
    // The SDK's SSO provider fails this way both before the first sign-in and after the session expires.
    return new GrantwiseError(
      'aws.sso-login-required',
      `No valid SSO sign-in${who}: ${message}`,
      `Sign in with: aws sso login${ctx.profile ? ` --profile ${ctx.profile}` : ''}`,
      { cause: e },
    );
  }
  if (EXPIRED.has(name) || /expired/i.test(name)) {
    return new GrantwiseError(
      'aws.expired-credentials',
      `The credentials${who} have expired.`,
      ctx.profile
        ? `Refresh them (for SSO: aws sso login --profile ${ctx.profile}) and try again.`
        : 'Refresh them and try again.',
      { cause: e },
    );
  }
  if (BAD_CREDENTIALS.has(name)) {
    return new GrantwiseError(
      'aws.invalid-credentials',
      `AWS rejected the credentials${who}: ${name}.`,
      'Check the access key pair for this profile, or that the profile points at the right account.',
      { cause: e },
    );
  }
  if (THROTTLED.has(name)) {
    return new GrantwiseError(
      'aws.throttled',
      `AWS throttled ${ctx.action}${who}.`,
      'Wait a moment and try again; raise the retry count in settings if this repeats.',
      { cause: e },
    );
  }
  if (name === 'AbortError' || name === 'TimeoutError' || /aborted|timed? ?out|ETIMEDOUT/i.test(message)) {
    const cancelled = name === 'AbortError' && !/timeout/i.test(message);
    return new GrantwiseError(
      cancelled ? 'aws.cancelled' : 'aws.timeout',
      cancelled ? `${ctx.action} was cancelled.` : `${ctx.action} did not answer in time${who}.`,
      cancelled
        ? undefined
        : `Check the network and the endpoint${ctx.endpoint ? ` ${ctx.endpoint}` : ''}, or raise grantwise.aws.timeoutMs.`,
      { cause: e },
    );
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket hang up/i.test(message)) {
    return new GrantwiseError(
      'aws.unreachable',
      `Could not reach ${ctx.endpoint ?? 'AWS'} for ${ctx.action}: ${message}.`,
      ctx.endpoint
        ? 'Start the emulator or fix grantwise.aws.endpointUrl.'
        : 'Check the network connection and proxy settings.',
      { cause: e },
    );
  }
  if (
    name === 'CredentialsProviderError' ||
    /Could not load credentials|profile .* could not be found/i.test(message)
  ) {
    return new GrantwiseError(
      'aws.no-credentials',
      `No credentials could be loaded${who}: ${message}`,
      'Add the profile to your AWS config or credentials file, or sign in (aws sso login / aws configure).',
      { cause: e },
    );
  }
  return new GrantwiseError('aws.error', `${ctx.action} failed${who}: ${name}: ${message}`, undefined, {
    cause: e,
  });
}
