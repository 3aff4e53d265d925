/**
 * A Jsonnet lexer that follows libjsonnet's rules (core/lexer.cpp) closely enough to find every string
 * literal, keyword and identifier at its exact offset: comments (`//`, `#`, `/* *\/`), quoted strings with
 * escapes, verbatim strings (`@'...'`, `@"..."`) and `|||` text blocks. The import sandbox and the
 * missing-extVar check rely on it, so an `import` inside a comment or a string is never mistaken for one.
 */

export type TokenKind = 'identifier' | 'keyword' | 'string' | 'number' | 'operator' | 'punctuation';

export type StringStyle = 'double' | 'single' | 'verbatim-double' | 'verbatim-single' | 'block';

export interface Token {
  kind: TokenKind;
  /** Offset of the first character and length in the source text (UTF-16 code units). */
  offset: number;
  length: number;
  /** The source text of the token, or for strings the decoded value. */
  value: string;
  style?: StringStyle;
}

export interface LexProblem {
  offset: number;
  length: number;
  message: string;
}

export interface LexResult {
  tokens: Token[];
  problems: LexProblem[];
}

export const KEYWORDS: ReadonlySet<string> = new Set([
  'assert',
  'else',
  'error',
  'false',
  'for',
  'function',
  'if',
  'import',
  'importbin',
  'importstr',
  'in',
  'local',
  'null',
  'self',
  'super',
  'tailstrict',
  'then',
  'true',
]);

const OPERATOR_CHARS = '!$:~+-&|^=<>*/%';
const PUNCTUATION = '{}[],.();';
const ESCAPES: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const isDigit = (c: string) => c >= '0' && c <= '9';
const isIdentStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentChar = (c: string) => isIdentStart(c) || isDigit(c);
const isHorizontalSpace = (c: string) => c === ' ' || c === '\t' || c === '\r';

/** Length of `first`'s leading whitespace if `text` at `at` starts with exactly that whitespace, else 0. */
function indentMatch(text: string, first: number, at: number): number {
  let i = 0;
  while (text[first + i] === ' ' || text[first + i] === '\t') {
    if (text[at + i] !== text[first + i]) return 0;
    i++;
  }
  return i;
}

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  const problems: LexProblem[] = [];
  const n = text.length;
  let i = 0;
  const problem = (offset: number, length: number, message: string) =>
    problems.push({ offset, length, message });

  while (i < n) {
    const c = text[i];
    const start = i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) {
        problem(start, 2, 'Multi-line comment is never closed: add */ where it should end.');
        i = n;
      } else i = end + 2;
    } else if (c === '|' && text.startsWith('|||', i)) {
      i = lexTextBlock(text, i, tokens, problem);
    } else if (c === '"' || c === "'") {
      i = lexQuoted(text, i, tokens, problem);
    } else if (c === '@' && (text[i + 1] === '"' || text[i + 1] === "'")) {
      i = lexVerbatim(text, i, tokens, problem);
    } else if (isDigit(c)) {
      i = lexNumber(text, i, tokens, problem);
    } else if (isIdentStart(c)) {
      while (i < n && isIdentChar(text[i])) i++;
      const word = text.slice(start, i);
      tokens.push({
        kind: KEYWORDS.has(word) ? 'keyword' : 'identifier',
        offset: start,
        length: i - start,
        value: word,
      });
    } else if (PUNCTUATION.includes(c)) {
      tokens.push({ kind: 'punctuation', offset: i, length: 1, value: c });
      i++;
    } else if (OPERATOR_CHARS.includes(c)) {
      i++;
      // An operator run stops where a comment or a text block begins (libjsonnet does the same).
      while (
        i < n &&
        OPERATOR_CHARS.includes(text[i]) &&
        !(text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) &&
        !text.startsWith('|||', i)
      ) {
        i++;
      }
      tokens.push({ kind: 'operator', offset: start, length: i - start, value: text.slice(start, i) });
    } else {
      problem(i, 1, `Unexpected character '${c}': Jsonnet does not use it outside strings and comments.`);
      i++;
    }
  }
  return { tokens, problems };
}

type Report = (offset: number, length: number, message: string) => void;

function lexQuoted(text: string, start: number, tokens: Token[], problem: Report): number {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  while (i < text.length && text[i] !== quote) {
    if (text[i] === '\\') {
      const e = text[i + 1];
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          value += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        problem(i, 2, 'Invalid \\u escape: write exactly four hexadecimal digits, as in \\u00e9.');
        i += 2;
        continue;
      }
      if (e !== undefined && e in ESCAPES) {
        value += ESCAPES[e];
        i += 2;
        continue;
      }
      problem(i, 2, `Unknown escape \\${e ?? ''}: use \\\\ for a backslash.`);
      i += 2;
      continue;
    }
    value += text[i];
    i++;
  }
  if (i >= text.length) {
    problem(start, 1, `String is never closed: add the closing ${quote}.`);
    tokens.push({
      kind: 'string',
      offset: start,
      length: text.length - start,
      value,
      style: quote === '"' ? 'double' : 'single',
    });
    return text.length;
  }
  tokens.push({
    kind: 'string',
    offset: start,
    length: i + 1 - start,
    value,
    style: quote === '"' ? 'double' : 'single',
  });
  return i + 1;
}

function lexVerbatim(text: string, start: number, tokens: Token[], problem: Report): number {
  const quote = text[start + 1];
  let value = '';
  let i = start + 2;
  for (;;) {
    if (i >= text.length) {
      problem(start, 2, `Verbatim string is never closed: add the closing ${quote}.`);
      break;
    }
    if (text[i] === quote) {
      if (text[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      i++;
      break;
    }
    value += text[i];
    i++;
  }
  const style: StringStyle = quote === '"' ? 'verbatim-double' : 'verbatim-single';
  tokens.push({ kind: 'string', offset: start, length: i - start, value, style });
  return i;
}

function lexNumber(text: string, start: number, tokens: Token[], problem: Report): number {
  const m = /^(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(start, start + 400));
  let i = start + (m ? m[0].length : 1);
  if (/[.eE]/.test(text[i] ?? '') && !(text[i] === '.' && !isDigit(text[i + 1] ?? ''))) {
    problem(
      start,
      i + 1 - start,
      'Malformed number: write digits, an optional fraction and an optional exponent.',
    );
    i++;
  }
  tokens.push({ kind: 'number', offset: start, length: i - start, value: text.slice(start, i) });
  return i;
}

function lexTextBlock(text: string, start: number, tokens: Token[], problem: Report): number {
  const n = text.length;
  let i = start + 3;
  const chomp = text[i] === '-';
  if (chomp) i++;
  while (i < n && isHorizontalSpace(text[i])) i++;
  const fail = (at: number, message: string) => {
    problem(start, Math.max(3, at - start), message);
    tokens.push({ kind: 'string', offset: start, length: at - start, value: '', style: 'block' });
    return at;
  };
  if (text[i] !== '\n') return fail(i, 'A text block needs a new line right after |||.');
  i++;
  let value = '';
  while (text[i] === '\n') {
    value += '\n';
    i++;
  }
  const firstLine = i;
  let indent = indentMatch(text, firstLine, i);
  if (indent === 0)
    return fail(i, "A text block's first line must start with whitespace (indent the block).");
  for (;;) {
    i += indent;
    while (i < n && text[i] !== '\n') value += text[i++];
    if (i >= n) return fail(n, 'Text block is never closed: end it with ||| on its own line.');
    value += '\n';
    i++;
    while (text[i] === '\n') {
      value += '\n';
      i++;
    }
    indent = indentMatch(text, firstLine, i);
    if (indent === 0) {
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (!text.startsWith('|||', i))
        return fail(i, 'Text block is not closed with |||: end it with ||| on its own line.');
      i += 3;
      break;
    }
  }
  if (chomp) value = value.replace(/\n$/, '');
  tokens.push({ kind: 'string', offset: start, length: i - start, value, style: 'block' });
  return i;
}
