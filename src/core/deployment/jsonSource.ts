import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex, type Range } from '../range';
import type { DeploymentProblem } from './model';

/**
 * A JSON (with comments) document parsed once, keeping source positions, so every problem found in its
 * value can be reported at the exact key or value it is about.
 */
export class JsonSource {
  readonly index: LineIndex;
  readonly tree: Node | undefined;
  readonly syntaxProblems: DeploymentProblem[] = [];

  constructor(
    readonly text: string,
    readonly file: string,
    syntaxCheck: string,
  ) {
    this.index = new LineIndex(text);
    const errors: ParseError[] = [];
    this.tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    // Only the first error: the parser's recovery makes the later ones echoes of it.
    for (const e of errors.slice(0, 1)) {
      this.syntaxProblems.push({
        severity: 'error',
        check: syntaxCheck,
        path: '',
        range: this.index.rangeOf(e.offset, Math.max(1, e.length)),
        message: `JSON syntax error: ${describeParseError(printParseErrorCode(e.error))}. Fix the JSON here; nothing after it is checked reliably.`,
        file,
      });
    }
  }

  /** Node at a JSON Pointer, or undefined when it does not exist. */
  node(pointer: string): Node | undefined {
    if (!this.tree) return undefined;
    return pointer === '' ? this.tree : findNodeAtLocation(this.tree, segments(pointer));
  }

  /**
   * Range of the property name (`key`) or of the value at a pointer. For a missing element, the nearest
   * existing ancestor's key; array items and the root have no key, so their value range is used.
   */
  locate(pointer: string, part: 'key' | 'value' = 'value'): Range {
    let segs = pointer === '' ? [] : segments(pointer);
    for (;;) {
      const node = this.tree && (segs.length ? findNodeAtLocation(this.tree, segs) : this.tree);
      if (node) {
        const exact = segs.length === (pointer === '' ? 0 : segments(pointer).length);
        const useKey = (part === 'key' || !exact) && node.parent?.type === 'property';
        const target = useKey ? node.parent!.children![0] : node;
        return this.index.rangeOf(target.offset, target.length);
      }
      if (!segs.length) return this.index.rangeOf(0, 0);
      segs = segs.slice(0, -1);
    }
  }
}

function segments(pointer: string): (string | number)[] {
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

function describeParseError(code: string): string {
  // 'PropertyNameExpected' -> 'property name expected'
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
