import type { JSONPath } from 'jsonc-parser';
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
