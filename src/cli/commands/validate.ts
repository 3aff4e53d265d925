import { parse } from 'jsonc-parser';
import { SEVERITY_RANK, type Finding, type Severity } from '../../core/finding';
import { loadCatalog } from '../../core/iam/catalog';
import { POLICY_KINDS, type PolicyKind } from '../../core/iam/kind';
import { findEmbeddedPolicies } from '../../core/iam/embedded';
import { parsePolicy, type PolicyDocument } from '../../core/iam/parse';
import { CHECKS, validatePolicy } from '../../core/iam/validate';
import { EXIT_FINDINGS, EXIT_OK, UsageError, flag, parseArgs, type CliCommand } from '../command';
import type { FileFinding } from '../format/fileFinding';
import { formatJson } from '../format/json';
import { formatSarif } from '../format/sarif';
import { formatText } from '../format/text';
import { readInputFile } from './inputFiles';
import { version } from '../../../package.json';

const USAGE =
  'grantwise validate <files…> [--format text|json|sarif] [--kind identity|trust|resource] [--fail-on error|security|warning|suggestion] [--data-folder DIR]';

const SEVERITIES: readonly Severity[] = ['error', 'security', 'warning', 'suggestion'];

/**
 * The exit code for a set of findings: 1 when one is at or above `failOn` (severity order error >
 * security > warning > suggestion; the default `security` fails on errors and security findings), else 0.
 */
export function exitCodeFor(
  findings: readonly Pick<Finding, 'severity'>[],
  failOn: Severity = 'security',
): number {
  return findings.some((f) => SEVERITY_RANK[f.severity] <= SEVERITY_RANK[failOn]) ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * The policy documents of a file named on the command line: the policies inside a CloudFormation template
 * (JSON or YAML) or a Terraform file, else the file itself as one policy (a file the user names explicitly
 * is validated even when nothing in its name says "policy").
 */
export function documentsOf(text: string, fileName: string, kind: PolicyKind | undefined): PolicyDocument[] {
  const template = /\.(ya?ml|template|tf)$/i.test(fileName) || isCloudFormationJson(text);
  if (template) return findEmbeddedPolicies(text, fileName).map((e) => e.document);
  return [parsePolicy(text, { fileName, kind })];
}

/** A JSON template's top level holds AWSTemplateFormatVersion or Resources; a policy holds neither. */
function isCloudFormationJson(text: string): boolean {
  const value = parse(text);
  return (
    !!value && typeof value === 'object' && ('AWSTemplateFormatVersion' in value || 'Resources' in value)
  );
}

/** The SARIF rule text for a check id, from the validator's check table. */
function describeCheck(check: string): { description: string } | undefined {
  const info = CHECKS[check];
  if (!info) return undefined;
  const words = check.replace(/-/g, ' ');
  return {
    description: `${words.charAt(0).toUpperCase()}${words.slice(1)} (${info.family} check, ${info.severity}).`,
  };
}

/**
 * `grantwise validate`: the editor's checks for CI. A JSON syntax error is a finding (exit 1); a missing
 * or unreadable file, or a bad flag, is unusable input (exit 2).
 */
export const validateCommand: CliCommand = {
  name: 'validate',
  usage: USAGE,
  summary:
    'Validate IAM policy files (and policies in CloudFormation/Terraform): text, JSON or SARIF output.',
  async run(args, io) {
    const p = parseArgs(args);
    const format = flag(p, 'format') ?? 'text';
    const kind = flag(p, 'kind');
    const failOn = flag(p, 'fail-on') ?? 'security';
    if (p.positionals.length === 0) throw new UsageError('name at least one policy file');
    if (!['text', 'json', 'sarif'].includes(format))
      throw new UsageError(`--format '${format}' must be text, json or sarif`);
    if (kind !== undefined && !POLICY_KINDS.includes(kind as PolicyKind)) {
      throw new UsageError(`--kind '${kind}' must be identity, trust or resource`);
    }
    if (!SEVERITIES.includes(failOn as Severity)) {
      throw new UsageError(`--fail-on '${failOn}' must be error, security, warning or suggestion`);
    }
    const files = [];
    for (const name of p.positionals) files.push(await readInputFile(io.cwd, name, 'file'));
    const catalog = await loadCatalog({ dataFolder: flag(p, 'data-folder') });
    const found: FileFinding[] = [];
    for (const file of files) {
      const k = kind as PolicyKind | undefined;
      for (const doc of documentsOf(file.text, file.absolute, k)) {
        for (const finding of validatePolicy(doc, catalog, { kind: k }))
          found.push({ file: file.display, finding });
      }
    }
    if (format === 'json') io.out(formatJson(found));
    else if (format === 'sarif') io.out(formatSarif(found, { toolVersion: version, rule: describeCheck }));
    else io.out(formatText(found, files.length));
    return exitCodeFor(
      found.map((f) => f.finding),
      failOn as Severity,
    );
  },
};
