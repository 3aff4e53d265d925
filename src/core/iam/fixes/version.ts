import type { JsonHost } from './jsonHost';

export const CURRENT_POLICY_VERSION = '2012-10-17';

/** Adds `"Version": "2012-10-17"` as the document's first element, or corrects an existing Version. */
export function setPolicyVersion(host: JsonHost): string | undefined {
  const doc = host.value(host.base);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  return host.set(host.text, [...host.base, 'Version'], CURRENT_POLICY_VERSION, { first: true });
}
