import { sortFileFindings, type FileFinding } from './fileFinding';

/**
 * The pipeline JSON shape: an array of `{file, severity, check, path, range, message}` with 0-based
 * line/character ranges (the editor's convention), keys in a fixed order so output is byte-stable.
 */
export function formatJson(items: FileFinding[]): string {
  const rows = sortFileFindings(items).map(({ file, finding: f }) => ({
    file,
    severity: f.severity,
    check: f.check,
    path: f.path,
    range: {
      start: { line: f.range.start.line, character: f.range.start.character },
      end: { line: f.range.end.line, character: f.range.end.character },
    },
    message: f.message,
  }));
  return JSON.stringify(rows, null, 2);
}
