import type { Range } from './range';

export type Severity = 'error' | 'security' | 'warning' | 'suggestion';

/** Order used by `--fail-on` and by sorting: most severe first. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 0, security: 1, warning: 2, suggestion: 3 };

/**
 * One problem at one place, modelled on IAM Access Analyzer's findings: a kebab-case check id, the
 * JSON Pointer of the element (RFC 6901) and its source range, and a message that says how to fix it.
 */
export interface Finding {
  severity: Severity;
  check: string;
  /** RFC 6901 JSON Pointer into the document; for a missing element, the object that should contain it. */
  path: string;
  range: Range;
  message: string;
  /** Optional link to the documentation of the rule. */
  learnMore?: string;
  /** Data for quick fixes (for example the suggested action for did-you-mean). */
  data?: Record<string, unknown>;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.check.localeCompare(b.check)
  );
}
