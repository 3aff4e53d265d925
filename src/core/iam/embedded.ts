import { parseTree, type Node } from 'jsonc-parser';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { LineIndex } from '../range';
import type { PolicyKind } from './kind';
import {
  OpaqueValue,
  parsePolicyAt,
  policyFromTree,
  type PolicyDocument,
  type PolicyObject,
  type PolicyValue,
  type SpanNode,
} from './parse';

/** A policy document found inside a template, with where it came from. */
export interface EmbeddedPolicy {
  document: PolicyDocument;
  /** What holds it, e.g. `Resources/AppRole/Properties/AssumeRolePolicyDocument` or `aws_iam_role.app.assume_role_policy`. */
  element: string;
}

/** CloudFormation property names that hold a policy, and the kind each implies. */
const CFN_PROPERTIES: Record<string, PolicyKind | 'by-type'> = {
  AssumeRolePolicyDocument: 'trust',
  PolicyDocument: 'by-type',
  KeyPolicy: 'resource',
  ResourcePolicy: 'resource',
};

/** Resource types whose PolicyDocument is a resource-based policy. */
const CFN_RESOURCE_POLICY_TYPES = new Set([
  'AWS::S3::BucketPolicy',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::SecretsManager::ResourcePolicy',
  'AWS::Logs::ResourcePolicy',
  'AWS::EventSchemas::RegistryPolicy',
  'AWS::OpenSearchService::Domain',
  'AWS::Elasticsearch::Domain',
  'AWS::Backup::BackupVault',
  'AWS::ECR::Repository',
]);
const CFN_IDENTITY_TYPES = /^AWS::IAM::(Policy|ManagedPolicy|Role|User|Group)$/;

function cfnKind(property: string, type: string | undefined): PolicyKind | undefined {
  const k = CFN_PROPERTIES[property];
  if (k !== 'by-type') return k;
  if (type && CFN_RESOURCE_POLICY_TYPES.has(type)) return 'resource';
  if (type && CFN_IDENTITY_TYPES.test(type)) return 'identity';
  return undefined; // the content decides
}

function isCfnText(text: string): boolean {
  return /AWSTemplateFormatVersion|["']?Resources["']?\s*:/.test(text);
}

// ---------------------------------------------------------------- CloudFormation JSON

function cfnJson(text: string, li: LineIndex): EmbeddedPolicy[] {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const resources = root?.children?.find((p) => p.children?.[0]?.value === 'Resources')?.children?.[1];
  const out: EmbeddedPolicy[] = [];
  for (const res of resources?.children ?? []) {
    const [nameNode, body] = res.children ?? [];
    if (!nameNode || body?.type !== 'object') continue;
    const type = body.children?.find((p) => p.children?.[0]?.value === 'Type')?.children?.[1]?.value as
      string | undefined;
    const visit = (node: Node, path: string) => {
      if (node.type === 'object') {
        for (const prop of node.children ?? []) {
          const [k, v] = prop.children ?? [];
          if (!k || !v) continue;
          const key = String(k.value);
          const p = `${path}/${key}`;
          if (key in CFN_PROPERTIES && v.type === 'object') {
            const kind = cfnKind(key, type);
            out.push({
              document: parsePolicyAt(text, v.offset, v.offset + v.length, {
                kind,
                intrinsics: true,
                lineIndex: li,
              }),
              element: p.slice(1),
            });
          } else visit(v, p);
        }
      } else if (node.type === 'array') node.children?.forEach((c, i) => visit(c, `${path}/${i}`));
    };
    visit(body, `/Resources/${nameNode.value}`);
  }
  return out;
}

// ---------------------------------------------------------------- CloudFormation YAML

function yamlToPolicy(node: YamlNode | null, text: string): { value: PolicyValue; span: SpanNode } {
  const [start, valueEnd] = node?.range ?? [0, 0];
  const span: SpanNode = { start, end: valueEnd };
  // Short-form intrinsics (!Sub, !Ref, !GetAtt, !Join...) are resolved at deploy time.
  if (node?.tag?.startsWith('!')) return { value: new OpaqueValue(text.slice(start, valueEnd)), span };
  if (isMap(node)) {
    const value: PolicyObject = {};
    span.props = new Map();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const child = yamlToPolicy(pair.value as YamlNode | null, text);
      if (isScalar(pair.key) && pair.key.range) {
        child.span.keyStart = pair.key.range[0];
        child.span.keyEnd = pair.key.range[1];
      }
      value[key] = child.value;
      span.props.set(key, child.span);
    }
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      return { value: new OpaqueValue(text.slice(start, valueEnd)), span: { start, end: valueEnd } };
    }
    return { value, span };
  }
  if (isSeq(node)) {
    const parts = node.items.map((item) => yamlToPolicy(item as YamlNode, text));
    span.items = parts.map((p) => p.span);
    return { value: parts.map((p) => p.value), span };
  }
  if (isScalar(node)) {
    const v = node.value;
    // CloudFormation passes scalars on as strings: an unquoted account ID or `true` is fine there.
    return { value: v === null || v === undefined ? null : typeof v === 'string' ? v : String(v), span };
  }
  return { value: null, span };
}

function cfnYaml(text: string, li: LineIndex): EmbeddedPolicy[] {
  const doc = parseDocument(text, { uniqueKeys: false, strict: false, logLevel: 'silent' });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
  const resources = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'Resources')?.value;
  if (!isMap(resources)) return [];
  const out: EmbeddedPolicy[] = [];
  for (const res of resources.items) {
    if (!isMap(res.value)) continue;
    const typeNode = res.value.items.find((p) => isScalar(p.key) && p.key.value === 'Type')?.value;
    const type = isScalar(typeNode) ? String(typeNode.value) : undefined;
    const visit = (node: unknown, path: string) => {
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : '';
          const p = `${path}/${key}`;
          if (key in CFN_PROPERTIES && isMap(pair.value) && !pair.value.tag) {
            const { value, span } = yamlToPolicy(pair.value, text);
            out.push({
              document: policyFromTree(text, value, span, { kind: cfnKind(key, type), lineIndex: li }),
              element: p.slice(1),
            });
          } else visit(pair.value, p);
        }
      } else if (isSeq(node)) node.items.forEach((c, i) => visit(c, `${path}/${i}`));
    };
    visit(res.value, `/Resources/${isScalar(res.key) ? String(res.key.value) : ''}`);
  }
  return out;
}

// ---------------------------------------------------------------- Terraform jsonencode({...})

/** Terraform resource types whose `policy` argument is a resource-based policy. */
const TF_RESOURCE_POLICY_TYPES = new Set([
  'aws_s3_bucket_policy',
  'aws_sqs_queue_policy',
  'aws_sns_topic_policy',
  'aws_kms_key',
  'aws_ecr_repository_policy',
  'aws_secretsmanager_secret_policy',
  'aws_cloudwatch_log_resource_policy',
  'aws_glacier_vault',
  'aws_opensearch_domain_policy',
  'aws_elasticsearch_domain_policy',
  'aws_backup_vault_policy',
  'aws_iam_role_trust_policy',
]);

/** A small reader for the HCL expression inside jsonencode(...): objects, tuples, strings, literals. */
class HclReader {
  pos: number;
  constructor(
    readonly text: string,
    start: number,
  ) {
    this.pos = start;
  }

  private skip(newlines = true): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\r' || (newlines && ch === '\n')) this.pos++;
      else if (ch === '#' || (ch === '/' && this.text[this.pos + 1] === '/')) {
        while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      } else if (ch === '/' && this.text[this.pos + 1] === '*') {
        const end = this.text.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.text.length : end + 2;
      } else return;
    }
  }

  value(): { value: PolicyValue; span: SpanNode } | undefined {
    this.skip();
    const start = this.pos;
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.tuple();
    if (ch === '"') return this.string();
    // Anything else (a reference, a function call, a for-expression, a number) is read up to the
    // next separator at depth 0; only plain literals keep their value.
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '"') {
        this.string();
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if ((c === ',' || c === '\n') && depth === 0) break;
      this.pos++;
    }
    const raw = this.text.slice(start, this.pos).trimEnd();
    if (raw === '') return undefined;
    const span = { start, end: start + raw.length };
    if (raw === 'true' || raw === 'false') return { value: raw === 'true', span };
    if (raw === 'null') return { value: null, span };
    if (/^-?\d+(\.\d+)?$/.test(raw)) return { value: Number(raw), span };
    return { value: new OpaqueValue(raw), span };
  }

  private string(): { value: PolicyValue; span: SpanNode } {
    const start = this.pos++;
    let out = '';
    let opaque = false;
    while (this.pos < this.text.length && this.text[this.pos] !== '"') {
      const c = this.text[this.pos];
      if (c === '\\') {
        const n = this.text[this.pos + 1];
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
        this.pos += 2;
      } else if (
        (c === '$' || c === '%') &&
        this.text[this.pos + 1] === c &&
        this.text[this.pos + 2] === '{'
      ) {
        out += `${c}{`; // $${ and %%{ are escapes for a literal ${ and %{
        this.pos += 3;
      } else if ((c === '$' || c === '%') && this.text[this.pos + 1] === '{') {
        opaque = true;
        let depth = 0;
        do {
          const d = this.text[this.pos];
          if (d === '{') depth++;
          else if (d === '}') depth--;
          out += d;
          this.pos++;
        } while (depth > 0 && this.pos < this.text.length);
      } else {
        out += c;
        this.pos++;
      }
    }
    this.pos++;
    const span = { start, end: this.pos };
    return { value: opaque ? new OpaqueValue(this.text.slice(start, this.pos)) : out, span };
  }

  private object(): { value: PolicyValue; span: SpanNode } {
    const start = this.pos++;
    const value: PolicyObject = {};
    const props = new Map<string, SpanNode>();
    for (;;) {
      this.skip();
      const ch = this.text[this.pos];
      if (ch === '}' || this.pos >= this.text.length) break;
      if (ch === ',') {
        this.pos++;
        continue;
      }
      const keyStart = this.pos;
      let key: string;
      if (ch === '"') {
        const k = this.string();
        key = typeof k.value === 'string' ? k.value : (k.value as OpaqueValue).text;
      } else {
        const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.pos, this.pos + 200));
        if (!m) break;
        key = m[0];
        this.pos += key.length;
      }
      const keyEnd = this.pos;
      this.skip(false);
      if (this.text[this.pos] !== '=' && this.text[this.pos] !== ':') break;
      this.pos++;
      const v = this.value();
      if (!v) break;
      v.span.keyStart = keyStart;
      v.span.keyEnd = keyEnd;
      value[key] = v.value;
      props.set(key, v.span);
    }
    this.pos++;
    return { value, span: { start, end: this.pos, props } };
  }

  private tuple(): { value: PolicyValue; span: SpanNode } {
    const start = this.pos++;
    const values: PolicyValue[] = [];
    const items: SpanNode[] = [];
    for (;;) {
      this.skip();
      const ch = this.text[this.pos];
      if (ch === ']' || this.pos >= this.text.length) break;
      if (ch === ',') {
        this.pos++;
        continue;
      }
      const v = this.value();
      if (!v) break;
      values.push(v.value);
      items.push(v.span);
    }
    this.pos++;
    return { value: values, span: { start, end: this.pos, items } };
  }
}

function terraform(text: string, li: LineIndex): EmbeddedPolicy[] {
  const out: EmbeddedPolicy[] = [];
  const blocks = [...text.matchAll(/^\s*(resource|data)\s+"([^"]+)"\s+"([^"]+)"/gm)];
  for (const m of text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=\s*jsonencode\s*\(/g)) {
    const argument = m[1];
    const open = m.index + m[0].length;
    const reader = new HclReader(text, open);
    const parsed = reader.value();
    if (!parsed || !(parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value)))
      continue;
    if (parsed.value instanceof OpaqueValue) continue;
    const block = blocks.filter((b) => b.index < m.index).pop();
    const type = block?.[2];
    const kind: PolicyKind | undefined =
      argument === 'assume_role_policy'
        ? 'trust'
        : type && TF_RESOURCE_POLICY_TYPES.has(type)
          ? type === 'aws_iam_role_trust_policy'
            ? 'trust'
            : 'resource'
          : type?.startsWith('aws_iam_')
            ? 'identity'
            : undefined;
    out.push({
      document: policyFromTree(text, parsed.value, parsed.span, { kind, lineIndex: li }),
      element: block ? `${block[2]}.${block[3]}.${argument}` : argument,
    });
  }
  return out;
}

/**
 * Finds the policy documents inside a CloudFormation template (JSON or YAML) or a Terraform file, each
 * parsed with ranges in the host file. Other files give [].
 */
export function findEmbeddedPolicies(text: string, fileName: string): EmbeddedPolicy[] {
  const lower = fileName.toLowerCase();
  const li = new LineIndex(text);
  if (lower.endsWith('.tf')) return text.includes('jsonencode') ? terraform(text, li) : [];
  if (!isCfnText(text)) return [];
  if (/\.(json|template)$/.test(lower) && text.trimStart().startsWith('{')) return cfnJson(text, li);
  if (/\.(ya?ml|template)$/.test(lower)) return cfnYaml(text, li);
  return [];
}
