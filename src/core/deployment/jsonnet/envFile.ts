import type { Finding } from '../../finding';
import { LineIndex } from '../../range';

/**
 * Parses a shell-style env file (`export KEY=value` lines, as sourced before running a deployer) or a
 * `.env` file into ext vars. Supported: an optional `export` prefix, unquoted values (a `#` after
 * whitespace starts a comment), single quotes (literal, may span lines), double quotes (escapes `\n \t \r
 * \" \\ \$ \``, may span lines), empty values (`K=`, `K=""`), CRLF line ends and full-line comments.
 * Values are taken literally: `$OTHER` is not expanded (a warning says so). Later assignments win.
 * Problems carry their range in the env file and `data.file`; messages never contain values (they may be
 * secrets).
 */
export function parseEnvFile(
  text: string,
  fileName: string,
): { vars: Record<string, string>; problems: Finding[] } {
  const vars: Record<string, string> = {};
  const firstSeen = new Map<string, number>();
  const problems: Finding[] = [];
  const index = new LineIndex(text);
  const problem = (
    severity: Finding['severity'],
    check: string,
    key: string,
    offset: number,
    length: number,
    message: string,
  ) =>
    problems.push({
      severity,
      check,
      path: key ? `/${key}` : '',
      range: index.rangeOf(offset, length),
      message,
      data: { file: fileName },
    });

  let i = 0;
  const n = text.length;
  while (i < n) {
    const lineEnd = endOfLine(text, i);
    const line = text.slice(i, lineEnd);
    const trimmed = line.trimStart();
    const lead = line.length - trimmed.length;
    if (trimmed === '' || trimmed.startsWith('#')) {
      i = nextLine(text, lineEnd);
      continue;
    }
    const m = /^(export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*/.exec(trimmed);
    if (!m) {
      const lineNo = index.positionAt(i).line + 1;
      problem(
        'error',
        'env-file-invalid-line',
        '',
        i + lead,
        trimmed.trimEnd().length,
        `${fileName} line ${lineNo} is not an assignment: write it as export NAME=value (NAME is letters, digits and _, not starting with a digit) or comment it out with #.`,
      );
      i = nextLine(text, lineEnd);
      continue;
    }
    const key = m[2];
    const keyOffset = i + lead + (m[1]?.length ?? 0);
    const valueStart = i + lead + m[0].length;
    const parsed = parseValue(text, valueStart, lineEnd);
    if (parsed.error) {
      problem(
        'error',
        'env-file-invalid-value',
        key,
        parsed.errorOffset ?? valueStart,
        parsed.errorLength ?? 1,
        `${fileName}: ${key}: ${parsed.error}`,
      );
    } else {
      if (firstSeen.has(key)) {
        problem(
          'warning',
          'env-file-duplicate',
          key,
          keyOffset,
          key.length,
          `${fileName}: ${key} is assigned again here; this later value wins over the one on line ${firstSeen.get(key)! + 1}. Remove one of them.`,
        );
      } else firstSeen.set(key, index.positionAt(keyOffset).line);
      vars[key] = parsed.value;
      if (parsed.expands) {
        problem(
          'warning',
          'env-file-no-expansion',
          key,
          valueStart,
          parsed.end - valueStart,
          `${fileName}: ${key} contains $NAME, which is taken literally here (no shell expansion). Write the value out, or escape it as \\$ inside double quotes to silence this.`,
        );
      }
    }
    i = nextLine(text, endOfLine(text, parsed.end));
  }
  return { vars, problems };
}

interface ParsedValue {
  value: string;
  /** Offset just after the value (and its closing quote). */
  end: number;
  expands?: boolean;
  error?: string;
  errorOffset?: number;
  errorLength?: number;
}

const DOUBLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
  $: '$',
  '`': '`',
};
const EXPANSION = /\$(\{[A-Za-z_]|[A-Za-z_])/;

function parseValue(text: string, start: number, lineEnd: number): ParsedValue {
  const q = text[start];
  if (q === '"' || q === "'") {
    let value = '';
    let expands = false;
    let i = start + 1;
    for (; i < text.length && text[i] !== q; i++) {
      if (q === '"' && text[i] === '\\' && text[i + 1] in DOUBLE_ESCAPES) {
        value += DOUBLE_ESCAPES[text[i + 1]];
        i++;
      } else {
        if (q === '"' && EXPANSION.test(text.slice(i, i + 3))) expands = true;
        if (text[i] === '\r' && text[i + 1] === '\n') continue;
        value += text[i];
      }
    }
    if (i >= text.length) {
      return {
        value,
        end: lineEnd,
        error: `the ${q === '"' ? 'double' : 'single'} quote opened here is never closed; add the closing ${q}.`,
        errorOffset: start,
        errorLength: lineEnd - start,
      };
    }
    const end = i + 1;
    const closeLineEnd = endOfLine(text, end);
    const rest = text.slice(end, closeLineEnd);
    if (!/^\s*(#.*)?$/.test(rest)) {
      const junk = end + (rest.length - rest.trimStart().length);
      return {
        value,
        end: closeLineEnd,
        error: `unexpected text after the closing ${q}; put a comment after whitespace and #, or quote the whole value.`,
        errorOffset: junk,
        errorLength: rest.trimEnd().length - (junk - end),
      };
    }
    return { value, end, expands };
  }
  // Unquoted: up to a `#` that follows whitespace, trailing whitespace trimmed.
  let raw = text.slice(start, lineEnd);
  const comment = /[ \t]#/.exec(raw);
  if (comment) raw = raw.slice(0, comment.index);
  if (raw.startsWith('#') && /[ \t]/.test(text[start - 1] ?? '')) raw = ''; // `K= # comment`
  raw = raw.trimEnd();
  return { value: raw, end: start + raw.length, expands: EXPANSION.test(raw) };
}

/** Offset of the `\n` ending the line containing `i` (or the text end); a preceding `\r` is excluded. */
function endOfLine(text: string, i: number): number {
  let e = text.indexOf('\n', i);
  if (e < 0) e = text.length;
  return e > i && text[e - 1] === '\r' ? e - 1 : e;
}

function nextLine(text: string, lineEnd: number): number {
  const nl = text.indexOf('\n', lineEnd);
  return nl < 0 ? text.length : nl + 1;
}
