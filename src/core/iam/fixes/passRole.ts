import type { JSONPath } from 'jsonc-parser';
import { isObject } from './externalId';
import type { JsonHost } from './jsonHost';

const ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::\d{12}:role\/[\w+=,.@\-/]+$/;

/** Why a role ARN cannot be passed to `scopePassRole`, or undefined when it is fine (for input boxes). */
export function roleArnProblem(arn: string): string | undefined {
  if (ROLE_ARN.test(arn.trim())) return undefined;
  return 'Enter a role ARN such as arn:aws:iam::123456789012:role/MyRole (12-digit account, role/ path and name).';
}

/** Why a service principal cannot be used with iam:PassedToService, or undefined when it is fine. */
export function servicePrincipalProblem(service: string): string | undefined {
  if (/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/.test(service.trim())) return undefined;
  return 'Enter the service principal that receives the role, such as ec2.amazonaws.com or lambda.amazonaws.com.';
}

const isPassRole = (a: unknown) => typeof a === 'string' && a.toLowerCase() === 'iam:passrole';

/**
 * Scopes `iam:PassRole` to one role and one receiving service. A statement granting only PassRole gets
 * its Resource and an `iam:PassedToService` condition; a statement that grants other actions too loses
 * its PassRole entry, and a new statement grants PassRole alone, so the other actions keep their scope.
 */
export function scopePassRole(
  host: JsonHost,
  statementPointer: string,
  roleArn: string,
  service: string,
): string | undefined {
  const path = host.path(statementPointer);
  if (!path) return undefined;
  const statement = host.value(path);
  if (!isObject(statement) || !('Action' in statement)) return undefined;
  const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
  if (!actions.some(isPassRole)) return undefined;
  const condition = { StringEquals: { 'iam:PassedToService': service.trim() } };
  if (actions.every(isPassRole)) {
    let text = host.set(host.text, [...path, 'Resource'], roleArn.trim());
    text = host.set(text, [...path, 'Condition', 'StringEquals', 'iam:PassedToService'], service.trim());
    return text;
  }
  const rest = actions.filter((a) => !isPassRole(a));
  const scoped = {
    Sid: freeSid(host, 'ScopedPassRole'),
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: roleArn.trim(),
    Condition: condition,
  };
  let text = host.set(host.text, [...path, 'Action'], rest.length === 1 ? rest[0] : rest);
  text = appendStatement(host, text, path, scoped);
  return text;
}

/** Adds a statement after the one at `statementPath`, turning a single Statement object into an array. */
export function appendStatement(
  host: JsonHost,
  text: string,
  statementPath: JSONPath,
  statement: unknown,
): string {
  const last = statementPath[statementPath.length - 1];
  if (typeof last === 'number') {
    return host.set(text, [...statementPath.slice(0, -1), last + 1], statement, { isArrayInsertion: true });
  }
  const current = host.value(statementPath);
  return host.set(text, statementPath, [current, statement]);
}

function freeSid(host: JsonHost, wanted: string): string {
  const statements = host.value([...host.base, 'Statement']);
  const taken = new Set(
    (Array.isArray(statements) ? statements : [statements]).map((s) => (isObject(s) ? s.Sid : undefined)),
  );
  let sid = wanted;
  for (let n = 2; taken.has(sid); n++) sid = `${wanted}${n}`;
  return sid;
}
