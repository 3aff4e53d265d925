import { Document } from 'yaml';
import type { PolicyJson } from './document';
import { DOCUMENT_ELEMENTS, STATEMENT_ELEMENTS } from '../elements';

// IAM elements in the order AWS documents and consoles show them; every other map is sorted by key,
// because its order carries no meaning and sorting makes the output byte-stable.
const ELEMENT_ORDER = [...DOCUMENT_ELEMENTS, ...STATEMENT_ELEMENTS];
const ELEMENT_RANK = new Map(ELEMENT_ORDER.map((k, i) => [k, i]));

function compareKeys(a: string, b: string): number {
  const ra = ELEMENT_RANK.get(a);
  const rb = ELEMENT_RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of a policy document with IAM elements in canonical order and all other keys sorted. */
export function canonicalPolicy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => canonicalPolicy(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareKeys)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = canonicalPolicy(v);
  }
  return out as T;
}

/** The policy as JSON text: canonical key order, two-space indent, no trailing newline. */
export function policyJson(policy: PolicyJson): string {
  return JSON.stringify(canonicalPolicy(policy), null, 2);
}

/**
 * Deterministic YAML (for CloudFormation): keys keep the caller's insertion order, every string value is
 * single-quoted so account ids, dates and versions can never be read back as numbers or timestamps, and
 * long lines are never folded.
 */
export function yamlText(value: unknown): string {
  return new Document(value).toString({
    lineWidth: 0,
    defaultStringType: 'QUOTE_SINGLE',
    defaultKeyType: 'PLAIN',
  });
}
