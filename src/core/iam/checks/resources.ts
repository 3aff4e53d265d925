import type { ActionInfo, ResourceTypeInfo } from '../catalog';
import {
  PARTITIONS,
  compileResource,
  compiledMatchesFormat,
  parseArn,
  patternCovers,
  resourceMatchesFormat,
  resourcePartMatchesFormat,
  type CompiledResource,
  type ParsedArn,
} from '../arn';
import type { CheckContext, Entry, StatementView } from './context';

const WILD = /[*?]/;

const typesBySegment = new WeakMap<object, Map<string, ResourceTypeInfo[]>>();

/**
 * Resource types of a service whose resource part could start like `resource`: the catalog's formats
 * are prefiltered once per leading segment ("instance", "table"...), so a policy with thousands of
 * ARNs compares each against a handful of formats rather than every format of the service.
 */
function typesForSegment(ctx: CheckContext, service: string, resource: string): ResourceTypeInfo[] {
  const seg = /^[^/:*?$]*/.exec(resource)![0];
  let cache = typesBySegment.get(ctx.catalog);
  if (!cache) typesBySegment.set(ctx.catalog, (cache = new Map()));
  const key = `${service}\n${seg}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = ctx.catalog.resourceTypes(service).filter((rt) => {
      const part = rt.arnFormat.split(':').slice(5).join(':');
      const lit = /^[^$]*/.exec(part)![0];
      const n = Math.min(lit.length, seg.length);
      return lit.slice(0, n) === seg.slice(0, n);
    });
    cache.set(key, hit);
  }
  return hit;
}

/** The resource types of `arn.service` whose resource part can match the ARN's resource part. */
function candidateTypes(ctx: CheckContext, text: string, arn: ParsedArn): ResourceTypeInfo[] {
  const types = typesForSegment(ctx, arn.service, arn.resource);
  if (types.length === 0) return [];
  const compiled = compileResource(text);
  if (!compiled) return [];
  return types.filter((rt) => resourcePartMatchesFormat(compiled, rt.arnFormat));
}

function formatField(format: string, index: number): string {
  return format.split(':')[index] ?? '';
}

function checkArn(ctx: CheckContext, e: Entry, key: string): void {
  const text = e.value as string;
  if (text === '*') return;
  const arn = parseArn(text);
  if (!arn) {
    ctx.report({
      severity: 'error',
      check: 'invalid-arn',
      path: e.pointer,
      message: text.startsWith('arn:')
        ? `"${text}" is not a complete ARN: it needs six colon-separated fields, arn:partition:service:region:account:resource (leave region or account empty, not missing).`
        : `${key} must be "*" or an ARN such as "arn:aws:s3:::my-bucket", not "${text}".`,
    });
    return;
  }
  if (!WILD.test(arn.partition) && !arn.partition.includes('${') && !PARTITIONS.includes(arn.partition)) {
    ctx.report({
      severity: 'error',
      check: 'invalid-partition',
      path: e.pointer,
      message: `"${arn.partition}" is not an AWS partition. Use "aws" (or aws-cn, aws-us-gov, ...).`,
      data: { suggestion: `arn:aws:${text.slice(5 + arn.partition.length)}` },
    });
  }
  if (arn.service === '') {
    ctx.report({
      severity: 'error',
      check: 'invalid-arn',
      path: e.pointer,
      message: `"${text}" has no service; the third field names it, e.g. arn:aws:s3:::bucket.`,
    });
    return;
  }
  if (arn.service !== arn.service.toLowerCase()) {
    const fixed = `arn:${arn.partition}:${arn.service.toLowerCase()}:${text.slice(6 + arn.partition.length + arn.service.length)}`;
    ctx.report({
      severity: 'error',
      check: 'invalid-arn-service-case',
      path: e.pointer,
      message: `The service in an ARN is lower case: write "${arn.service.toLowerCase()}", not "${arn.service}".`,
      data: { suggestion: fixed },
    });
    return;
  }
  if (WILD.test(arn.service) || arn.resource.includes('${')) return;
  const plain = (v: string) => v === '' || /^[*]+$/.test(v) || v.includes('${');
  if (plain(arn.region) && plain(arn.account)) return;
  const candidates = candidateTypes(ctx, text, arn);
  if (candidates.length === 0) return;
  const fields: Array<[number, 'region' | 'account', string]> = [
    [3, 'region', arn.region],
    [4, 'account', arn.account],
  ];
  for (const [index, field, value] of fields) {
    if (value === '' || /^[*]+$/.test(value) || value.includes('${')) continue;
    if (candidates.every((rt) => formatField(rt.arnFormat, index) === '')) {
      const parts = [arn.partition, arn.service, arn.region, arn.account];
      parts[index - 1] = '';
      const fixed = `arn:${parts.join(':')}:${arn.resource}`;
      ctx.report({
        severity: 'error',
        check: field === 'region' ? 'arn-region-not-allowed' : 'arn-account-not-allowed',
        path: e.pointer,
        message: `${candidates[0].service} ${candidates.map((c) => c.name).join('/')} ARNs have no ${field}, so "${text}" matches nothing. Use "${fixed}".`,
        data: { suggestion: fixed },
      });
    }
  }
}

/** Names of the `service` resource types a Resource can name (a full ARN match), computed once per ARN. */
function typesOf(ctx: CheckContext, service: string, text: string, compiled: CompiledResource): Set<string> {
  const arn = parseArn(text)!;
  const out = new Set<string>();
  for (const rt of typesForSegment(ctx, service, arn.resource)) {
    if (compiledMatchesFormat(compiled, rt.arnFormat)) out.add(rt.name.toLowerCase());
  }
  return out;
}

/** Quick-fix data for the S3 bucket/object split, the mismatch people hit most. */
function s3SplitData(
  ctx: CheckContext,
  actions: ActionInfo[],
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

function checkMismatch(ctx: CheckContext, s: StatementView): void {
  if (s.actionKey !== 'Action' || s.resourceKey !== 'Resource') return;
  const resources: string[] = [];
  for (const r of s.resources) {
    if (typeof r.value !== 'string') return; // opaque: it could be anything
    if (r.value === '*') return;
    const arn = parseArn(r.value);
    if (!arn || WILD.test(arn.service)) return;
    resources.push(r.value);
  }
  if (resources.length === 0) return;
  const compiled = resources.map((r) => [r, compileResource(r)] as const);
  const byService = new Map<string, Set<string>[]>();
  const resourceTypesOf = (service: string): Set<string>[] => {
    let sets = byService.get(service);
    if (!sets) {
      sets = compiled.map(([text, c]) => (c ? typesOf(ctx, service, text, c) : new Set<string>()));
      byService.set(service, sets);
    }
    return sets;
  };
  const applies = (a: ActionInfo): boolean => {
    const sets = resourceTypesOf(a.service);
    return a.resourceTypes.some((rt) => sets.some((set) => set.has(rt.name.toLowerCase())));
  };
  for (const e of s.actions) {
    if (typeof e.value !== 'string' || e.value === '*' || e.value.includes('${')) continue;
    const matched = WILD.test(e.value)
      ? ctx.catalog.matchActions(e.value)
      : [ctx.catalog.action(e.value)].filter((a) => !!a);
    if (matched.length === 0 || matched.some(applies)) continue;
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

function checkRedundant(ctx: CheckContext, s: StatementView): void {
  const strings = s.resources.filter((e): e is Entry & { value: string } => typeof e.value === 'string');
  if (strings.length < 2) return;
  const redundant = new Map<string, Entry & { value: string }>();
  const first = new Map<string, Entry & { value: string }>();
  for (const e of strings) {
    const seen = first.get(e.value);
    if (seen) redundant.set(e.pointer, seen);
    else first.set(e.value, e);
  }
  for (const w of strings.filter((e) => WILD.test(e.value))) {
    if (redundant.has(w.pointer)) continue;
    for (const e of strings) {
      if (e === w || redundant.has(e.pointer) || e.value === w.value) continue;
      if (patternCovers(w.value, e.value)) redundant.set(e.pointer, w);
    }
  }
  for (const e of strings) {
    const of = redundant.get(e.pointer);
    if (!of) continue;
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
  for (const s of ctx.statements) {
    if (!s.resourceKey || ctx.kind === 'trust') continue;
    for (const e of s.resources) if (typeof e.value === 'string') checkArn(ctx, e, s.resourceKey);
    checkMismatch(ctx, s);
    checkRedundant(ctx, s);
  }
}
