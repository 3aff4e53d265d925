import type { JSONPath } from 'jsonc-parser';
import type { Finding } from '../../finding';
import type { Range } from '../../range';
import type { IamCatalog } from '../catalog';
import type { PolicyDocument } from '../parse';
import { pointerSegments, escapePointerSegment } from '../parse';
import { addExternalIdCondition } from './externalId';
import { expandWildcardAction } from './expandWildcard';
import { JsonHost } from './jsonHost';
import { removeArrayElement } from './removeElement';
import { replaceToken } from './replaceToken';
import { splitBucketAndObjectResources, type S3Scope } from './splitBucketObject';
import { minimalEdit, type TextEdit } from './textEdit';
import { CURRENT_POLICY_VERSION, setPolicyVersion } from './version';

/** A fix the editor can offer: a ready edit, or one that needs input first (the role for PassRole). */
export type PlannedFix =
  | { kind: 'edit'; title: string; edit: TextEdit; preferred: boolean; check: string }
  | { kind: 'scope-passrole'; title: string; statementPointer: string; check: string };

export interface FixInput {
  /** The whole host text (policy file, template or Terraform file). */
  text: string;
  doc: PolicyDocument;
  /** Path of the document in a JSON host; undefined for YAML and HCL hosts, where only token edits apply. */
  jsonBase?: JSONPath;
  catalog: IamCatalog;
  /** A fresh external ID (crypto.randomUUID in the editor, fixed in tests). */
  newExternalId: () => string;
}

const VERSION_CHECKS = new Set(['missing-version', 'invalid-version', 'variable-unsupported-in-version']);
const DUPLICATE_CHECKS = new Set(['redundant-action', 'redundant-resource']);
/** More than this many actions is not a list anyone wants in a policy (`*` alone is ~18,000). */
export const EXPAND_LIMIT = 500;

/** `/Statement/3/Action/1` → `/Statement/3`; `/Statement/Action` (a single statement) → `/Statement`. */
export function statementPointer(pointer: string): string | undefined {
  const m = /^\/Statement(\/\d+)?(?=\/|$)/.exec(pointer);
  return m ? m[0] : undefined;
}

function offsets(doc: PolicyDocument, range: Range): { offset: number; length: number } {
  const offset = doc.lineIndex.offsetAt(range.start);
  return { offset, length: doc.lineIndex.offsetAt(range.end) - offset };
}

/** A scalar token (quoted or plain), not an object, array or multi-line span: safe to replace whole. */
function scalarToken(token: string): boolean {
  return token.length > 0 && !/^[{[]/.test(token) && !token.includes('\n');
}

function asEdit(input: FixInput, after: string | undefined): TextEdit | undefined {
  return after === undefined || after === input.text ? undefined : minimalEdit(input.text, after);
}

/** Where a `data.suggestion` goes: usually the finding's own range, for two checks an enclosing key. */
function suggestionTarget(f: Finding, doc: PolicyDocument): Range {
  const segs = pointerSegments(f.path);
  const c = segs.indexOf('Condition');
  const upTo = (n: number) => '/' + segs.slice(0, n).map(escapePointerSegment).join('/');
  // The condition operator (StringEquals → StringLike) or key (aws:SourceIp → aws:VpcSourceIp) is what changes.
  if (f.check === 'wildcard-without-like-operator' && c >= 0) return doc.rangeFor(upTo(c + 2), 'key');
  if (f.check === 'private-ip-address' && c >= 0) return doc.rangeFor(upTo(c + 3), 'key');
  return f.range;
}

/** Bucket-level, object-level or both, from the resource types the catalog lists for the action(s). */
export function s3ScopeOf(catalog: IamCatalog, pattern: string): S3Scope {
  let bucket = false;
  let object = false;
  for (const a of catalog.matchActions(pattern)) {
    const names = a.resourceTypes.map((r) => r.name);
    bucket ||= names.includes('bucket');
    object ||= names.includes('object');
  }
  return bucket && !object ? 'bucket' : object && !bucket ? 'object' : 'both';
}

/** The fixes for one finding, in the order the editor lists them. */
export function fixesForFinding(input: FixInput, f: Finding): PlannedFix[] {
  const out: PlannedFix[] = [];
  const { doc, jsonBase } = input;
  const host = jsonBase ? new JsonHost(input.text, jsonBase) : undefined;
  const push = (title: string, edit: TextEdit | undefined, preferred = false) => {
    if (edit) out.push({ kind: 'edit', title, edit, preferred, check: f.check });
  };
  const suggestion = typeof f.data?.suggestion === 'string' ? f.data.suggestion : undefined;
  const stmt = statementPointer(f.path);

  if (VERSION_CHECKS.has(f.check)) {
    if (host) push(`Set "Version": "${CURRENT_POLICY_VERSION}"`, asEdit(input, setPolicyVersion(host)), true);
    else if (f.check === 'invalid-version') {
      const at = offsets(doc, f.range);
      push(
        `Change to "${CURRENT_POLICY_VERSION}"`,
        replaceToken(at.offset, input.text.substr(at.offset, at.length), CURRENT_POLICY_VERSION),
        true,
      );
    }
  } else if (suggestion) {
    const at = offsets(doc, suggestionTarget(f, doc));
    const token = input.text.substr(at.offset, at.length);
    if (scalarToken(token))
      push(`Change to '${suggestion}'`, replaceToken(at.offset, token, suggestion), true);
  }

  if (DUPLICATE_CHECKS.has(f.check) && host) {
    const at = offsets(doc, f.range);
    push(
      `Remove duplicate ${input.text.substr(at.offset, at.length)}`,
      asEdit(input, removeArrayElement(host, f.path)),
      true,
    );
  }
  if (f.check === 'action-resource-mismatch' && host && stmt && typeof f.data?.bucketArn === 'string') {
    const after = splitBucketAndObjectResources(host, stmt, (a) => s3ScopeOf(input.catalog, a));
    push('Split bucket and object resources', asEdit(input, after), true);
  }
  if (f.check === 'cross-account-trust-without-external-id' && host && stmt) {
    push(
      'Require an sts:ExternalId (new random ID)',
      asEdit(input, addExternalIdCondition(host, stmt, input.newExternalId())),
      true,
    );
  }
  if (f.check === 'passrole-star-resource' && host && stmt) {
    out.push({
      kind: 'scope-passrole',
      title: 'Scope iam:PassRole to a role and service…',
      statementPointer: stmt,
      check: f.check,
    });
  }
  return out;
}

/**
 * The "expand wildcard" refactoring for the action element at `pointer`, when it is a wildcard matching
 * between 1 and EXPAND_LIMIT actions; JSON hosts only (the edit restructures the array).
 */
export function expandWildcardFix(input: FixInput, pointer: string): PlannedFix | undefined {
  if (!input.jsonBase) return undefined;
  if (!/^\/Statement(\/\d+)?\/(Not)?Action(\/\d+)?$/.test(pointer)) return undefined;
  const host = new JsonHost(input.text, input.jsonBase);
  const path = host.path(pointer);
  const value = path && host.value(path);
  if (typeof value !== 'string' || !/[*?]/.test(value)) return undefined;
  const expanded = input.catalog.matchActions(value).map((a) => a.key);
  if (expanded.length === 0 || expanded.length > EXPAND_LIMIT) return undefined;
  const edit = asEdit(input, expandWildcardAction(host, pointer, expanded));
  if (!edit) return undefined;
  const n = expanded.length;
  return {
    kind: 'edit',
    title: `Expand '${value}' into ${n} action${n === 1 ? '' : 's'}`,
    edit,
    preferred: false,
    check: 'expand-wildcard',
  };
}
