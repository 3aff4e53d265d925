import type { IamCatalog } from '../../core/iam/catalog';
import type { PolicyDocument } from '../../core/iam/parse';
import type { IamEngine } from './policyDocuments';

/**
 * What a hover says about the policy element at a JSON Pointer: an action (description, access level,
 * resource types, condition keys), a wildcard (how many actions, a sample), a condition key (type and the
 * operators that fit). Markdown text, free of `vscode`, unit-tested under plain Node.
 */
const SAMPLE = 8;

const ACTION_ELEMENT = /^\/Statement(?:\/\d+)?\/(?:Not)?Action(?:\/\d+)?$/;
const CONDITION_KEY = /^\/Statement(?:\/\d+)?\/Condition\/([^/]+)\/([^/]+)(?:\/\d+)?$/;

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function hoverMarkdown(
  engine: IamEngine,
  catalog: IamCatalog,
  doc: PolicyDocument,
  pointer: string,
): string | undefined {
  const value = valueAt(doc, pointer);
  if (ACTION_ELEMENT.test(pointer) && typeof value === 'string') return actionHover(catalog, value);
  const m = CONDITION_KEY.exec(pointer);
  if (m) return conditionKeyHover(engine, catalog, unescape(m[1]), unescape(m[2]));
  return undefined;
}

function valueAt(doc: PolicyDocument, pointer: string): unknown {
  let v: unknown = doc.value;
  for (const seg of pointer.split('/').slice(1).map(unescape)) {
    if (v && typeof v === 'object') v = (v as Record<string, unknown>)[seg];
    else return undefined;
  }
  return v;
}

export function actionHover(catalog: IamCatalog, pattern: string): string | undefined {
  if (/[*?]/.test(pattern)) {
    const matched = catalog.matchActions(pattern);
    if (matched.length === 0)
      return `**${pattern}** matches no action in the IAM catalog (${catalog.dataVersion}).`;
    const sample = matched
      .slice(0, SAMPLE)
      .map((a) => `\`${a.key}\``)
      .join(', ');
    const levels = new Map<string, number>();
    for (const a of matched) levels.set(a.accessLevel, (levels.get(a.accessLevel) ?? 0) + 1);
    const byLevel = [...levels]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([l, n]) => `${l} ${n}`)
      .join(', ');
    return [
      `**${pattern}** matches **${matched.length}** action${matched.length === 1 ? '' : 's'} (${byLevel}).`,
      '',
      `${sample}${matched.length > SAMPLE ? ', …' : ''}`,
    ].join('\n');
  }
  const a = catalog.action(pattern);
  if (!a) return undefined;
  const out = [`**${a.key}** · ${a.accessLevel}`, '', a.description, ''];
  if (a.resourceTypes.length === 0) out.push('Resource types: none — use `"Resource": "*"`.');
  else {
    out.push('Resource types:');
    for (const r of a.resourceTypes) {
      const arn = catalog.resourceType(a.service, r.name)?.arnFormat;
      out.push(`- \`${r.name}\`${r.required ? ' (required)' : ''}${arn ? ` — \`${arn}\`` : ''}`);
    }
  }
  const keys = [...new Set([...a.conditionKeys, ...a.resourceTypes.flatMap((r) => r.conditionKeys)])].sort();
  if (keys.length) out.push('', `Condition keys: ${keys.map((k) => `\`${k}\``).join(', ')}`);
  if (a.dependentActions.length)
    out.push('', `Also needs: ${a.dependentActions.map((k) => `\`${k}\``).join(', ')}`);
  return out.join('\n');
}

export function conditionKeyHover(
  engine: IamEngine,
  catalog: IamCatalog,
  operator: string,
  key: string,
): string | undefined {
  const info = catalog.conditionKey(key);
  if (!info) return undefined;
  const types = engine.operatorTypesForKeyType(info.type);
  const operators = Object.values(engine.CONDITION_OPERATORS)
    .filter((o) => types.includes(o.type))
    .map((o) => o.name)
    .sort();
  const multi = engine.isMultiValuedKeyType(info.type);
  const used = engine.parseConditionOperator(operator);
  const fits = used ? used.base.type === 'Null' || types.includes(used.base.type) : undefined;
  const out = [
    `**${info.key}** · ${info.type}`,
    '',
    info.description,
    '',
    `Operators that fit: ${operators.map((o) => `\`${o}\``).join(', ')}, and \`Null\`.`,
  ];
  if (multi) out.push('', 'Multivalued: qualify the operator with `ForAnyValue:` or `ForAllValues:`.');
  if (fits === false)
    out.push(
      '',
      `\`${operator}\` compares ${used!.base.type} values, which does not fit a ${info.type} key.`,
    );
  return out.join('\n');
}
