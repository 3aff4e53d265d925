import { SEVERITY_RANK, type Severity } from '../../core/finding';
import { sortFileFindings, type FileFinding } from './fileFinding';

/**
 * One line per finding in the `file:line:column: severity check: message` shape that editors and CI
 * problem matchers recognise (1-based line and column), then a one-line summary.
 */
export function formatText(items: FileFinding[], fileCount: number): string {
  const lines = sortFileFindings(items).map(({ file, finding: f }) => {
    const { line, character } = f.range.start;
    return `${file}:${line + 1}:${character + 1}: ${f.severity} ${f.check}: ${f.message}`;
  });
  lines.push(summary(items, fileCount));
  return lines.join('\n');
}

function summary(items: FileFinding[], fileCount: number): string {
  const files = `${fileCount} ${fileCount === 1 ? 'file' : 'files'}`;
  if (items.length === 0) return `No problems in ${files}.`;
  const counts = new Map<Severity, number>();
  for (const { finding } of items) counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  const parts = [...counts]
    .sort(([a], [b]) => SEVERITY_RANK[a] - SEVERITY_RANK[b])
    .map(([severity, n]) => `${n} ${severity}`);
  const problems = `${items.length} ${items.length === 1 ? 'problem' : 'problems'}`;
  return `${problems} (${parts.join(', ')}) in ${files}.`;
}
