import { compareFindings, type Finding } from '../../core/finding';

/** A finding together with the file it was found in, as the user named it on the command line. */
export interface FileFinding {
  /** Path relative to the working directory, with forward slashes (absolute when outside it). */
  file: string;
  finding: Finding;
}

/** Stable order for every output format: by file, then by position, severity and check. */
export function sortFileFindings(items: FileFinding[]): FileFinding[] {
  return [...items].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || compareFindings(a.finding, b.finding),
  );
}
