import type { JSONPath } from 'jsonc-parser';
import type { Finding } from '../../core/finding';
import type { IamCatalog } from '../../core/iam/catalog';
import type { PolicyKind } from '../../core/iam/kind';
import type { PolicyDocument } from '../../core/iam/parse';

/**
 * Which editor texts are IAM policies, and the policy documents inside them. Free of `vscode` (the
 * providers pass plain text) and of static engine imports (the engine is passed in, loaded lazily from
 * dist/heavy/iam.js), so it runs under plain Node in tests and keeps the activation bundle small.
 */
export type IamEngine = typeof import('../../heavy/iam');

export interface PolicySource {
  fileName: string;
  languageId: string;
  text: string;
}

export interface FoundPolicy {
  doc: PolicyDocument;
  /** How the document is named to the user: "policy" for a policy file, the holding element otherwise. */
  label: string;
  /** Where the document sits when the host is JSON (jsonc-parser path; [] for a policy file); undefined for YAML/HCL hosts. */
  jsonBase?: JSONPath;
}

export interface AnalyzedPolicy extends FoundPolicy {
  findings: Finding[];
}

const POLICY_FILE = /\.(policy|trust)\.jsonc?$/i;
const TEMPLATE_MARK = /AWSTemplateFormatVersion|["']?Resources["']?\s*:/;

function isJson(src: PolicySource): boolean {
  return src.languageId === 'json' || src.languageId === 'jsonc' || /\.jsonc?$/i.test(src.fileName);
}

function isYaml(src: PolicySource): boolean {
  return src.languageId === 'yaml' || /\.(ya?ml|template)$/i.test(src.fileName);
}

function isTerraform(src: PolicySource): boolean {
  return src.languageId === 'terraform' || /\.tf$/i.test(src.fileName);
}

/**
 * A cheap test run on every JSON/YAML/Terraform document before the engine loads: false means the
 * document certainly holds no policy. `globbed` says whether the policyGlobs setting names the file.
 */
export function mayHoldPolicies(src: PolicySource, globbed: boolean): boolean {
  if (isTerraform(src)) return src.text.includes('jsonencode');
  if (isYaml(src)) return TEMPLATE_MARK.test(src.text) && src.text.includes('AWS::');
  if (!isJson(src)) return false;
  return (
    globbed || POLICY_FILE.test(src.fileName) || /"Statement"/.test(src.text) || TEMPLATE_MARK.test(src.text)
  );
}

/**
 * The policy documents of an editor text: a `*.policy.json` / `*.trust.json` file or one the
 * `grantwise.iam.policyGlobs` setting names; a JSON file whose top level has Statement and Version; the
 * policies of a CloudFormation template (JSON or YAML, recognised by AWSTemplateFormatVersion or
 * Resources with AWS:: types); the `jsonencode` policies of a Terraform file.
 */
export function findPolicyDocuments(
  engine: IamEngine,
  src: PolicySource,
  globs: Record<string, PolicyKind>,
): FoundPolicy[] {
  const globKind = engine.kindForPath(src.fileName, globs);
  if (!mayHoldPolicies(src, globKind !== undefined)) return [];
  if (isTerraform(src) || isYaml(src)) {
    return engine
      .findEmbeddedPolicies(src.text, src.fileName)
      .map((e) => ({ doc: e.document, label: e.element }));
  }
  const named = globKind !== undefined || POLICY_FILE.test(src.fileName);
  if (!named) {
    const top = engine.topLevelKeys(src.text);
    if (top.has('AWSTemplateFormatVersion') || top.has('Resources')) {
      // findEmbeddedPolicies tells templates by extension; an unsaved or oddly named JSON template is still JSON.
      const name = /\.(json|template)$/i.test(src.fileName) ? src.fileName : `${src.fileName}.json`;
      return engine.findEmbeddedPolicies(src.text, name).map((e) => ({
        doc: e.document,
        label: e.element,
        jsonBase: engine.jsonPathOfValueAt(src.text, e.document.start),
      }));
    }
    if (!(top.has('Statement') && top.has('Version'))) return [];
  }
  const doc = engine.parsePolicy(src.text, { fileName: src.fileName, globs });
  return [{ doc, label: 'policy', jsonBase: [] }];
}

/** Runs the validator over every document found. */
export function analyzePolicies(
  engine: IamEngine,
  catalog: IamCatalog,
  src: PolicySource,
  globs: Record<string, PolicyKind>,
): AnalyzedPolicy[] {
  return findPolicyDocuments(engine, src, globs).map((p) => ({
    ...p,
    findings: engine.validatePolicy(p.doc, catalog),
  }));
}
