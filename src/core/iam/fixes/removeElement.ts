import type { JsonHost } from './jsonHost';

/** Removes one array element (a duplicate action or resource) with its separator; arrays only. */
export function removeArrayElement(host: JsonHost, pointer: string): string | undefined {
  const path = host.path(pointer);
  if (!path || typeof path[path.length - 1] !== 'number') return undefined;
  return host.set(host.text, path, undefined);
}
