import { patternCovers } from '../arn';
import { closest, type CheckContext, type Entry } from './context';

const ACTION_FORMAT = /^[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+$/;

function checkOne(ctx: CheckContext, e: Entry, key: string): void {
  const action = e.value as string;
  if (action === '*' || action.includes('${')) return;
  if (!ACTION_FORMAT.test(action)) {
    ctx.report({
      severity: 'error',
      check: 'invalid-action-format',
      path: e.pointer,
      message: `"${action}" is not an action. Write service:Action, e.g. "s3:GetObject", or "*"; no spaces and only * and ? as wildcards.`,
    });
    return;
  }
  const colon = action.indexOf(':');
  const service = action.slice(0, colon);
  const name = action.slice(colon + 1);
  const wildService = /[*?]/.test(service);
  if (!wildService && !ctx.catalog.service(service)) {
    const fix = closest(
      service,
      ctx.catalog.services().map((s) => s.prefix),
    );
    ctx.report({
      severity: 'error',
      check: 'unknown-service',
      path: e.pointer,
      message: fix
        ? `"${service}" is not an AWS service prefix. Did you mean "${fix}"?`
        : `"${service}" is not an AWS service prefix (catalog ${ctx.catalog.dataVersion}). Check the prefix in the Service Authorization Reference.`,
      ...(fix ? { data: { suggestion: `${fix}:${name}` } } : {}),
    });
    return;
  }
  if (/[*?]/.test(action)) {
    if (ctx.catalog.matchActions(action).length === 0) {
      ctx.report({
        severity: 'warning',
        check: 'wildcard-matches-nothing',
        path: e.pointer,
        message: `"${action}" matches no action, so it ${key === 'NotAction' ? 'excludes' : 'grants or denies'} nothing. Fix the pattern or remove it.`,
      });
    }
    return;
  }
  if (!ctx.catalog.action(action)) {
    const fix = closest(
      name,
      ctx.catalog.actions(service).map((a) => a.name),
    );
    const canonical = ctx.catalog.service(service)!.prefix;
    ctx.report({
      severity: 'error',
      check: 'unknown-action',
      path: e.pointer,
      message: fix
        ? `"${action}" is not a ${canonical} action. Did you mean "${canonical}:${fix}"?`
        : `"${action}" is not a ${canonical} action (catalog ${ctx.catalog.dataVersion}). Check the name in the Service Authorization Reference.`,
      ...(fix ? { data: { suggestion: `${canonical}:${fix}` } } : {}),
    });
  }
}

/** Within one Action list: exact duplicates (case-insensitive) and actions a wildcard already covers. */
function checkRedundant(ctx: CheckContext, list: Entry[], key: string): void {
  const strings = list.filter((e): e is Entry & { value: string } => typeof e.value === 'string');
  if (strings.length < 2) return;
  const redundant = new Map<string, string>();
  const first = new Map<string, string>();
  for (const e of strings) {
    const lower = e.value.toLowerCase();
    const seen = first.get(lower);
    if (seen) redundant.set(e.pointer, seen);
    else first.set(lower, e.pointer);
  }
  for (const w of strings.filter((e) => /[*?]/.test(e.value))) {
    if (redundant.has(w.pointer)) continue;
    const wl = w.value.toLowerCase();
    for (const e of strings) {
      if (e === w || redundant.has(e.pointer) || e.value.toLowerCase() === wl) continue;
      if (patternCovers(wl, e.value.toLowerCase())) redundant.set(e.pointer, w.pointer);
    }
  }
  for (const e of strings) {
    const of = redundant.get(e.pointer);
    if (!of) continue;
    const other = strings.find((x) => x.pointer === of)!.value;
    ctx.report({
      severity: 'warning',
      check: 'redundant-action',
      path: e.pointer,
      message:
        other.toLowerCase() === e.value.toLowerCase()
          ? `"${e.value}" is listed twice in ${key}. Remove this copy.`
          : `"${e.value}" is already covered by "${other}" in ${key}. Remove it, or replace the wildcard with explicit actions.`,
      data: { duplicateOf: of },
    });
  }
}

/** Actions exist in the catalog, are well formed, wildcards match something, and none is listed twice. */
export function checkActions(ctx: CheckContext): void {
  for (const s of ctx.statements) {
    if (!s.actionKey) continue;
    for (const e of s.actions) if (typeof e.value === 'string') checkOne(ctx, e, s.actionKey);
    checkRedundant(ctx, s.actions, s.actionKey);
  }
}
