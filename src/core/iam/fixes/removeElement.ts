import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { JsonHost } from './jsonHost';

/**
 * Removes one array element (a duplicate action or resource) with its separator; arrays only. Done from
 * the syntax tree rather than jsonc-parser's `modify`, which cuts the wrong span for a last element.
 */
export function removeArrayElement(host: JsonHost, pointer: string): string | undefined {
  const path = host.path(pointer);
  if (!path || typeof path[path.length - 1] !== 'number') return undefined;
  const root = parseTree(host.text);
  const array = root && findNodeAtLocation(root, path.slice(0, -1));
  const items = array?.type === 'array' ? (array.children ?? []) : [];
  const i = path[path.length - 1] as number;
  const item = items[i];
  if (!item) return undefined;
  let from = item.offset;
  let to = item.offset + item.length;
  if (i + 1 < items.length) to = items[i + 1].offset;
  else if (i > 0) from = items[i - 1].offset + items[i - 1].length;
  return host.text.slice(0, from) + host.text.slice(to);
}
