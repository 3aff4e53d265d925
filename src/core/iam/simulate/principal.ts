import { splitArn } from './context';
import type { PrincipalType, RequestPrincipal } from './request';

const TYPES: readonly PrincipalType[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** The account a request principal belongs to: a 12-digit id or the account segment of its ARN. */
function accountOf(id: string): string | undefined {
  if (/^\d{12}$/.test(id)) return id;
  return splitArn(id)?.account || undefined;
}

/** `arn:aws:sts::1:assumed-role/R/s` → `R`; role ARNs → the last path component; otherwise undefined. */
function roleNameOf(id: string): string | undefined {
  const arn = splitArn(id);
  if (!arn) return undefined;
  const segments = arn.resource.split('/');
  if (arn.service === 'sts' && segments[0] === 'assumed-role' && segments.length >= 3) return segments[1];
  if (arn.service === 'iam' && segments[0] === 'role' && segments.length >= 2)
    return segments[segments.length - 1];
  return undefined;
}

/** Does one AWS principal value of a policy name the request's AWS principal? */
function awsValueMatches(value: string, id: string): boolean {
  if (value === '*' || value === id) return true;
  // An account id or the account root ARN trusts every principal in that account.
  const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(value);
  const account = /^\d{12}$/.test(value) ? value : root?.[1];
  if (account) return accountOf(id) === account;
  // A role ARN names the role's sessions too (their ARN carries the role name but not its path).
  const valueArn = splitArn(value);
  const idArn = splitArn(id);
  if (valueArn && idArn && valueArn.account === idArn.account && valueArn.partition === idArn.partition) {
    const role = roleNameOf(value);
    return (
      role !== undefined && valueArn.service === 'iam' && idArn.service === 'sts' && roleNameOf(id) === role
    );
  }
  return false;
}

/** The issuer host of an OIDC provider ARN or URL: `oidc.eks.us-east-1.amazonaws.com/id/ABC`. */
export function federatedHost(value: string): string {
  const arn = splitArn(value);
  const raw =
    arn && arn.resource.startsWith('oidc-provider/') ? arn.resource.slice('oidc-provider/'.length) : value;
  return raw.replace(/^https:\/\//, '').replace(/\/+$/, '');
}

function federatedValueMatches(value: string, id: string): boolean {
  if (value === '*' || value === id) return true;
  return federatedHost(value).toLowerCase() === federatedHost(id).toLowerCase();
}

function valueMatches(type: PrincipalType, value: string, principal: RequestPrincipal): boolean {
  // `{"AWS": "*"}` is everyone, like `"*"`.
  if (type === 'AWS' && value === '*') return true;
  if (type !== principal.type) return false;
  switch (type) {
    case 'AWS':
      return awsValueMatches(value, principal.id);
    case 'Service':
      return value === '*' || value.toLowerCase() === principal.id.toLowerCase();
    case 'Federated':
      return federatedValueMatches(value, principal.id);
    case 'CanonicalUser':
      return value === principal.id;
  }
}

export interface PrincipalOutcome {
  matches: boolean;
  /** Why not, when it does not match (or why the element is unusable). */
  reason?: string;
}

/** Does a Principal (or NotPrincipal) element name the request principal? */
export function principalMatches(
  element: unknown,
  principal: RequestPrincipal | undefined,
): PrincipalOutcome {
  if (element === '*') return { matches: true };
  if (typeof element !== 'object' || element === null || Array.isArray(element)) {
    return { matches: false, reason: 'the principal element is neither "*" nor an object' };
  }
  const described = principal ? `${principal.type} principal ${principal.id}` : 'an anonymous request';
  for (const [type, raw] of Object.entries(element)) {
    if (!TYPES.includes(type as PrincipalType)) {
      return { matches: false, reason: `unknown principal type ${type}` };
    }
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    if (principal === undefined) {
      if (type === 'AWS' && values.includes('*')) return { matches: true };
      continue;
    }
    if (values.some((v) => valueMatches(type as PrincipalType, v, principal))) return { matches: true };
  }
  return { matches: false, reason: `${described} is not named` };
}
