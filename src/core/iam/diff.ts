import type { IamCatalog } from './catalog';
import { expandStatementActions } from './expand';
import { describeStatement, statementsOf, stringsOf, type StatementEntry } from './simulate/document';
import { matchesAction, patternCovers, patternsOverlap } from './wildcard';

/**
 * Effective permissions of one policy document, offline, and the difference between two versions of it
 * (the "Compare with HEAD" engine, an offline counterpart of Access Analyzer's CheckNoNewAccess).
 *
 * What is proven and what is not:
 * - An Allow without Condition (and without a Principal other than `*`) grants its actions on its resource
 *   patterns unconditionally. Conditions and principals cannot be decided offline: such grants are kept,
 *   qualified by `when` (one alternative per Allow statement, as canonical JSON).
 * - A Deny without Condition or Principal whose resources provably cover a grant's resource pattern removes
 *   the action from it. A Deny that only may apply (it has a Condition or a Principal, or its resources
 *   overlap the grant's without covering it) keeps the grant and records itself in `unless`.
 * - NotAction is expanded over the whole catalog; NotResource grants are keyed `NotResource(a, b)`.
 * - Unknown single actions (not in the catalog) are kept verbatim so a typo still shows in a diff.
 */

export interface GrantQualifier {
  /** Alternatives under which the grant holds; empty when it holds unconditionally. */
  when: string[];
  /** Deny statements that may take the grant away, with the reason it is not provable offline. */
  unless: string[];
}

export interface EffectivePermissions {
  /** Resource pattern → action keys the document may allow: unconditional and qualified grants alike. */
  allowed: Map<string, Set<string>>;
  /** Resource pattern → action → qualifier, for the grants in `allowed` that are not unconditional. */
  qualified: Map<string, Map<string, GrantQualifier>>;
  /** Action patterns matching nothing in the catalog, sorted. */
  unknownActions: string[];
  /** The number of (resource pattern, action) pairs in `allowed`. */
  count: number;
}

export interface ActionDelta {
  resource: string;
  /** Summarised for display: `*` when every catalog action is in, `svc:*` for a whole service, else keys. */
  actions: string[];
  /** The real number of actions behind `actions`. */
  count: number;
}

export interface ConditionChange extends ActionDelta {
  before: GrantQualifier;
  after: GrantQualifier;
}

export interface PolicyDiff {
  /** Actions granted after but on no resource pattern covering the same resource before. */
  added: ActionDelta[];
  /** Actions granted before but on no resource pattern covering the same resource after. */
  removed: ActionDelta[];
  /** Grants on the same resource pattern whose conditions, principals or possible denies changed. */
  conditionChanges: ConditionChange[];
  /** The CheckNoNewAccess answer: true when `after` may allow something `before` did not. */
  hasNewAccess: boolean;
  counts: { before: number; after: number; added: number; removed: number };
}

const NO_QUALIFIER: GrantQualifier = { when: [], unless: [] };

/** JSON with sorted keys and sorted, single-value-collapsed arrays: equal meaning, equal text. */
export function canonicalJson(value: unknown): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(canon).sort((a, b) => cmp(JSON.stringify(a), JSON.stringify(b)));
      return items.length === 1 ? items[0] : items;
    }
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = canon((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(canon(value));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function everyone(principal: unknown): boolean {
  if (principal === '*') return true;
  const aws = (principal as Record<string, unknown> | null)?.AWS;
  return (
    typeof principal === 'object' &&
    principal !== null &&
    Object.keys(principal).length === 1 &&
    (aws === '*' || (Array.isArray(aws) && aws.includes('*')))
  );
}

/** The qualifier text of an Allow statement, or undefined when it holds unconditionally. */
function allowCondition(s: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  if (s.Principal !== undefined && !everyone(s.Principal))
    parts.push(`Principal ${canonicalJson(s.Principal)}`);
  if (s.NotPrincipal !== undefined) parts.push(`NotPrincipal ${canonicalJson(s.NotPrincipal)}`);
  if (s.Condition !== undefined) parts.push(`Condition ${canonicalJson(s.Condition)}`);
  return parts.length ? parts.join(' ') : undefined;
}

function notResourceKey(patterns: readonly string[]): string {
  return `NotResource(${[...new Set(patterns)].sort().join(', ')})`;
}

/** The resource keys an Allow grants on: its patterns, one NotResource key, or `*` when implied. */
function resourceKeys(s: Record<string, unknown>): string[] | undefined {
  if (s.Resource !== undefined && s.NotResource !== undefined) return undefined;
  if (s.NotResource !== undefined) {
    const not = stringsOf(s.NotResource);
    return not ? [notResourceKey(not)] : undefined;
  }
  if (s.Resource === undefined) {
    // Trust and resource policies imply their resource; an identity statement without one grants nothing.
    return s.Principal !== undefined || s.NotPrincipal !== undefined ? ['*'] : undefined;
  }
  return stringsOf(s.Resource);
}

function actionsOf(entry: StatementEntry, catalog: IamCatalog, unknown: Set<string>): string[] {
  const expanded = expandStatementActions(entry.statement, catalog, { notActionScope: 'all-services' });
  const out = expanded.actions.slice();
  for (const p of expanded.unmatched) {
    unknown.add(p);
    // A single unknown action stays visible (lower-case service, name as written).
    if (expanded.element === 'Action' && !/[*?]/.test(p) && p.includes(':')) {
      const colon = p.indexOf(':');
      out.push(`${p.slice(0, colon).toLowerCase()}${p.slice(colon)}`);
    }
  }
  return out;
}

type Coverage = 'covers' | 'overlaps' | 'disjoint';

/** How a Deny's resources relate to a grant's resource key. */
function denyCoverage(deny: Record<string, unknown>, key: string): Coverage {
  const grantIsNot = key.startsWith('NotResource(');
  if (deny.Resource === undefined && deny.NotResource === undefined) {
    return deny.Principal !== undefined || deny.NotPrincipal !== undefined ? 'covers' : 'disjoint';
  }
  if (deny.NotResource !== undefined) {
    const not = stringsOf(deny.NotResource) ?? [];
    if (grantIsNot) return 'overlaps';
    if (not.some((n) => patternCovers(n, key, 'resource'))) return 'disjoint';
    return not.some((n) => patternsOverlap(n, key, 'resource')) ? 'overlaps' : 'covers';
  }
  const patterns = stringsOf(deny.Resource) ?? [];
  const target = grantIsNot ? '*' : key;
  if (patterns.some((p) => patternCovers(p, target, 'resource'))) return 'covers';
  return patterns.some((p) => patternsOverlap(p, target, 'resource')) ? 'overlaps' : 'disjoint';
}

function denyAction(deny: Record<string, unknown>): (action: string) => boolean {
  if (deny.Action !== undefined) {
    const patterns = stringsOf(deny.Action) ?? [];
    return (a) => patterns.some((p) => matchesAction(p, a));
  }
  const not = stringsOf(deny.NotAction);
  if (!not) return () => false;
  return (a) => !not.some((p) => matchesAction(p, a));
}

/** Sets are created on demand: a `*` grant holds 20,000+ actions, nearly all unqualified. */
interface Grant {
  always: boolean;
  when?: Set<string>;
  unless?: Set<string>;
}

/** What one policy document may allow, per resource pattern, after the Deny statements it proves. */
export function effectivePermissions(document: unknown, catalog: IamCatalog): EffectivePermissions {
  const { statements } = statementsOf(document);
  const unknown = new Set<string>();
  const grants = new Map<string, Map<string, Grant>>();

  for (const entry of statements) {
    if (entry.effect !== 'Allow') continue;
    const resources = resourceKeys(entry.statement);
    if (!resources) continue;
    const condition = allowCondition(entry.statement);
    const actions = actionsOf(entry, catalog, unknown);
    for (const resource of resources) {
      let byAction = grants.get(resource);
      if (!byAction) grants.set(resource, (byAction = new Map()));
      for (const action of actions) {
        let g = byAction.get(action);
        if (!g) byAction.set(action, (g = { always: false }));
        if (condition === undefined) g.always = true;
        else (g.when ??= new Set()).add(condition);
      }
    }
  }

  for (const entry of statements) {
    if (entry.effect !== 'Deny') continue;
    const s = entry.statement;
    const hits = denyAction(s);
    const restricted =
      s.Condition !== undefined ||
      (s.Principal !== undefined && !everyone(s.Principal)) ||
      s.NotPrincipal !== undefined;
    const name = `Deny ${describeStatement('', entry).trim()}`;
    for (const [resource, byAction] of grants) {
      const coverage = denyCoverage(s, resource);
      if (coverage === 'disjoint') continue;
      const why =
        coverage === 'overlaps'
          ? `${name} on the part of ${resource} its resources cover`
          : `${name} when its ${s.Condition !== undefined ? 'condition holds' : 'principal matches'}`;
      for (const [action, g] of byAction) {
        if (!hits(action)) continue;
        if (coverage === 'covers' && !restricted) byAction.delete(action);
        else (g.unless ??= new Set()).add(why);
      }
    }
  }

  const allowed = new Map<string, Set<string>>();
  const qualified = new Map<string, Map<string, GrantQualifier>>();
  let count = 0;
  for (const resource of [...grants.keys()].sort()) {
    const byAction = grants.get(resource)!;
    if (byAction.size === 0) continue;
    const actions = [...byAction.keys()].sort();
    allowed.set(resource, new Set(actions));
    count += actions.length;
    for (const action of actions) {
      const g = byAction.get(action)!;
      if ((g.always || !g.when) && !g.unless) continue;
      const q: GrantQualifier = {
        when: g.always || !g.when ? [] : [...g.when].sort(),
        unless: g.unless ? [...g.unless].sort() : [],
      };
      let m = qualified.get(resource);
      if (!m) qualified.set(resource, (m = new Map()));
      m.set(action, q);
    }
  }
  return { allowed, qualified, unknownActions: [...unknown].sort(), count };
}

/** The qualifier of one grant; unconditional when none is recorded. */
function qualifierOf(p: EffectivePermissions, resource: string, action: string): GrantQualifier {
  return p.qualified.get(resource)?.get(action) ?? NO_QUALIFIER;
}

/** Does a grant under `outer` allow at least whatever a grant under `inner` allows? */
function atLeastAsPermissive(outer: GrantQualifier, inner: GrantQualifier): boolean {
  const whenOk =
    outer.when.length === 0 || (inner.when.length > 0 && inner.when.every((w) => outer.when.includes(w)));
  return whenOk && outer.unless.every((u) => inner.unless.includes(u));
}

/** Does resource key `outer` cover resource key `inner`? */
function keyCovers(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  if (outer.startsWith('NotResource(')) return false;
  if (inner.startsWith('NotResource(')) return patternCovers(outer, '*', 'resource');
  return patternCovers(outer, inner, 'resource');
}

/**
 * Display form of an action set: `*` when it holds the whole catalog, `svc:*` for whole services, otherwise
 * the keys; sorted. A grant of everything stays one line while `count` keeps the real number.
 */
export function summarizeActions(actions: Iterable<string>, catalog: IamCatalog): string[] {
  const set = new Set(actions);
  const everything = catalog.matchActions('*');
  if (everything.length > 0 && everything.every((a) => set.has(a.key))) {
    // Keep actions outside the catalog (typos) visible next to the `*`.
    return ['*', ...[...set].filter((a) => !catalog.action(a)).sort()];
  }
  const byService = new Map<string, string[]>();
  for (const a of set) {
    const service = a.slice(0, a.indexOf(':'));
    let list = byService.get(service);
    if (!list) byService.set(service, (list = []));
    list.push(a);
  }
  const out: string[] = [];
  for (const [service, list] of byService) {
    const all = catalog.actions(service);
    if (all.length > 0 && all.every((a) => set.has(a.key))) out.push(`${service}:*`);
    else out.push(...list);
  }
  return out.sort();
}

interface Pair {
  resource: string;
  actions: string[];
}

/** For each resource of `from`: its actions that no covering resource of `to` grants. */
function uncovered(from: EffectivePermissions, to: EffectivePermissions): Pair[] {
  const out: Pair[] = [];
  const toKeys = [...to.allowed.keys()];
  for (const [resource, actions] of from.allowed) {
    const covering = toKeys.filter((k) => keyCovers(k, resource)).map((k) => to.allowed.get(k)!);
    const missing = [...actions].filter((a) => !covering.some((set) => set.has(a)));
    if (missing.length) out.push({ resource, actions: missing.sort() });
  }
  return out.sort((a, b) => cmp(a.resource, b.resource));
}

/** The effective-permission difference between two versions of a policy document. */
export function diffPolicies(before: unknown, after: unknown, catalog: IamCatalog): PolicyDiff {
  const b = effectivePermissions(before, catalog);
  const a = effectivePermissions(after, catalog);
  const delta = (pairs: Pair[]): ActionDelta[] =>
    pairs.map((p) => ({
      resource: p.resource,
      actions: summarizeActions(p.actions, catalog),
      count: p.actions.length,
    }));
  const addedPairs = uncovered(a, b);
  const removedPairs = uncovered(b, a);

  const changes = new Map<string, ConditionChange & { list: string[] }>();
  for (const [resource, actions] of a.allowed) {
    const old = b.allowed.get(resource);
    if (!old) continue;
    for (const action of actions) {
      if (!old.has(action)) continue;
      const qa = qualifierOf(a, resource, action);
      const qb = qualifierOf(b, resource, action);
      if (qa === qb) continue; // both unqualified (the shared NO_QUALIFIER)
      const ka = JSON.stringify(qa);
      const kb = JSON.stringify(qb);
      if (ka === kb) continue;
      const id = `${resource}\u0000${kb}\u0000${ka}`;
      let c = changes.get(id);
      if (!c) changes.set(id, (c = { resource, actions: [], count: 0, before: qb, after: qa, list: [] }));
      c.list.push(action);
    }
  }
  const conditionChanges = [...changes.entries()]
    .sort(([x], [y]) => cmp(x, y))
    .map(([, c]) => ({
      resource: c.resource,
      actions: summarizeActions(c.list, catalog),
      count: c.list.length,
      before: c.before,
      after: c.after,
    }));

  // New access: an after grant that no covering before grant allows at least as permissively.
  let hasNewAccess = addedPairs.length > 0;
  for (const [resource, actions] of a.allowed) {
    if (hasNewAccess) break;
    const covering = [...b.allowed.keys()].filter((k) => keyCovers(k, resource));
    hasNewAccess = [...actions].some((action) => {
      const q = qualifierOf(a, resource, action);
      return !covering.some(
        (k) => b.allowed.get(k)!.has(action) && atLeastAsPermissive(qualifierOf(b, k, action), q),
      );
    });
  }

  const sum = (pairs: Pair[]) => pairs.reduce((n, p) => n + p.actions.length, 0);
  return {
    added: delta(addedPairs),
    removed: delta(removedPairs),
    conditionChanges,
    hasNewAccess,
    counts: { before: b.count, after: a.count, added: sum(addedPairs), removed: sum(removedPairs) },
  };
}
