import { patternCovers } from '../arn';
import type { Severity } from '../../finding';
import type { PolicyValue } from '../parse';
import { closest, Memo, type CheckContext, type Entry, type StatementView } from './context';

const ACTION_FORMAT = /^[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+$/;

/** What is wrong with one action string, independent of where it sits; undefined when it is fine. */
interface ActionProblem {
  severity: Severity;
  check: string;
  message: string;
  data?: Record<string, unknown>;
}

function actionProblem(ctx: CheckContext, action: string, key: string): ActionProblem | undefined {
  if (action === '*' || action.includes('${')) return undefined;
  if (!ACTION_FORMAT.test(action)) {
    return {
      severity: 'error',
      check: 'invalid-action-format',
      message: `"${action}" is not an action. Write service:Action, e.g. "s3:GetObject", or "*"; no spaces and only * and ? as wildcards.`,
    };
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
    return {
      severity: 'error',
      check: 'unknown-service',
      message: fix
        ? `"${service}" is not an AWS service prefix. Did you mean "${fix}"?`
        : `"${service}" is not an AWS service prefix (catalog ${ctx.catalog.dataVersion}). Check the prefix in the Service Authorization Reference.`,
      ...(fix ? { data: { suggestion: `${fix}:${name}` } } : {}),
    };
  }
  if (/[*?]/.test(action)) {
    if (ctx.matchActions(action).length === 0) {
      return {
        severity: 'warning',
        check: 'wildcard-matches-nothing',
        message: `"${action}" matches no action, so it ${key === 'NotAction' ? 'excludes' : 'grants or denies'} nothing. Fix the pattern or remove it.`,
      };
    }
    return undefined;
  }
  if (!ctx.catalog.action(action)) {
    const fix = closest(
      name,
      ctx.catalog.actions(service).map((a) => a.name),
    );
    const canonical = ctx.catalog.service(service)!.prefix;
    return {
      severity: 'error',
      check: 'unknown-action',
      message: fix
        ? `"${action}" is not a ${canonical} action. Did you mean "${canonical}:${fix}"?`
        : `"${action}" is not a ${canonical} action (catalog ${ctx.catalog.dataVersion}). Check the name in the Service Authorization Reference.`,
      ...(fix ? { data: { suggestion: `${canonical}:${fix}` } } : {}),
    };
  }
  return undefined;
}

/** Reports `problem` (shared by every copy of the action) at one entry; the data object is its own. */
function reportAt(ctx: CheckContext, e: Entry, problem: ActionProblem): void {
  ctx.report({
    severity: problem.severity,
    check: problem.check,
    path: e.pointer,
    message: problem.message,
    ...(problem.data ? { data: { ...problem.data } } : {}),
  });
}

/**
 * Whether the list has a case-insensitive repeat or a wildcard covering another entry: exactly when
 * checkRedundant reports something. Short lists are answered here without allocating: `lower` is scratch
 * space the caller reuses, holding each value lower-cased once (not once per pair).
 */
function mayBeRedundant(ctx: CheckContext, values: readonly PolicyValue[], lower: string[]): boolean {
  if (values.length > 16) return true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    lower[i] = typeof v === 'string' ? ctx.lowerCase(v) : '';
  }
  for (let i = 0; i < values.length; i++) {
    const w = values[i];
    if (typeof w !== 'string') continue;
    const lw = lower[i];
    const wild = w.includes('*') || w.includes('?');
    for (let j = 0; j < values.length; j++) {
      if (j === i || typeof values[j] !== 'string') continue;
      const le = lower[j];
      if (le === lw || (wild && patternCovers(lw, le))) return true;
    }
  }
  return false;
}

/** Within one Action list: exact duplicates (case-insensitive) and actions a wildcard already covers. */
function checkRedundant(ctx: CheckContext, s: StatementView, key: string, scratch: string[]): void {
  if (s.actionValues.length < 2 || !mayBeRedundant(ctx, s.actionValues, scratch)) return;
  const list = s.actions;
  const strings = list.filter((e): e is Entry & { value: string } => typeof e.value === 'string');
  if (strings.length < 2) return;
  const lower = strings.map((e) => e.value.toLowerCase());
  // redundant[i]: the index of the entry that makes entry i redundant, or -1.
  const redundant = new Array<number>(strings.length).fill(-1);
  let any = false;
  const first = new Map<string, number>();
  for (let i = 0; i < strings.length; i++) {
    const seen = first.get(lower[i]);
    if (seen !== undefined) {
      redundant[i] = seen;
      any = true;
    } else first.set(lower[i], i);
  }
  for (let w = 0; w < strings.length; w++) {
    if (!/[*?]/.test(strings[w].value) || redundant[w] >= 0) continue;
    const wl = lower[w];
    for (let i = 0; i < strings.length; i++) {
      if (i === w || redundant[i] >= 0 || lower[i] === wl) continue;
      if (patternCovers(wl, lower[i])) {
        redundant[i] = w;
        any = true;
      }
    }
  }
  if (!any) return;
  for (let i = 0; i < strings.length; i++) {
    const of = redundant[i];
    if (of < 0) continue;
    const e = strings[i];
    const other = strings[of].value;
    ctx.report({
      severity: 'warning',
      check: 'redundant-action',
      path: e.pointer,
      message:
        other.toLowerCase() === e.value.toLowerCase()
          ? `"${e.value}" is listed twice in ${key}. Remove this copy.`
          : `"${e.value}" is already covered by "${other}" in ${key}. Remove it, or replace the wildcard with explicit actions.`,
      data: { duplicateOf: strings[of].pointer },
    });
  }
}

/** Actions exist in the catalog, are well formed, wildcards match something, and none is listed twice. */
export function checkActions(ctx: CheckContext): void {
  // Large policies repeat a few dozen distinct actions: judge each once per element name.
  const problems = {
    Action: new Memo<ActionProblem | undefined>((a) => actionProblem(ctx, a, 'Action')),
    NotAction: new Memo<ActionProblem | undefined>((a) => actionProblem(ctx, a, 'NotAction')),
  };
  const scratch: string[] = []; // see mayBeRedundant
  for (const s of ctx.statements) {
    if (!s.actionKey) continue;
    const memo = problems[s.actionKey];
    const values = s.actionValues;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'string') continue;
      const problem = memo.get(v);
      if (problem) reportAt(ctx, s.actions[i], problem);
    }
    checkRedundant(ctx, s, s.actionKey, scratch);
  }
}
