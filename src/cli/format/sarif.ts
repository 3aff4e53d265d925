import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SEVERITY_RANK, type Finding, type Severity } from '../../core/finding';
import { sortFileFindings, type FileFinding } from './fileFinding';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** What the tool knows about a check beyond its id; the validator's rule table supplies it when present. */
export interface RuleInfo {
  description: string;
  helpUri?: string;
}

export interface SarifOptions {
  toolVersion: string;
  /** Describes a check id; unknown ids get a description derived from the id itself. */
  rule?: (check: string) => RuleInfo | undefined;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  security: 'error',
  warning: 'warning',
  suggestion: 'note',
};

/**
 * SARIF 2.1.0 for code-scanning uploads: one run, the checks that fired as rules (sorted by id), and one
 * result per finding with a repository-relative location and a 1-based region. Security findings carry
 * the `security` tag and a `security-severity` so code scanning ranks them as vulnerabilities.
 */
export function formatSarif(items: FileFinding[], options: SarifOptions): string {
  const sorted = sortFileFindings(items);
  const worst = new Map<string, Finding>();
  for (const { finding } of sorted) {
    const seen = worst.get(finding.check);
    if (!seen || SEVERITY_RANK[finding.severity] < SEVERITY_RANK[seen.severity])
      worst.set(finding.check, finding);
  }
  const ids = [...worst.keys()].sort();
  const rules = ids.map((id) => {
    const f = worst.get(id)!;
    const info = options.rule?.(id);
    const helpUri = info?.helpUri ?? f.learnMore;
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: info?.description ?? sentence(id) },
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: LEVEL[f.severity] },
      properties: {
        tags: f.severity === 'security' ? ['iam', 'security'] : ['iam'],
        ...(f.severity === 'security' ? { 'security-severity': '8.0' } : {}),
      },
    };
  });
  const results = sorted.map(({ file, finding: f }) => ({
    ruleId: f.check,
    ruleIndex: ids.indexOf(f.check),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(file),
          region: {
            startLine: f.range.start.line + 1,
            startColumn: f.range.start.character + 1,
            endLine: f.range.end.line + 1,
            endColumn: f.range.end.character + 1,
          },
        },
        logicalLocations: [{ fullyQualifiedName: f.path, kind: 'element' }],
      },
    ],
    // Stable across edits that only move lines, so code scanning keeps tracking the same alert.
    partialFingerprints: { 'grantwise/v1': fingerprint(file, f) },
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Grantwise',
            informationUri: 'https://example.invalid/grantwise',
            semanticVersion: options.toolVersion,
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/** Relative to the checkout root (what code scanning expects); a file outside it gets a file: URI. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: encodeURI(file), uriBaseId: '%SRCROOT%' };
}

/** `unknown-action` → `UnknownAction`, SARIF's human-readable rule name. */
function ruleName(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** `unknown-action` → `Unknown action.` when the validator offers no description. */
function sentence(id: string): string {
  const words = id.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1) + '.';
}

function fingerprint(file: string, f: Finding): string {
  return createHash('sha256')
    .update(`${file}\0${f.check}\0${f.path}\0${f.message}`)
    .digest('hex')
    .slice(0, 32);
}
