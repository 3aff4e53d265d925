import type { Finding, Severity } from '../../finding';
import type { ActionInfo, ConditionKeyInfo, IamCatalog } from '../catalog';
import { parseConditionOperator, type ParsedConditionOperator } from '../conditionOperators';
import type { PolicyKind } from '../kind';
import {
  OpaqueValue,
  escapePointerSegment,
  type PolicyDocument,
  type PolicyObject,
  type PolicyValue,
} from '../parse';

export interface ValidateOptions {
  /** Overrides the document's detected kind. */
  kind?: PolicyKind;
  /** The account that owns the role or resource; principals outside it are cross-account. */
  accountId?: string;
}

/** One value of a single-or-list element (Action, Resource, a principal list, a condition value list). */
export interface Entry {
  readonly pointer: string;
  readonly value: PolicyValue;
}

/**
 * An entry of `base`/`key` (or of `base` itself when key is undefined), item `index` or the whole value
 * when index < 0. The pointer is built only when read: a clean megabyte policy reads almost none.
 */
class ItemEntry implements Entry {
  private built: string | undefined;

  constructor(
    readonly value: PolicyValue,
    private readonly base: string,
    private readonly key: string | undefined,
    private readonly index: number,
  ) {}

  get pointer(): string {
    if (this.built === undefined) {
      const parent = this.key === undefined ? this.base : child(this.base, this.key);
      this.built = this.index < 0 ? parent : `${parent}/${this.index}`;
    }
    return this.built;
  }
}

const NO_VALUES: readonly PolicyValue[] = [];

/** A single value as a one-value list; a list as itself; nothing as the empty list. */
function valueList(value: PolicyValue | undefined): readonly PolicyValue[] {
  return value === undefined ? NO_VALUES : Array.isArray(value) ? value : [value];
}

/**
 * A statement with its elements normalised to lists. The checks read `actionValues`/`resourceValues`;
 * the Entry lists (with pointers) are built on first use, which a clean statement mostly never needs.
 */
export class StatementView {
  readonly effect: 'Allow' | 'Deny' | undefined;
  readonly actionKey: 'Action' | 'NotAction' | undefined;
  readonly resourceKey: 'Resource' | 'NotResource' | undefined;
  readonly principalKey: 'Principal' | 'NotPrincipal' | undefined;
  readonly condition: PolicyObject | undefined;
  /** The values of Action/NotAction and Resource/NotResource, in order; item i is entry i. */
  readonly actionValues: readonly PolicyValue[];
  readonly resourceValues: readonly PolicyValue[];
  private actionEntries: Entry[] | undefined;
  private resourceEntries: Entry[] | undefined;
  private builtPointer: string | undefined;

  constructor(
    readonly index: number,
    /** The statement is the lone object of `Statement`, not an item of a list. */
    private readonly single: boolean,
    readonly raw: PolicyObject,
  ) {
    this.actionKey = 'Action' in raw ? 'Action' : 'NotAction' in raw ? 'NotAction' : undefined;
    this.resourceKey = 'Resource' in raw ? 'Resource' : 'NotResource' in raw ? 'NotResource' : undefined;
    this.principalKey = 'Principal' in raw ? 'Principal' : 'NotPrincipal' in raw ? 'NotPrincipal' : undefined;
    this.effect = raw.Effect === 'Allow' || raw.Effect === 'Deny' ? raw.Effect : undefined;
    this.condition = isObject(raw.Condition) ? raw.Condition : undefined;
    this.actionValues = this.actionKey ? valueList(raw[this.actionKey]) : NO_VALUES;
    this.resourceValues = this.resourceKey ? valueList(raw[this.resourceKey]) : NO_VALUES;
  }

  /** `/Statement/<index>`, or `/Statement` for a lone statement; built on first use, as a clean policy rarely needs it. */
  get pointer(): string {
    return (this.builtPointer ??= this.single ? '/Statement' : `/Statement/${this.index}`);
  }

  get actions(): Entry[] {
    return (this.actionEntries ??= this.actionKey
      ? memberEntries(this.raw[this.actionKey], this.pointer, this.actionKey)
      : []);
  }

  get resources(): Entry[] {
    return (this.resourceEntries ??= this.resourceKey
      ? memberEntries(this.raw[this.resourceKey], this.pointer, this.resourceKey)
      : []);
  }
}

export function isObject(v: PolicyValue | undefined): v is PolicyObject {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof OpaqueValue);
}

export function child(pointer: string, segment: string | number): string {
  return `${pointer}/${escapePointerSegment(segment)}`;
}

/** A single value or a list of them, each with its pointer; an opaque list stays one opaque entry. */
export function entries(value: PolicyValue | undefined, pointer: string): Entry[] {
  return memberEntries(value, pointer, undefined);
}

/** `entries` of the member `key` of the element at `pointer`, without building the member's pointer. */
export function memberEntries(
  value: PolicyValue | undefined,
  pointer: string,
  key: string | undefined,
): Entry[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [new ItemEntry(value, pointer, key, -1)];
  const out: Entry[] = new Array<Entry>(value.length);
  for (let i = 0; i < value.length; i++) out[i] = new ItemEntry(value[i], pointer, key, i);
  return out;
}

export interface FindingInput {
  severity: Severity;
  check: string;
  path: string;
  message: string;
  /** Which part of the element the range covers; 'value' by default. */
  part?: 'key' | 'value' | 'open';
  data?: Record<string, unknown>;
}

/**
 * Large policies repeat the same actions, keys, operators and ARNs thousands of times: the context
 * answers each distinct one once per validation. Keyed by user text, so it lives no longer than the run.
 */
export class Memo<T> {
  private readonly map = new Map<string, T>();

  constructor(private readonly compute: (key: string) => T) {}

  get(key: string): T {
    let v = this.map.get(key);
    if (v === undefined && !this.map.has(key)) {
      v = this.compute(key);
      this.map.set(key, v);
    }
    return v as T;
  }
}

export class CheckContext {
  readonly findings: Finding[] = [];
  readonly statements: StatementView[] = [];
  readonly kind: PolicyKind;
  readonly version: string | undefined;

  private readonly matched = new Memo<ActionInfo[]>((p) => this.catalog.matchActions(p));
  private readonly keyInfo = new Memo<ConditionKeyInfo | undefined>((k) => this.catalog.conditionKey(k));
  private readonly operators = new Memo<ParsedConditionOperator | undefined>(parseConditionOperator);
  private readonly lower = new Memo<string>((text) => text.toLowerCase());

  constructor(
    readonly doc: PolicyDocument,
    readonly catalog: IamCatalog,
    readonly options: ValidateOptions,
  ) {
    this.kind = options.kind ?? doc.kind;
    const root = doc.value;
    this.version = isObject(root) && typeof root.Version === 'string' ? root.Version : undefined;
    if (!isObject(root)) return;
    const st = root.Statement;
    if (Array.isArray(st)) {
      // Sized up front (and trimmed): growing by push copies the list several times over.
      const views = this.statements;
      views.length = st.length;
      let n = 0;
      for (let i = 0; i < st.length; i++) {
        const v = st[i];
        if (isObject(v)) views[n++] = new StatementView(i, false, v);
      }
      views.length = n;
    } else if (isObject(st)) this.statements.push(new StatementView(0, true, st));
  }

  /** text.toLowerCase(), once per distinct text (for the few distinct actions and keys a policy repeats). */
  lowerCase(text: string): string {
    return this.lower.get(text);
  }

  /** catalog.matchActions, once per distinct pattern; the shared result must not be modified. */
  matchActions(pattern: string): readonly ActionInfo[] {
    return this.matched.get(pattern);
  }

  /** catalog.conditionKey, once per distinct key. */
  conditionKey(key: string): ConditionKeyInfo | undefined {
    return this.keyInfo.get(key);
  }

  /** parseConditionOperator, once per distinct operator. */
  conditionOperator(raw: string): ParsedConditionOperator | undefined {
    return this.operators.get(raw);
  }

  report(f: FindingInput): void {
    this.findings.push({
      severity: f.severity,
      check: f.check,
      path: f.path,
      range: this.doc.rangeFor(f.path, f.part),
      message: f.message,
      ...(f.data ? { data: f.data } : {}),
    });
  }

  /** Condition keys used by a statement, lower-cased, with the operators that test them. */
  conditionKeys(s: StatementView): Map<string, string[]> {
    const out = new Map<string, string[]>();
    if (!s.condition) return out;
    for (const [op, block] of Object.entries(s.condition)) {
      if (!isObject(block)) continue;
      for (const key of Object.keys(block)) {
        const k = key.toLowerCase();
        out.set(k, [...(out.get(k) ?? []), op]);
      }
    }
    return out;
  }
}

/** Levenshtein distance, bounded for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 3) return Math.abs(m - n);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

/** The closest candidate within a distance that scales with length; ties go to the first in sorted order. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 4));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    let d = editDistance(lower, cl);
    // A prefix/suffix typo such as GetObjects/GetObjec counts as close.
    if (
      d > limit &&
      (cl.startsWith(lower) || lower.startsWith(cl)) &&
      Math.abs(cl.length - lower.length) <= 2
    )
      d = limit;
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}
