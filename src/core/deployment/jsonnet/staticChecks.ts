import { LineIndex } from '../../range';
import type { JsonnetDiagnostic } from './evaluator';
import { lex } from './lexer';
import type { RunProfile } from './profiles';
import { findExtVarCalls } from './references';

export interface StaticCheckContext {
  /** Ext var names with a value (string or code) in the active inputs. */
  defined: ReadonlySet<string>;
  /** The active run profile, to name where a missing value belongs. */
  profile?: RunProfile;
}

/**
 * Checks that need no evaluation, so they also run in untrusted workspaces and on unsaved text: lexical
 * errors, and `std.extVar("X")` calls whose name has no value in the active inputs (flagged at the call:
 * libjsonnet fails there with "undefined external variable" when it is reached).
 */
export function staticDiagnostics(
  text: string,
  file: string,
  context: StaticCheckContext,
): JsonnetDiagnostic[] {
  const index = new LineIndex(text);
  const lexed = lex(text);
  const out: JsonnetDiagnostic[] = lexed.problems.map((p) => ({
    file,
    range: index.rangeOf(p.offset, p.length),
    message: p.message,
    severity: 'error',
    code: 'jsonnet-syntax',
  }));
  for (const call of findExtVarCalls(lexed)) {
    if (context.defined.has(call.name)) continue;
    out.push({
      file,
      range: index.rangeOf(call.offset, call.length),
      message: missingMessage(call.name, context.profile),
      severity: 'error',
      code: 'jsonnet-missing-ext-var',
    });
  }
  return out;
}

function missingMessage(name: string, profile: RunProfile | undefined): string {
  if (!profile) {
    return `std.extVar("${name}") has no value: no run profile is active. Choose a profile that defines ${name} (status bar, or --profile), or add ${name} to the setting grantwise.jsonnet.extVars.`;
  }
  const envFiles = profile.envFiles.length
    ? `add "export ${name}=..." to env file ${profile.envFiles.join(' or ')}, or `
    : `add an env file with "export ${name}=..." to "envFiles", or `;
  return `std.extVar("${name}") has no value in profile "${profile.name}": ${envFiles}add "${name}" to "extVars" of profile "${profile.name}" in .grantwise/profiles.json.`;
}
