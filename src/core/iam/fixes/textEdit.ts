import {
  applyEdits,
  findNodeAtLocation,
  getNodeValue,
  modify,
  parseTree,
  type FormattingOptions,
  type JSONPath,
  type Node,
  type ParseError,
} from 'jsonc-parser';

/** A replacement of `length` characters at `offset` in the original text (what editors and LSP apply). */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/** The indentation and line endings a file already uses, so edits keep its style. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /^([ \t]+)\S/m.exec(text);
  if (indented && indented[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  // The smallest indentation in use is the unit; files usually nest by exactly that much.
  let unit = Infinity;
  for (const m of text.matchAll(/^( +)\S/gm)) unit = Math.min(unit, m[1].length);
  return { insertSpaces: true, tabSize: Number.isFinite(unit) ? unit : 2, eol };
}

/** One minimal edit that turns `before` into `after` (common prefix and suffix left alone). */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++;
  }
  return {
    offset: start,
    length: before.length - start - end,
    newText: after.slice(start, after.length - end),
  };
}

/**
 * Sets (or with `undefined`, removes) the value at `path` with jsonc-parser, touching nothing else. The
 * formatted edit re-indents the lines it touches; jsonc-parser's range formatter can mangle a line that
 * holds more than the edit (it has split `:::` inside a string), so the formatted result is used only when
 * it parses to exactly the value of the plain edit.
 */
export function setJsonValue(
  text: string,
  path: JSONPath,
  value: unknown,
  formattingOptions: FormattingOptions | undefined,
  extra: { isArrayInsertion?: boolean; first?: boolean } = {},
): string {
  const edit = (options: FormattingOptions | undefined) =>
    applyEdits(
      text,
      modify(text, path, value, {
        formattingOptions: options,
        isArrayInsertion: extra.isArrayInsertion,
        getInsertionIndex: extra.first ? () => 0 : undefined,
      }),
    );
  const plain = edit(undefined);
  if (!formattingOptions) return plain;
  const formatted = edit(formattingOptions);
  return sameJson(formatted, plain) ? formatted : plain;
}

function sameJson(a: string, b: string): boolean {
  const errors: ParseError[] = [];
  const ta = parseTree(a, errors);
  if (errors.length || !ta) return false;
  const tb = parseTree(b);
  return !!tb && JSON.stringify(getNodeValue(ta)) === JSON.stringify(getNodeValue(tb));
}

/**
 * Turns an RFC 6901 pointer into a jsonc-parser path below `base`, using the tree to tell array indices
 * from object keys that happen to be digits. Undefined when the pointer does not resolve.
 */
export function pointerToPath(text: string, base: JSONPath, pointer: string): JSONPath | undefined {
  const root = parseTree(text);
  if (!root) return undefined;
  const path: JSONPath = [...base];
  let node: Node | undefined = findNodeAtLocation(root, path);
  if (!node) return undefined;
  if (pointer === '') return path;
  if (!pointer.startsWith('/')) return undefined;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node.type === 'array') {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      path.push(Number(segment));
    } else if (node.type === 'object') path.push(segment);
    else return undefined;
    node = findNodeAtLocation(root, path);
    if (!node) return undefined;
  }
  return path;
}

/** The JSON value at `path`, or undefined. */
export function valueAt(text: string, path: JSONPath): unknown {
  const root = parseTree(text);
  const node = root && findNodeAtLocation(root, path);
  return node ? getNodeValue(node) : undefined;
}
