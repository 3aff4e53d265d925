import type { JsonHost } from './jsonHost';

/**
 * Requires `sts:ExternalId` on a trust statement (`Condition.StringEquals`), merging with conditions it
 * already has. The caller passes the id, normally a fresh `crypto.randomUUID()` to share with the SaaS.
 */
export function addExternalIdCondition(
  host: JsonHost,
  statementPointer: string,
  externalId: string,
): string | undefined {
  const path = host.path(statementPointer);
  if (!path) return undefined;
  const statement = host.value(path);
  if (!isObject(statement)) return undefined;
  return host.set(host.text, [...path, 'Condition', 'StringEquals', 'sts:ExternalId'], externalId);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
