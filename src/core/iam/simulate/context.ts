import type { ContextValue, RequestPrincipal } from './request';

/**
 * The request context: condition keys looked up case-insensitively, as IAM does. Keys that follow from the
 * principal (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username,
 * aws:PrincipalServiceName) are derived when the caller did not give them, so `${aws:username}` works with
 * just a user ARN.
 */
export class RequestContext {
  private readonly values = new Map<string, string[]>();

  constructor(context: Record<string, ContextValue>, principal?: RequestPrincipal) {
    for (const [key, value] of Object.entries(derivedKeys(principal)))
      this.values.set(key.toLowerCase(), value);
    for (const [key, value] of Object.entries(context)) {
      this.values.set(key.toLowerCase(), Array.isArray(value) ? value.map(String) : [String(value)]);
    }
  }

  /** The values of `key`, or undefined when the request does not carry it. */
  get(key: string): string[] | undefined {
    return this.values.get(key.toLowerCase());
  }

  /** The single value of `key` for a policy variable; undefined when absent or multivalued. */
  single(key: string): string | undefined {
    const v = this.get(key);
    return v && v.length === 1 ? v[0] : undefined;
  }
}

/** Splits `arn:partition:service:region:account:resource`; undefined when `s` is not an ARN. */
export function splitArn(
  s: string,
): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  const parts = s.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    account: parts[4],
    resource: parts.slice(5).join(':'),
  };
}

function derivedKeys(principal: RequestPrincipal | undefined): Record<string, string[]> {
  if (!principal) return {};
  if (principal.type === 'Service') return { 'aws:PrincipalServiceName': [principal.id] };
  if (principal.type !== 'AWS') return {};
  if (/^\d{12}$/.test(principal.id)) {
    return { 'aws:PrincipalAccount': [principal.id], 'aws:PrincipalType': ['Account'] };
  }
  const arn = splitArn(principal.id);
  if (!arn) return {};
  const out: Record<string, string[]> = { 'aws:PrincipalAccount': [arn.account] };
  const [type, ...rest] = arn.resource.split('/');
  if (arn.service === 'iam' && type === 'user') {
    out['aws:PrincipalArn'] = [principal.id];
    out['aws:PrincipalType'] = ['User'];
    out['aws:username'] = [rest[rest.length - 1]];
  } else if (arn.service === 'iam' && type === 'root') {
    out['aws:PrincipalArn'] = [principal.id];
    out['aws:PrincipalType'] = ['Account'];
  } else if (arn.service === 'iam' && type === 'role') {
    out['aws:PrincipalArn'] = [principal.id];
    out['aws:PrincipalType'] = ['AssumedRole'];
  } else if (arn.service === 'sts' && type === 'assumed-role' && rest.length >= 2) {
    // A session's aws:PrincipalArn is its role's ARN (the role path is not part of the session ARN).
    out['aws:PrincipalArn'] = [`arn:${arn.partition}:iam::${arn.account}:role/${rest[0]}`];
    out['aws:PrincipalType'] = ['AssumedRole'];
  } else if (arn.service === 'sts' && type === 'federated-user') {
    out['aws:PrincipalArn'] = [principal.id];
    out['aws:PrincipalType'] = ['FederatedUser'];
  } else {
    out['aws:PrincipalArn'] = [principal.id];
  }
  return out;
}
