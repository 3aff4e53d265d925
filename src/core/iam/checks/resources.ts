import type { Severity } from '../../finding';
import type { ActionInfo, IamCatalog, ResourceTypeInfo } from '../catalog';
import {
  ArnReader,
  PARTITIONS,
  compileResource,
  compiledMatchesFormat,
  patternCovers,
  type ArnHead,
  resourceMatchesFormat,
  resourcePartMatchesFormat,
  type CompiledResource,
  type ParsedArn,
} from '../arn';
import type { PolicyValue } from '../parse';
import { FastFormat, isFastField } from './arnFastPath';
import { Memo, type CheckContext, type Entry, type StatementView } from './context';

const WILD = /[*?]/;

/** A resource type with the literal start of its ARN format's resource part ("instance/", "" for a bucket). */
interface TypeStart {
  rt: ResourceTypeInfo;
  format: FastFormat;
  start: string;
  /** The format has no region (field 3) or account (field 4), like an S3 bucket. */
  noRegion: boolean;
  noAccount: boolean;
}

/** A service's resource types in catalog order, and those sharing a name, by the names actions use. */
interface ServiceTypes {
  all: TypeStart[];
  lowerNames: Map<string, TypeStart[]>;
  /** lowerNames by a name as written (ActionInfo.resourceTypes), filled as actions ask. */
  named: Map<string, TypeStart[]>;
}

// Derived from the catalog only, so kept per catalog.
const serviceTypes = new WeakMap<IamCatalog, Map<string, ServiceTypes>>();

function typesOfService(ctx: CheckContext, service: string): ServiceTypes {
  let byService = serviceTypes.get(ctx.catalog);
  if (!byService) serviceTypes.set(ctx.catalog, (byService = new Map()));
  let types = byService.get(service);
  if (!types) {
    const all = ctx.catalog.resourceTypes(service).map((rt): TypeStart => {
      const fields = rt.arnFormat.split(':');
      const part = fields.slice(5).join(':');
      return {
        rt,
        format: FastFormat.of(rt.arnFormat),
        start: /^[^$]*/.exec(part)![0],
        noRegion: (fields[3] ?? '') === '',
        noAccount: (fields[4] ?? '') === '',
      };
    });
    const lowerNames = new Map<string, TypeStart[]>();
    for (const t of all) {
      const name = t.rt.name.toLowerCase();
      lowerNames.set(name, [...(lowerNames.get(name) ?? []), t]);
    }
    byService.set(service, (types = { all, lowerNames, named: new Map() }));
  }
  return types;
}

/** The types of `service` whose name is `name` ignoring case. */
function typesNamed(ctx: CheckContext, service: string, name: string): TypeStart[] {
  const types = typesOfService(ctx, service);
  let hit = types.named.get(name);
  if (!hit) types.named.set(name, (hit = types.lowerNames.get(name.toLowerCase()) ?? []));
  return hit;
}

/** The length of the leading segment of a resource part: up to the first '/', ':', wildcard or variable. */
function leadingSegment(resource: string): number {
  let i = 0;
  for (; i < resource.length; i++) {
    const c = resource.charCodeAt(i);
    if (c === 47 || c === 58 || c === 42 || c === 63 || c === 36) break;
  }
  return i;
}

/**
 * Whether a resource part whose leading segment (see leadingSegment) is `resource`'s first `segLength`
 * characters could be of a type whose resource part begins with `start`: one is a prefix of the other.
 * This prefilter spares the format match for most types; it reads the segment in place.
 */
function couldStartAs(resource: string, segLength: number, start: string): boolean {
  if (start.length <= segLength) return resource.startsWith(start);
  for (let i = 0; i < segLength; i++) if (resource.charCodeAt(i) !== start.charCodeAt(i)) return false;
  return true;
}

/**
 * What the checks ask of an ARN's head (everything before the resource part), answered once per
 * distinct head: a large policy's thousands of ARNs share a few heads.
 */
interface HeadFacts {
  /** Every head field is literal or ends in its only `*`: with a fast resource part, isFastArn holds. */
  fast: boolean;
  /** The partition is valid or a wildcard/variable, and the service is named, lower case and literal. */
  plain: boolean;
  /** Neither region nor account names something (isPlainField): arnProblems ends before the formats. */
  plainScope: boolean;
  /** The service's types whose format lacks the region or account this head names (see scopeCanFail). */
  scopeTypes: TypeStart[];
}

function headFacts(ctx: CheckContext, head: ArnHead): HeadFacts {
  const { partition, service, region, account } = head;
  const namesRegion = !isPlainField(region);
  const namesAccount = !isPlainField(account);
  const namedService = service !== '' && service === service.toLowerCase() && !WILD.test(service);
  const plainScope = !namesRegion && !namesAccount;
  return {
    fast: isFastField(partition) && isFastField(service) && isFastField(region) && isFastField(account),
    plain:
      (WILD.test(partition) || partition.includes('${') || PARTITIONS.includes(partition)) && namedService,
    plainScope,
    // Only for a service arnProblems reaches scopeCanFail with: typesOfService caches per catalog.
    scopeTypes:
      namedService && !plainScope
        ? typesOfService(ctx, service).all.filter(
            (t) => (namesRegion && t.noRegion) || (namesAccount && t.noAccount),
          )
        : [],
  };
}

const NO_HEAD: ArnHead = { partition: '', service: '', region: '', account: '', prefix: '' };
const NO_FACTS: HeadFacts = { fast: false, plain: false, plainScope: false, scopeTypes: [] };

/**
 * A Resource ARN of one statement, parsed once for all its checks; it is its own ParsedArn, reading the
 * head fields from the ArnHead it shares with the policy's other ARNs. arnFastPath.ts matches it against
 * formats when every field is literal or ends in `*`; anything else is compiled by arn.ts, once per
 * validation (`slow`). Nothing is kept per distinct ARN: a large policy's ARNs are mostly distinct.
 */
class ResourceArn implements ParsedArn {
  text = '';
  resource = '';
  /** The length of the resource part's leading segment. */
  segLength = 0;
  private head: ArnHead = NO_HEAD;
  facts: HeadFacts = NO_FACTS;
  private fast = false;
  /** The last isOfType question and answer: a statement's actions mostly ask the same one. */
  private askedTypes: TypeStart[] | undefined;
  private answer = false;

  constructor(private readonly slow: Memo<CompiledResource | undefined>) {}

  /**
   * Points this object at the ARN `text` with head `head`. checkResources reuses one object per place in
   * a Resource list for every statement (nothing keeps them past their statement), which saves an
   * allocation per ARN of a large policy.
   */
  read(text: string, head: ArnHead, facts: HeadFacts): this {
    this.text = text;
    this.head = head;
    this.facts = facts;
    this.resource = text.slice(head.prefix.length);
    this.segLength = leadingSegment(this.resource);
    this.fast = facts.fast && isFastField(this.resource);
    this.askedTypes = undefined;
    this.answer = false;
    return this;
  }

  get partition(): string {
    return this.head.partition;
  }

  get service(): string {
    return this.head.service;
  }

  get region(): string {
    return this.head.region;
  }

  get account(): string {
    return this.head.account;
  }

  /** arn.ts resourcePartMatchesFormat. */
  private partMatches(t: TypeStart): boolean {
    if (this.fast) return t.format.resourcePartMatches(this);
    const compiled = this.slow.get(this.text);
    return !!compiled && resourcePartMatchesFormat(compiled, t.rt.arnFormat);
  }

  /** arn.ts compiledMatchesFormat. */
  private matches(t: TypeStart): boolean {
    if (this.fast) return t.format.matches(this);
    const compiled = this.slow.get(this.text);
    return !!compiled && compiledMatchesFormat(compiled, t.rt.arnFormat);
  }

  /** The resource types of the ARN's service whose resource part can match the ARN's resource part. */
  candidateTypes(ctx: CheckContext): ResourceTypeInfo[] {
    const out: ResourceTypeInfo[] = [];
    const all = typesOfService(ctx, this.service).all;
    for (let i = 0; i < all.length; i++) {
      const t = all[i];
      if (couldStartAs(this.resource, this.segLength, t.start) && this.partMatches(t)) out.push(t.rt);
    }
    return out;
  }

  /** Whether this ARN can name a resource of `service`'s type `name`. */
  isOfType(ctx: CheckContext, service: string, name: string): boolean {
    const types = typesNamed(ctx, service, name);
    if (types !== this.askedTypes) {
      this.askedTypes = types;
      this.answer = false;
      for (let i = 0; i < types.length; i++) {
        const t = types[i];
        if (couldStartAs(this.resource, this.segLength, t.start) && this.matches(t)) {
          this.answer = true;
          break;
        }
      }
    }
    return this.answer;
  }
}

/** A problem of one Resource text. */
interface Problem {
  severity: Severity;
  check: string;
  message: string;
  data?: Record<string, unknown>;
}

const NO_PROBLEMS: readonly Problem[] = [];

// Keyed by catalog ARN formats, so bounded by the catalog.
const formatFields = new Map<string, string[]>();

function formatField(format: string, index: number): string {
  let fields = formatFields.get(format);
  if (!fields) formatFields.set(format, (fields = format.split(':')));
  return fields[index] ?? '';
}

const ARN_SCOPE_FIELDS: ReadonlyArray<[3 | 4, 'region' | 'account']> = [
  [3, 'region'],
  [4, 'account'],
];

// Hoisted: a RegExp literal is a new object each time it is evaluated, and this runs per ARN.
const STARS = /^[*]+$/;
const isPlainField = (v: string) => v === '' || STARS.test(v) || v.includes('${');

/** The problems of a Resource value that is not an ARN ("*" has none). */
function notArnProblems(text: string, key: string): readonly Problem[] {
  if (text === '*') return NO_PROBLEMS;
  return [
    {
      severity: 'error',
      check: 'invalid-arn',
      message: text.startsWith('arn:')
        ? `"${text}" is not a complete ARN: it needs six colon-separated fields, arn:partition:service:region:account:resource (leave region or account empty, not missing).`
        : `${key} must be "*" or an ARN such as "arn:aws:s3:::my-bucket", not "${text}".`,
    },
  ];
}

/**
 * Whether the region or account check can report anything: only when a type the ARN could be of has no
 * region (resp. account) in its format. Most ARNs are settled here, before any format is matched.
 */
function scopeCanFail(r: ResourceArn): boolean {
  const types = r.facts.scopeTypes;
  for (let i = 0; i < types.length; i++) {
    if (couldStartAs(r.resource, r.segLength, types[i].start)) return true;
  }
  return false;
}

function arnProblems(ctx: CheckContext, r: ResourceArn): readonly Problem[] {
  const arn: ParsedArn = r;
  const text = r.text;
  if (r.facts.plain) {
    // The head tests below all pass: go straight to the resource part.
    if (arn.resource.includes('${') || r.facts.plainScope || !scopeCanFail(r)) return NO_PROBLEMS;
    return scopeProblems(ctx, r, undefined);
  }
  let out: Problem[] | undefined;
  if (!WILD.test(arn.partition) && !arn.partition.includes('${') && !PARTITIONS.includes(arn.partition)) {
    (out ??= []).push({
      severity: 'error',
      check: 'invalid-partition',
      message: `"${arn.partition}" is not an AWS partition. Use "aws" (or aws-cn, aws-us-gov, ...).`,
      data: { suggestion: `arn:aws:${text.slice(5 + arn.partition.length)}` },
    });
  }
  if (arn.service === '') {
    (out ??= []).push({
      severity: 'error',
      check: 'invalid-arn',
      message: `"${text}" has no service; the third field names it, e.g. arn:aws:s3:::bucket.`,
    });
    return out ?? NO_PROBLEMS;
  }
  if (arn.service !== ctx.lowerCase(arn.service)) {
    const fixed = `arn:${arn.partition}:${arn.service.toLowerCase()}:${text.slice(6 + arn.partition.length + arn.service.length)}`;
    (out ??= []).push({
      severity: 'error',
      check: 'invalid-arn-service-case',
      message: `The service in an ARN is lower case: write "${arn.service.toLowerCase()}", not "${arn.service}".`,
      data: { suggestion: fixed },
    });
    return out ?? NO_PROBLEMS;
  }
  if (WILD.test(arn.service) || arn.resource.includes('${')) return out ?? NO_PROBLEMS;
  if (isPlainField(arn.region) && isPlainField(arn.account)) return out ?? NO_PROBLEMS;
  if (!scopeCanFail(r)) return out ?? NO_PROBLEMS;
  return scopeProblems(ctx, r, out);
}

/** The region and account findings of an ARN whose service's formats may lack them (scopeCanFail). */
function scopeProblems(ctx: CheckContext, r: ResourceArn, out: Problem[] | undefined): readonly Problem[] {
  const arn: ParsedArn = r;
  const text = r.text;
  const candidates = r.candidateTypes(ctx);
  if (candidates.length === 0) return out ?? NO_PROBLEMS;
  for (const [index, field] of ARN_SCOPE_FIELDS) {
    const value = index === 3 ? arn.region : arn.account;
    if (isPlainField(value)) continue;
    if (candidates.every((rt) => formatField(rt.arnFormat, index) === '')) {
      const parts = [arn.partition, arn.service, arn.region, arn.account];
      parts[index - 1] = '';
      const fixed = `arn:${parts.join(':')}:${arn.resource}`;
      (out ??= []).push({
        severity: 'error',
        check: field === 'region' ? 'arn-region-not-allowed' : 'arn-account-not-allowed',
        message: `${candidates[0].service} ${candidates.map((c) => c.name).join('/')} ARNs have no ${field}, so "${text}" matches nothing. Use "${fixed}".`,
        data: { suggestion: fixed },
      });
    }
  }
  return out ?? NO_PROBLEMS;
}

function reportAt(ctx: CheckContext, e: Entry, problem: Problem): void {
  ctx.report({
    severity: problem.severity,
    check: problem.check,
    path: e.pointer,
    message: problem.message,
    ...(problem.data ? { data: { ...problem.data } } : {}),
  });
}

/** Quick-fix data for the S3 bucket/object split, the mismatch people hit most. */
function s3SplitData(
  ctx: CheckContext,
  actions: readonly ActionInfo[],
  resources: string[],
): Record<string, unknown> | undefined {
  const types = new Set(
    actions.flatMap((a) => (a.service === 's3' ? a.resourceTypes.map((t) => t.name) : [])),
  );
  const bucket = ctx.catalog.resourceType('s3', 'bucket');
  const object = ctx.catalog.resourceType('s3', 'object');
  if (!bucket || !object) return undefined;
  for (const r of resources) {
    if (types.has('object') && resourceMatchesFormat(r, bucket.arnFormat) && !r.includes('/')) {
      return { bucketArn: r, objectArn: `${r}/*` };
    }
    if (types.has('bucket') && resourceMatchesFormat(r, object.arnFormat) && r.includes('/')) {
      return { bucketArn: r.slice(0, r.indexOf('/')), objectArn: r };
    }
  }
  return undefined;
}

/** Whether one of `a`'s resource types is a type one of the first `count` of `arns` can name. */
function applies(ctx: CheckContext, a: ActionInfo, arns: ResourceArn[], count: number): boolean {
  // Indexed loops: this runs per action and ARN, and iterators are not always optimised away.
  const types = a.resourceTypes;
  for (let i = 0; i < types.length; i++) {
    const name = types[i].name;
    for (let j = 0; j < count; j++) if (arns[j].isOfType(ctx, a.service, name)) return true;
  }
  return false;
}

/** Whether one of the matched actions applies to one of the first `count` of `arns`. */
function appliesToAny(
  ctx: CheckContext,
  matched: readonly ActionInfo[],
  arns: ResourceArn[],
  count: number,
): boolean {
  for (let i = 0; i < matched.length; i++) if (applies(ctx, matched[i], arns, count)) return true;
  return false;
}

/**
 * `arns`: the statement's Resource ARNs are its first `count` items, or undefined when one is opaque,
 * "*", not an ARN or of a wildcard service.
 */
function checkMismatch(
  ctx: CheckContext,
  s: StatementView,
  arns: ResourceArn[] | undefined,
  count: number,
): void {
  if (s.actionKey !== 'Action' || s.resourceKey !== 'Resource' || !arns || count === 0) return;
  let resources: string[] | undefined; // for the findings, a list of their own
  const actions = s.actionValues;
  for (let i = 0; i < actions.length; i++) {
    const v = actions[i];
    if (typeof v !== 'string' || v === '*' || v.includes('${')) continue;
    const matched = ctx.matchActions(v);
    if (matched.length === 0 || appliesToAny(ctx, matched, arns, count)) continue;
    const e = s.actions[i];
    resources ??= arns.slice(0, count).map((r) => r.text);
    const a = matched[0];
    const expected = [
      ...new Set(
        matched.flatMap((m) =>
          m.resourceTypes.map((rt) => ctx.catalog.resourceType(m.service, rt.name)?.arnFormat ?? rt.name),
        ),
      ),
    ].sort();
    const split = s3SplitData(ctx, matched, resources);
    const data = split ?? { resources, expected };
    let message: string;
    if (expected.length === 0) {
      message = `${matched.length > 1 ? `Every action "${e.value}" matches` : a.key} takes only Resource "*", so none of this statement's ARNs apply. Move it to a statement with "Resource": "*".`;
    } else if (split && resources.includes(split.bucketArn as string)) {
      message = `"${e.value}" applies to objects, but this statement names the bucket ${split.bucketArn}, so it grants nothing. Add "${split.objectArn}" for it.`;
    } else if (split) {
      message = `"${e.value}" applies to the bucket, but this statement names objects (${split.objectArn}), so it grants nothing. Add "${split.bucketArn}" for it.`;
    } else {
      message = `"${e.value}" applies to ${expected.slice(0, 3).join(', ')}${expected.length > 3 ? ', ...' : ''}; none of this statement's resources match, so it grants nothing. Add a matching ARN or move the action to the statement for its resource.`;
    }
    ctx.report({
      severity: 'warning',
      check: 'action-resource-mismatch',
      path: e.pointer,
      message,
      data,
    });
  }
}

/**
 * Whether the list has a repeat or a wildcard covering another entry: exactly when checkRedundant
 * reports something (an entry covered by a wildcard that is itself covered is still reported, through
 * that earlier wildcard). Short lists are answered here without allocating.
 */
function mayBeRedundant(values: readonly PolicyValue[]): boolean {
  if (values.length > 16) return true;
  for (let i = 0; i < values.length; i++) {
    const w = values[i];
    if (typeof w !== 'string') continue;
    const wild = WILD.test(w);
    for (let j = 0; j < values.length; j++) {
      const e = values[j];
      if (j === i || typeof e !== 'string') continue;
      if (e === w || (wild && patternCovers(w, e))) return true;
    }
  }
  return false;
}

function checkRedundant(ctx: CheckContext, s: StatementView): void {
  if (s.resourceValues.length < 2 || !mayBeRedundant(s.resourceValues)) return;
  const strings = s.resources.filter((e): e is Entry & { value: string } => typeof e.value === 'string');
  if (strings.length < 2) return;
  // redundant[i]: the index of the entry that makes entry i redundant, or -1.
  const redundant = new Array<number>(strings.length).fill(-1);
  let any = false;
  const first = new Map<string, number>();
  for (let i = 0; i < strings.length; i++) {
    const seen = first.get(strings[i].value);
    if (seen !== undefined) {
      redundant[i] = seen;
      any = true;
    } else first.set(strings[i].value, i);
  }
  for (let w = 0; w < strings.length; w++) {
    const wv = strings[w].value;
    if (!WILD.test(wv) || redundant[w] >= 0) continue;
    for (let i = 0; i < strings.length; i++) {
      if (i === w || redundant[i] >= 0 || strings[i].value === wv) continue;
      if (patternCovers(wv, strings[i].value)) {
        redundant[i] = w;
        any = true;
      }
    }
  }
  if (!any) return;
  for (let i = 0; i < strings.length; i++) {
    if (redundant[i] < 0) continue;
    const e = strings[i];
    const of = strings[redundant[i]];
    ctx.report({
      severity: 'warning',
      check: 'redundant-resource',
      path: e.pointer,
      message:
        of.value === e.value
          ? `"${e.value}" is listed twice in ${s.resourceKey}. Remove this copy.`
          : `"${e.value}" is already covered by "${of.value}" in ${s.resourceKey}. Remove it.`,
      data: { duplicateOf: of.pointer },
    });
  }
}

/** ARNs are well formed, fit the services' ARN formats, match the statement's actions, and are not repeated. */
export function checkResources(ctx: CheckContext): void {
  // arn.ts's compiled form of the few ARNs the fast path cannot match, once per distinct text.
  const slow = new Memo<CompiledResource | undefined>(compileResource);
  const reader = new ArnReader();
  // Reused for every statement: see ResourceArn.read.
  const pool: ResourceArn[] = [];
  const arns: ResourceArn[] = [];
  const facts = new Map<ArnHead, HeadFacts>();
  let lastHead: ArnHead | undefined;
  let lastFacts = NO_FACTS;
  const statements = ctx.statements;
  for (let n = 0; n < statements.length; n++) {
    const s = statements[n];
    if (!s.resourceKey || ctx.kind === 'trust') continue;
    const values = s.resourceValues;
    let ok = true; // every value is an ARN of a named service, so the mismatch check applies
    let count = 0; // arns is reused: its first `count` items are this statement's
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'string') {
        ok = false; // opaque: it could be anything
        continue;
      }
      const head = reader.head(v);
      if (head && head !== lastHead) {
        lastHead = head;
        lastFacts = facts.get(head) ?? headFacts(ctx, head);
        facts.set(head, lastFacts);
      }
      const r = head && (pool[i] ??= new ResourceArn(slow)).read(v, head, lastFacts);
      const problems = r ? arnProblems(ctx, r) : notArnProblems(v, s.resourceKey);
      for (let k = 0; k < problems.length; k++) reportAt(ctx, s.resources[i], problems[k]);
      if (!r || WILD.test(r.service)) ok = false;
      else if (ok) arns[count++] = r;
    }
    checkMismatch(ctx, s, ok ? arns : undefined, count);
    checkRedundant(ctx, s);
  }
}
