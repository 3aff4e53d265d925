import type { LexResult, Token } from './lexer';

export type ImportKind = 'import' | 'importstr' | 'importbin';

/** One `import "path"` (or importstr/importbin): the literal path and the offset/length of its string token. */
export interface ImportRef {
  kind: ImportKind;
  path: string;
  offset: number;
  length: number;
}

/** One `std.extVar("NAME")` call with a literal name: offset/length of the whole call and of the name. */
export interface ExtVarRef {
  name: string;
  offset: number;
  length: number;
  nameOffset: number;
  nameLength: number;
}

const IMPORT_KEYWORDS: ReadonlySet<string> = new Set(['import', 'importstr', 'importbin']);

/** Import statements whose path is a string literal (text blocks and computed paths are libjsonnet errors). */
export function findImports({ tokens }: LexResult): ImportRef[] {
  const out: ImportRef[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (
      t.kind === 'keyword' &&
      IMPORT_KEYWORDS.has(t.value) &&
      next.kind === 'string' &&
      next.style !== 'block'
    ) {
      out.push({ kind: t.value as ImportKind, path: next.value, offset: next.offset, length: next.length });
    }
  }
  return out;
}

const is = (t: Token | undefined, kind: Token['kind'], value: string) =>
  t?.kind === kind && t.value === value;

/** `std.extVar(<string literal>)` calls; calls with a computed name cannot be checked statically. */
export function findExtVarCalls({ tokens }: LexResult): ExtVarRef[] {
  const out: ExtVarRef[] = [];
  for (let i = 0; i + 5 < tokens.length; i++) {
    if (
      is(tokens[i], 'identifier', 'std') &&
      is(tokens[i + 1], 'punctuation', '.') &&
      is(tokens[i + 2], 'identifier', 'extVar') &&
      is(tokens[i + 3], 'punctuation', '(') &&
      tokens[i + 4].kind === 'string' &&
      is(tokens[i + 5], 'punctuation', ')')
    ) {
      const name = tokens[i + 4];
      const close = tokens[i + 5];
      out.push({
        name: name.value,
        offset: tokens[i].offset,
        length: close.offset + 1 - tokens[i].offset,
        nameOffset: name.offset,
        nameLength: name.length,
      });
    }
  }
  return out;
}
