/**
 * Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'default'}` and the escapes `${*}`,
 * `${?}`, `${$}`. They are substituted only in Version 2012-10-17, and only in Resource/NotResource and
 * condition values. Shared by the validator and the simulator.
 */
export interface PolicyVariableRef {
  /** Offsets of `${` and just past `}` in the string. */
  start: number;
  end: number;
  /** The key, e.g. 'aws:username'; for an escape, the escaped character. */
  name: string;
  /** The default after the comma, without its quotes. */
  defaultValue?: string;
  escape: boolean;
}

export interface PolicyVariableScan {
  refs: PolicyVariableRef[];
  /** Offsets of a `${` that is not closed. */
  unclosed: number[];
}

export const VARIABLE_ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

export function findPolicyVariables(text: string): PolicyVariableScan {
  const refs: PolicyVariableRef[] = [];
  const unclosed: number[] = [];
  let at = text.indexOf('${');
  while (at >= 0) {
    const close = text.indexOf('}', at + 2);
    if (close < 0) {
      unclosed.push(at);
      break;
    }
    const inner = text.slice(at + 2, close);
    const comma = inner.indexOf(',');
    const name = (comma >= 0 ? inner.slice(0, comma) : inner).trim();
    let defaultValue: string | undefined;
    if (comma >= 0) {
      const d = inner.slice(comma + 1).trim();
      defaultValue = /^'.*'$/.test(d) ? d.slice(1, -1) : d;
    }
    refs.push({ start: at, end: close + 1, name, defaultValue, escape: name in VARIABLE_ESCAPES });
    at = text.indexOf('${', close + 1);
  }
  return { refs, unclosed };
}

export function hasPolicyVariable(text: string): boolean {
  return text.includes('${');
}

/**
 * Replaces each variable by `resolve(name)`, its default, or gives undefined when one has neither (IAM
 * then treats the element as not matching).
 */
export function substitutePolicyVariables(
  text: string,
  resolve: (name: string) => string | undefined,
): string | undefined {
  const { refs } = findPolicyVariables(text);
  if (refs.length === 0) return text;
  let out = '';
  let at = 0;
  for (const r of refs) {
    out += text.slice(at, r.start);
    const v = r.escape ? VARIABLE_ESCAPES[r.name] : (resolve(r.name) ?? r.defaultValue);
    if (v === undefined) return undefined;
    out += v;
    at = r.end;
  }
  return out + text.slice(at);
}
