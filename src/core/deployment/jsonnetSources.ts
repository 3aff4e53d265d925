import { LineIndex, ZERO_RANGE } from '../range';
import type { DeploymentProblem, SourceRef } from './model';

/** One way to find where an element of the evaluated value was written. */
export type SourceHint =
  /** A string literal with exactly this content, e.g. a resource's name. */
  | { literal: string }
  /** An object field with this name; `near` must match the text that follows (the field's body), to tell
   * `bastion: { flavor: ... }` (an instance) from `bastion: { rules: ... }` (a security group). */
  | { field: string; near?: RegExp }
  /** A format string that generates keys with this prefix, like `'db%02d'` for `db01`, `db02`. */
  | { formatPrefix: string };

/**
 * The jsonnet sources of one evaluation (the file and its import closure). The evaluated value has no
 * positions, so an element is located by searching the sources for its name literal or its field; when
 * nothing matches, the top of the file.
 */
export class JsonnetSources {
  private readonly texts: { file: string; text: string; index: LineIndex; masked: string }[];

  constructor(
    readonly mainFile: string,
    files: { file: string; text: string }[],
  ) {
    // The main file first: a name found there is where the user most likely wrote it.
    const ordered = [...files].sort((a, b) => Number(b.file === mainFile) - Number(a.file === mainFile));
    this.texts = ordered.map(({ file, text }) => ({
      file,
      text,
      index: new LineIndex(text),
      masked: maskComments(text),
    }));
  }

  /** The first hint that matches wins; `path` is the element's JSON Pointer in the evaluated value. */
  locate(hints: SourceHint[], path: string): SourceRef {
    for (const hint of hints) {
      for (const t of this.texts) {
        const found =
          'literal' in hint
            ? findLiteral(t.masked, hint.literal)
            : 'field' in hint
              ? findField(t.masked, hint.field, hint.near)
              : findFormat(t.masked, hint.formatPrefix);
        if (found) return { file: t.file, range: t.index.rangeOf(found.offset, found.length), path };
      }
    }
    return { file: this.mainFile, range: ZERO_RANGE, path };
  }
}

/** Reports a problem about the element at `path` of the evaluated value, where the first hint matches. */
export type ReportByHints = (
  severity: 'error' | 'warning',
  check: string,
  path: string,
  hints: SourceHint[],
  message: string,
) => void;

/** A ReportByHints that appends to `problems`, located in `sources`. */
export function reportByHints(problems: DeploymentProblem[], sources: JsonnetSources): ReportByHints {
  return (severity, check, path, hints, message) => {
    const ref = sources.locate(hints, path);
    problems.push({ severity, check, path, file: ref.file, range: ref.range, message });
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function findLiteral(text: string, value: string): { offset: number; length: number } | undefined {
  if (!value) return undefined;
  const re = new RegExp(`(['"])${escape(value)}\\1`, 'g');
  const m = re.exec(text);
  return m ? { offset: m.index, length: m[0].length } : undefined;
}

function findFormat(text: string, prefix: string): { offset: number; length: number } | undefined {
  if (!prefix) return undefined;
  const m = new RegExp(`(['"])${escape(prefix)}%[^'"\n]*\\1`).exec(text);
  return m ? { offset: m.index, length: m[0].length } : undefined;
}

function findField(
  text: string,
  name: string,
  near?: RegExp,
): { offset: number; length: number } | undefined {
  const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
    ? `(?:${escape(name)}|(['"])${escape(name)}\\1)`
    : `(['"])${escape(name)}\\1`;
  const re = new RegExp(`(?<![\\w$.])${key}\\s*\\+?:{1,3}(?!:)`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const keyLength = m[0].replace(/\s*\+?:+$/, '').length;
    const body = m.index + m[0].length;
    if (!near || near.test(text.slice(body, valueEnd(text, body)))) {
      return { offset: m.index, length: keyLength };
    }
  }
  return undefined;
}

/** End of the field value starting at `start`: the `,` or closing bracket that ends it at depth 0. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  const limit = Math.min(text.length, start + 20_000);
  for (let i = start; i < limit; i++) {
    const c = text[i];
    if (c === "'" || c === '"') i = stringEnd(text, i) - 1;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (c === ',' && depth === 0) return i;
  }
  return limit;
}

/** Blanks out comments (keeping offsets) so commented-out code is never taken for the source. */
function maskComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function stringEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote || text[i] === '\n') return i + 1;
  }
  return text.length;
}
