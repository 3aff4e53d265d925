import { findPolicyVariables, hasPolicyVariable, VARIABLE_ESCAPES } from '../policyVariables';
import type { PatternPart } from '../wildcard';
import type { RequestContext } from './context';

/** Policy text after variable substitution, or the reason it cannot be resolved for this request. */
export type Resolved = { parts: PatternPart[]; unresolved?: undefined } | { unresolved: string };

/** Policy variables exist only in Version 2012-10-17; older or missing versions read `${...}` literally. */
export function variablesEnabled(version: unknown): boolean {
  return version === '2012-10-17';
}

/**
 * Substitutes `${key}`, `${key, 'default'}` and the escapes `${*}`, `${?}`, `${$}` in `text`. Substituted
 * values become literal parts so wildcard characters inside them match only themselves. A key the request
 * lacks (or holds several values for) with no default leaves the text unresolved, which IAM treats as a
 * value that matches nothing.
 */
export function resolveVariables(text: string, context: RequestContext, enabled: boolean): Resolved {
  if (!enabled || !hasPolicyVariable(text)) return { parts: [{ text, literal: false }] };
  const { refs, unclosed } = findPolicyVariables(text);
  if (unclosed.length > 0) return { unresolved: `unterminated policy variable in "${text}"` };
  const parts: PatternPart[] = [];
  let at = 0;
  for (const ref of refs) {
    if (ref.start > at) parts.push({ text: text.slice(at, ref.start), literal: false });
    // IAM writes a quote inside a default as two quotes.
    const value = ref.escape
      ? VARIABLE_ESCAPES[ref.name]
      : (context.single(ref.name) ?? ref.defaultValue?.replace(/''/g, "'"));
    if (value === undefined)
      return { unresolved: `${text.slice(ref.start, ref.end)} has no single value in the request` };
    parts.push({ text: value, literal: true });
    at = ref.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), literal: false });
  return { parts };
}

/** The resolved text as one string (for equality operators). */
export function resolvedText(parts: readonly PatternPart[]): string {
  return parts.map((p) => p.text).join('');
}
