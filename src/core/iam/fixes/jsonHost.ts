import { findNodeAtOffset, getNodePath, parseTree, type JSONPath } from 'jsonc-parser';
import { detectFormatting, pointerToPath, setJsonValue, valueAt } from './textEdit';

/**
 * A policy document inside a JSON text: the whole file for a policy file, or the value at `base` in a
 * CloudFormation JSON template. Fixes address elements by the finding's JSON Pointer, relative to `base`.
 */
export class JsonHost {
  private readonly formatting;

  constructor(
    readonly text: string,
    readonly base: JSONPath = [],
  ) {
    // A one-line (minified) document stays on one line: jsonc-parser would otherwise re-indent it whole.
    this.formatting = text.includes('\n') ? detectFormatting(text) : undefined;
  }

  path(pointer: string): JSONPath | undefined {
    return pointerToPath(this.text, this.base, pointer);
  }

  value(path: JSONPath): unknown {
    return valueAt(this.text, path);
  }

  /** The text after setting (or, with undefined, removing) the value at `path`. */
  set(
    text: string,
    path: JSONPath,
    value: unknown,
    extra?: { isArrayInsertion?: boolean; first?: boolean },
  ): string {
    return setJsonValue(text, path, value, this.formatting, extra);
  }
}

/** The top-level keys of a JSON object text (empty for anything else): tells policies from templates. */
export function topLevelKeys(text: string): Set<string> {
  const root = parseTree(text);
  const keys = new Set<string>();
  if (root?.type !== 'object') return keys;
  for (const prop of root.children ?? []) {
    const key = prop.children?.[0]?.value;
    if (typeof key === 'string') keys.add(key);
  }
  return keys;
}

/** The jsonc-parser path of the value that starts at `offset` (an embedded policy) in a JSON host. */
export function jsonPathOfValueAt(text: string, offset: number): JSONPath | undefined {
  const root = parseTree(text);
  const node = root && findNodeAtOffset(root, offset);
  return node && node.offset === offset ? getNodePath(node) : undefined;
}
