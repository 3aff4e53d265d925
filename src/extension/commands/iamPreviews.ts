import type { EffectivePermissions, PolicyDiff } from '../../core/iam/diff';
import type { CodePolicy } from '../../core/iam/fromCode/policyFromCode';
import type { Decision, SimulationRequest } from '../../core/iam/simulate/request';

/**
 * Markdown for the IAM previews (Compare with HEAD, effective permissions, a simulation, policy from code).
 * Pure text from engine results, free of `vscode`, so the exact output is unit-tested under plain Node.
 */

/** Escapes text for a Markdown table cell or inline position. */
export function md(text: string): string {
  return text.replace(/([\\`*_{}[\]<>|#])/g, '\\$1');
}

function code(text: string): string {
  return '`' + text.replace(/`/g, "'") + '`';
}

function actionList(actions: readonly string[], limit = 40): string {
  const shown = actions.slice(0, limit).map(code).join(', ');
  return actions.length > limit ? `${shown}, … (${actions.length - limit} more)` : shown;
}

/** The effective-permission difference of a document against its HEAD version. */
export function diffMarkdown(title: string, diff: PolicyDiff, note?: string): string {
  const out = [`# ${md(title)}`, ''];
  if (note) out.push(`> ${md(note)}`, '');
  out.push(
    diff.hasNewAccess
      ? `**New access:** the working copy may allow ${diff.counts.added} action grant(s) that HEAD does not.`
      : '**No new access:** the working copy allows nothing that HEAD did not.',
    '',
    `Grants (resource × action): ${diff.counts.before} at HEAD → ${diff.counts.after} now; ${diff.counts.added} added, ${diff.counts.removed} removed.`,
    '',
  );
  const section = (heading: string, rows: PolicyDiff['added']) => {
    out.push(`## ${heading}`, '');
    if (rows.length === 0) {
      out.push('None.', '');
      return;
    }
    out.push('| Resource | Actions | Count |', '| --- | --- | ---: |');
    for (const r of rows) out.push(`| ${code(r.resource)} | ${actionList(r.actions)} | ${r.count} |`);
    out.push('');
  };
  section('Added', diff.added);
  section('Removed', diff.removed);
  if (diff.conditionChanges.length) {
    out.push(
      '## Condition changes',
      '',
      '| Resource | Actions | Before | After |',
      '| --- | --- | --- | --- |',
    );
    const q = (x: { when: string[]; unless: string[] }) =>
      [...x.when.map((w) => `when ${code(w)}`), ...x.unless.map((u) => `unless ${code(u)}`)].join('<br>') ||
      'always';
    for (const c of diff.conditionChanges) {
      out.push(`| ${code(c.resource)} | ${actionList(c.actions, 10)} | ${q(c.before)} | ${q(c.after)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** Distinct catalog actions a document may allow, over every resource; a misspelled action grants nothing. */
export function grantedActionCount(perms: EffectivePermissions): number {
  const unknown = new Set(perms.unknownActions);
  const all = new Set<string>();
  for (const actions of perms.allowed.values()) for (const a of actions) if (!unknown.has(a)) all.add(a);
  return all.size;
}

/** What a document may allow, per resource pattern, with the conditional grants marked. */
export function effectiveMarkdown(
  title: string,
  perms: EffectivePermissions,
  summarize: (actions: Iterable<string>) => string[],
): string {
  const out = [
    `# ${md(title)}`,
    '',
    `${grantedActionCount(perms)} distinct actions granted (${perms.count} resource × action grants).`,
    '',
  ];
  const resources = [...perms.allowed.keys()].sort();
  if (resources.length === 0) out.push('The document allows nothing.', '');
  else out.push('| Resource | Actions | Count | Conditional |', '| --- | --- | ---: | ---: |');
  for (const r of resources) {
    const actions = perms.allowed.get(r)!;
    const conditional = perms.qualified.get(r)?.size ?? 0;
    out.push(`| ${code(r)} | ${actionList(summarize(actions))} | ${actions.size} | ${conditional} |`);
  }
  if (perms.unknownActions.length) out.push('', `Not in the catalog: ${actionList(perms.unknownActions)}.`);
  return out.join('\n') + '\n';
}

/** A simulation's request, decision and the engine's explanation, one line per statement. */
export function simulationMarkdown(title: string, request: SimulationRequest, decision: Decision): string {
  const out = [`# ${md(title)}`, '', `**${decision.decision}**`, '', '| Request | |', '| --- | --- |'];
  out.push(`| Action | ${code(request.action)} |`, `| Resource | ${code(request.resource)} |`);
  if (request.principal) out.push(`| Principal | ${request.principal.type} ${code(request.principal.id)} |`);
  for (const key of Object.keys(request.context).sort()) {
    const v = request.context[key];
    out.push(`| ${code(key)} | ${(Array.isArray(v) ? v : [v]).map(code).join(', ')} |`);
  }
  out.push('', '## Why', '', ...decision.explanation.map((l) => `- ${md(l)}`), '');
  return out.join('\n');
}

/**
 * The policy-from-code preview: the policy, then every call site as a link that opens the file at the
 * call (`file:///…#L12`), mapped or with the reason it could not be mapped.
 */
export function fromCodeMarkdown(
  title: string,
  result: CodePolicy,
  fileUri: (file: string, line: number) => string,
): string {
  const out = [
    `# ${md(title)}`,
    '',
    `${result.filesScanned} source files scanned; ${result.calls.length} AWS SDK calls found, ${result.unmappedCalls} not mapped; ${result.totalActionsGranted} actions granted (catalog ${md(result.dataVersion)}).`,
    '',
  ];
  if (result.policyJson) out.push('## Policy', '', '```json', result.policyJson.trimEnd(), '```', '');
  else out.push('No call could be mapped to an IAM action, so there is no policy.', '');
  out.push('## Call sites', '');
  if (result.calls.length === 0) out.push('None.');
  for (const c of result.calls) {
    const where = `[${md(c.file)}:${c.line + 1}](${fileUri(c.file, c.line + 1)})`;
    const what = c.actions?.length
      ? c.actions.map(code).join(', ')
      : `not mapped: ${md(c.unmapped ?? 'unknown')}`;
    out.push(`- ${where} ${code(c.operation)} → ${what}`);
  }
  return out.join('\n') + '\n';
}
