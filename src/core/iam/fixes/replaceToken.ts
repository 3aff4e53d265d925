import type { TextEdit } from './textEdit';

/**
 * Replaces the scalar token `token` (as it appears at `offset` in the host text) by `value`, keeping its
 * quoting: JSON/HCL double quotes (escaped), YAML single quotes, or a plain scalar. Works in any host
 * format because it only touches the token itself.
 */
export function replaceToken(offset: number, token: string, value: string): TextEdit {
  let newText = value;
  if (token.length >= 2 && token.startsWith('"') && token.endsWith('"')) newText = JSON.stringify(value);
  else if (token.length >= 2 && token.startsWith("'") && token.endsWith("'"))
    newText = `'${value.replace(/'/g, "''")}'`;
  return { offset, length: token.length, newText };
}
