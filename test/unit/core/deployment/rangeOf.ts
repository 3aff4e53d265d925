import { LineIndex, type Range } from '../../../../src/core/range';

/** The range of the n-th occurrence of `needle` in `text`, to state expected ranges exactly. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' occurs fewer than ${occurrence + 1} times`);
  }
  return new LineIndex(text).rangeOf(at, needle.length);
}

/** The range of `literal` where it is the value of the n-th `"key": literal` in `text`. */
export function valueRange(text: string, key: string, literal: string, occurrence = 0): Range {
  const needle = `"${key}": ${literal}`;
  const whole = rangeOf(text, needle, occurrence);
  const shift = needle.length - literal.length;
  return { start: { line: whole.start.line, character: whole.start.character + shift }, end: whole.end };
}
