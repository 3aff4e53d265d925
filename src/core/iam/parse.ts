import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Finding } from '../finding';
import { LineIndex, type Position, type Range } from '../range';
import { detectKind, type KindOptions, type KindSource, type PolicyKind } from './kind';

/**
 * A value whose content is not known before deployment: a CloudFormation intrinsic (`!Sub`, `Ref`,
 * `Fn::GetAtt`...) or a Terraform interpolation. Checks treat it as "could be anything valid" and never
 * report it.
 */
export class OpaqueValue {
  constructor(readonly text: string) {}
}

export type PolicyValue = string | number | boolean | null | OpaqueValue | PolicyValue[] | PolicyObject;
export interface PolicyObject {
  [key: string]: PolicyValue;
}

/** Where an element sits in the host text: its value and, for an object member, its key. */
export interface SourceSpan {
  key?: Range;
  value: Range;
}

/** Offsets into the host text, the source map behind a document; kept as offsets until a range is asked for. */
export interface SpanNode {
  start: number;
  end: number;
  keyStart?: number;
  keyEnd?: number;
  props?: Map<string, SpanNode>;
  items?: SpanNode[];
}

export function escapePointerSegment(segment: string | number): string {
  // Most segments (indexes, element names) need no escaping; skip the two replaces for them.
  if (typeof segment === 'number') return String(segment);
  if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export interface ParseOptions extends KindOptions {
  /** Share one LineIndex across the documents of a host file. */
  lineIndex?: LineIndex;
  /** Read `{"Ref": ...}` and `{"Fn::...": ...}` objects as opaque CloudFormation intrinsics. */
  intrinsics?: boolean;
}

/**
 * A parsed policy: the plain value (as JSON.parse gives it, with OpaqueValue for intrinsics), its kind,
 * JSON syntax findings, and a source map from every RFC 6901 JSON Pointer to its key and value ranges in
 * the host text (the file, which for embedded documents is larger than the policy).
 */
export class PolicyDocument {
  readonly kind: PolicyKind;
  readonly kindSource: KindSource;
  private tree: SpanNode | undefined;
  private index: LineIndex | undefined;

  constructor(
    /** The whole host text; ranges point into it. */
    readonly text: string,
    readonly value: PolicyValue | undefined,
    /** Offsets of the document inside the host text. */
    readonly start: number,
    readonly end: number,
    readonly syntaxFindings: Finding[],
    options: ParseOptions,
    tree: SpanNode | (() => SpanNode | undefined) | undefined,
  ) {
    const kind = detectKind(value, options);
    this.kind = kind.kind;
    this.kindSource = kind.source;
    this.index = options.lineIndex;
    if (typeof tree === 'function') this.buildTree = tree;
    else this.tree = tree;
  }

  private buildTree: (() => SpanNode | undefined) | undefined;

  get lineIndex(): LineIndex {
    if (!this.index) this.index = new LineIndex(this.text);
    return this.index;
  }

  private root(): SpanNode | undefined {
    if (!this.tree && this.buildTree) {
      this.tree = this.buildTree();
      this.buildTree = undefined;
    }
    return this.tree;
  }

  private node(pointer: string): { node: SpanNode | undefined; nearest: SpanNode | undefined } {
    let node = this.root();
    let nearest = node;
    for (const seg of pointerSegments(pointer)) {
      const next: SpanNode | undefined = node?.props?.get(seg) ?? node?.items?.[Number(seg)];
      if (!next) return { node: undefined, nearest };
      node = nearest = next;
    }
    return { node, nearest };
  }

  /** The key and value ranges of the element at `pointer`, or undefined when there is none. */
  locate(pointer: string): SourceSpan | undefined {
    const { node } = this.node(pointer);
    if (!node) return undefined;
    const li = this.lineIndex;
    const value = li.rangeOf(node.start, node.end - node.start);
    return node.keyStart === undefined
      ? { value }
      : { key: li.rangeOf(node.keyStart, node.keyEnd! - node.keyStart), value };
  }

  /**
   * The range a finding on `pointer` shows: the key (for a misplaced or misspelled element) or the value;
   * for a missing element, the key of the nearest enclosing element, or the document's start; 'open' gives
   * the first character of the element (the brace of an object that lacks a required member).
   */
  rangeFor(pointer: string, part: 'key' | 'value' | 'open' = 'value'): Range {
    const { node, nearest } = this.node(pointer);
    const li = this.lineIndex;
    const target = node ?? nearest;
    if (!target) return li.rangeOf(this.start, 0);
    // 'open': the opening brace of an object that lacks a required element, not the whole object.
    if (part === 'open' && node) return li.rangeOf(node.start, 1);
    if ((part === 'key' || !node) && target.keyStart !== undefined) {
      return li.rangeOf(target.keyStart, target.keyEnd! - target.keyStart);
    }
    if (!node && target.keyStart === undefined) return li.rangeOf(target.start, 1);
    return li.rangeOf(target.start, target.end - target.start);
  }

  /** The pointer of the innermost element at `position` (for hovers and quick fixes); undefined outside. */
  pointerAt(position: Position): string | undefined {
    const offset = this.lineIndex.offsetAt(position);
    let node = this.root();
    if (!node || offset < node.start || offset > node.end) return undefined;
    let pointer = '';
    for (;;) {
      let next: [string, SpanNode] | undefined;
      if (node.props) {
        for (const [k, child] of node.props) {
          if (offset >= (child.keyStart ?? child.start) && offset <= child.end) next = [k, child];
        }
      } else if (node.items) {
        node.items.forEach((child, i) => {
          if (offset >= child.start && offset <= child.end) next = [String(i), child];
        });
      }
      if (!next) return pointer;
      pointer += '/' + escapePointerSegment(next[0]);
      node = next[1];
    }
  }
}

function isIntrinsic(v: PolicyObject): boolean {
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition');
}

function withIntrinsics(v: PolicyValue, text: (v: PolicyValue) => string): PolicyValue {
  if (Array.isArray(v)) return v.map((x) => withIntrinsics(x, text));
  if (v && typeof v === 'object' && !(v instanceof OpaqueValue)) {
    if (isIntrinsic(v)) return new OpaqueValue(text(v));
    const out: PolicyObject = {};
    for (const k of Object.keys(v)) out[k] = withIntrinsics(v[k], text);
    return out;
  }
  return v;
}

function spanFromNode(node: Node, base: number): SpanNode {
  const span: SpanNode = { start: node.offset + base, end: node.offset + node.length + base };
  if (node.type === 'object') {
    span.props = new Map();
    for (const prop of node.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (!key || !value) continue;
      const child = spanFromNode(value, base);
      child.keyStart = key.offset + base;
      child.keyEnd = key.offset + key.length + base;
      span.props.set(String(key.value), child);
    }
  } else if (node.type === 'array') {
    span.items = (node.children ?? []).map((c) => spanFromNode(c, base));
  }
  return span;
}

function valueFromNode(node: Node): PolicyValue {
  if (node.type === 'object') {
    const out: PolicyObject = {};
    for (const prop of node.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (key && value) out[String(key.value)] = valueFromNode(value);
    }
    return out;
  }
  if (node.type === 'array') return (node.children ?? []).map(valueFromNode);
  return node.value as PolicyValue;
}

const SYNTAX_FIXES: Record<string, string> = {
  InvalidCommentToken: 'IAM policies are plain JSON: remove the comment.',
  PropertyNameExpected: 'Put the property name in double quotes, or remove the trailing comma.',
  ValueExpected: 'Add the missing value or remove the trailing comma.',
  CommaExpected: 'Add a comma between the elements.',
  ColonExpected: 'Add a colon between the name and its value.',
  CloseBraceExpected: 'Close the object with "}".',
  CloseBracketExpected: 'Close the array with "]".',
  EndOfFileExpected: 'Remove the text after the policy document.',
  UnexpectedEndOfString: 'Close the string with a double quote.',
  InvalidSymbol: 'Remove the character or quote the value.',
};

function syntaxFinding(err: ParseError, base: number, li: LineIndex): Finding {
  const code = printParseErrorCode(err.error);
  const what = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return {
    severity: 'error',
    check: 'json-syntax',
    path: '',
    range: li.rangeOf(err.offset + base, Math.max(err.length, 1)),
    message: `JSON syntax: ${what}. ${SYNTAX_FIXES[code] ?? 'Fix the JSON syntax.'}`,
  };
}

/**
 * Parses the policy in `host` between `start` and `end` (an embedded document); ranges point into the
 * host. Valid JSON goes through the native JSON.parse and the source map is built only when a range is
 * first asked for, which keeps a clean megabyte policy cheap; invalid JSON goes through jsonc-parser's
 * tolerant parser so the rest of the document is still checked.
 */
export function parsePolicyAt(
  host: string,
  start: number,
  end: number,
  options: ParseOptions = {},
): PolicyDocument {
  const text = host.slice(start, end);
  const sourceOf = (v: PolicyValue) => JSON.stringify(v);
  let value: PolicyValue | undefined;
  try {
    value = JSON.parse(text) as PolicyValue;
  } catch {
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
    const li = options.lineIndex ?? new LineIndex(host);
    // jsonc-parser can report two errors for one slip (a trailing comma): keep the first at each offset.
    const firsts = errors.filter((e, i) => errors.findIndex((x) => x.offset === e.offset) === i);
    const findings = firsts.map((e) => syntaxFinding(e, start, li));
    const raw = root ? valueFromNode(root) : undefined;
    const v = raw !== undefined && options.intrinsics ? withIntrinsics(raw, sourceOf) : raw;
    return new PolicyDocument(
      host,
      v,
      start,
      end,
      findings,
      { ...options, lineIndex: li },
      root ? spanFromNode(root, start) : undefined,
    );
  }
  if (options.intrinsics) value = withIntrinsics(value, sourceOf);
  const lazyTree = () => {
    const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
    return root ? spanFromNode(root, start) : undefined;
  };
  return new PolicyDocument(host, value, start, end, [], options, lazyTree);
}

/** Parses a policy file (JSON text); `options.fileName` and `options.globs` feed kind detection. */
export function parsePolicy(text: string, options: ParseOptions = {}): PolicyDocument {
  return parsePolicyAt(text, 0, text.length, options);
}

/** A document whose value and source map come from another syntax (YAML, HCL): see embedded.ts. */
export function policyFromTree(
  host: string,
  value: PolicyValue,
  tree: SpanNode,
  options: ParseOptions = {},
  syntaxFindings: Finding[] = [],
): PolicyDocument {
  return new PolicyDocument(host, value, tree.start, tree.end, syntaxFindings, options, tree);
}
