import type { IamCatalog } from './catalog';
import { stringsOf } from './simulate/document';
import { matchesAction } from './wildcard';

/** The canonical action keys (`s3:GetObject`) matched by IAM action patterns: sorted, without duplicates. */
export function expandActions(patterns: readonly string[], catalog: IamCatalog): string[] {
  // The catalog answers one pattern sorted and without duplicates already; `*` alone is 20,000+ keys.
  if (patterns.length === 1) return catalog.matchActions(patterns[0]).map((a) => a.key);
  const keys = new Set<string>();
  for (const p of patterns) for (const a of catalog.matchActions(p)) keys.add(a.key);
  return [...keys].sort();
}

export interface StatementActions {
  /** `Action` or `NotAction`: the element the statement uses; undefined when it has neither (or both). */
  element?: 'Action' | 'NotAction';
  /** The explicit action keys, sorted. For NotAction: every action of `services` not matched by it. */
  actions: string[];
  /** The service prefixes the expansion covers, sorted. */
  services: string[];
  /**
   * NotAction only: the statement also covers every action of every catalog service outside `services`,
   * which `actions` does not list. When false, `actions` is exactly what the statement covers.
   */
  otherServices: boolean;
  /** Patterns that match no catalog action: an unknown action, or a wildcard that matches nothing. */
  unmatched: string[];
}

export interface ExpandOptions {
  /**
   * How far a NotAction reaches. 'listed-services' (default) expands within the services the NotAction
   * names and reports the rest through `otherServices`, which keeps an `iam:*`-style NotAction readable;
   * 'all-services' expands over the whole catalog (tens of thousands of actions), so `actions` is complete.
   */
  notActionScope?: 'listed-services' | 'all-services';
}

/** The service prefixes a pattern's service part names (several when it holds a wildcard). */
function servicesNamed(pattern: string, catalog: IamCatalog): string[] {
  if (pattern === '*') return catalog.services().map((s) => s.prefix);
  const colon = pattern.indexOf(':');
  if (colon <= 0) return [];
  const part = pattern.slice(0, colon);
  return catalog
    .services()
    .map((s) => s.prefix)
    .filter((prefix) => matchesAction(part, prefix));
}

/**
 * The actions a statement's Action or NotAction covers. A NotAction whose patterns themselves span every
 * service (`*`, or a service part like `*` in `*:Get*`) is expanded over the whole catalog whatever the
 * scope option, so `otherServices` is false and `actions` is complete.
 */
export function expandStatementActions(
  statement: unknown,
  catalog: IamCatalog,
  options: ExpandOptions = {},
): StatementActions {
  const s = typeof statement === 'object' && statement !== null ? (statement as Record<string, unknown>) : {};
  const hasAction = s.Action !== undefined;
  const hasNot = s.NotAction !== undefined;
  const element = hasAction === hasNot ? undefined : hasAction ? 'Action' : 'NotAction';
  const patterns = element ? (stringsOf(s[element]) ?? []) : [];
  const unmatched = patterns.filter((p) => catalog.matchActions(p).length === 0);
  const matched = expandActions(patterns, catalog);

  if (element !== 'NotAction') {
    const services = [...new Set(matched.map((k) => k.slice(0, k.indexOf(':'))))].sort();
    return { element, actions: matched, services, otherServices: false, unmatched };
  }

  const all = catalog.services().map((s) => s.prefix);
  const scope = new Set(
    options.notActionScope === 'all-services' ? all : patterns.flatMap((p) => servicesNamed(p, catalog)),
  );
  const excluded = new Set(matched);
  const actions: string[] = [];
  for (const prefix of scope) {
    for (const a of catalog.actions(prefix)) if (!excluded.has(a.key)) actions.push(a.key);
  }
  return {
    element,
    actions: actions.sort(),
    services: [...scope].sort(),
    otherServices: all.some((prefix) => !scope.has(prefix)),
    unmatched,
  };
}
