import type { JsonHost } from './jsonHost';

/**
 * Replaces an action pattern by the explicit actions it matches (`expanded`, from the catalog), in place:
 * an element of an Action array becomes several elements; a single string becomes an array. Actions the
 * list already holds elsewhere are not repeated.
 */
export function expandWildcardAction(
  host: JsonHost,
  pointer: string,
  expanded: string[],
): string | undefined {
  const path = host.path(pointer);
  if (!path || expanded.length === 0) return undefined;
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const listPath = path.slice(0, -1);
    const list = host.value(listPath);
    if (!Array.isArray(list)) return undefined;
    const others = new Set(list.filter((_, i) => i !== last).map((v) => String(v).toLowerCase()));
    const inserted = expanded.filter((a) => !others.has(a.toLowerCase()));
    const next = [...list.slice(0, last), ...inserted, ...list.slice(last + 1)];
    return host.set(host.text, listPath, next);
  }
  if (typeof host.value(path) !== 'string') return undefined;
  return host.set(host.text, path, expanded);
}
