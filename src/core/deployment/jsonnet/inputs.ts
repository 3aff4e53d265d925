import { readFile } from 'node:fs/promises';
import type { Finding } from '../../finding';
import { ZERO_RANGE } from '../../range';
import { parseEnvFile } from './envFile';
import { resolveUserPath } from './paths';
import type { RunProfile } from './profiles';

/** Everything an evaluation takes besides the file: ext vars, top-level arguments and library paths. */
export interface JsonnetInputs {
  extVars: Record<string, string>;
  extCode: Record<string, string>;
  tlaVars: Record<string, string>;
  tlaCode: Record<string, string>;
  /** Absolute library paths; later entries take precedence, as with the jsonnet CLI's -J. */
  jpath: string[];
}

export interface JsonnetSettings {
  extVars?: Record<string, string>;
  extCode?: Record<string, string>;
  jpath?: string[];
}

export function emptyInputs(): JsonnetInputs {
  return { extVars: {}, extCode: {}, tlaVars: {}, tlaCode: {}, jpath: [] };
}

export interface ResolvedInputs {
  inputs: JsonnetInputs;
  /** Env file and profile problems; `data.file` names the file they are in. */
  problems: Finding[];
  /** For each ext var and TLA name, where its winning value came from (for hovers and messages). */
  origins: Record<string, string>;
}

/**
 * Merges the inputs of one evaluation. Resolution order, lowest to highest precedence:
 *
 * 1. settings (`grantwise.jsonnet.extVars` / `extCode` / `jpath`)
 * 2. the profile's env files, in the order listed (a later file overrides an earlier one)
 * 3. the profile's `extVars` / `extCode` / `tlaVars` / `tlaCode` / `libPaths`
 * 4. explicit overrides (CLI flags such as `--ext-str`)
 *
 * A string and a code binding of the same name are one name: the higher layer replaces the lower one
 * whichever kind either is. Relative paths resolve against the workspace root.
 */
export async function resolveInputs(args: {
  workspaceRoot: string;
  profile?: RunProfile;
  settings?: JsonnetSettings;
  overrides?: Partial<JsonnetInputs>;
}): Promise<ResolvedInputs> {
  const { workspaceRoot, profile, settings, overrides } = args;
  const inputs = emptyInputs();
  const origins: Record<string, string> = {};
  const problems: Finding[] = [];
  const jpath: string[] = [];

  const bind = (vars: Record<string, string> | undefined, code: boolean, tla: boolean, origin: string) => {
    for (const [k, v] of Object.entries(vars ?? {})) {
      const [str, cod] = tla ? [inputs.tlaVars, inputs.tlaCode] : [inputs.extVars, inputs.extCode];
      delete str[k];
      delete cod[k];
      (code ? cod : str)[k] = v;
      origins[tla ? `tla:${k}` : k] = origin;
    }
  };

  bind(settings?.extVars, false, false, 'setting grantwise.jsonnet.extVars');
  bind(settings?.extCode, true, false, 'setting grantwise.jsonnet.extCode');
  jpath.push(...(settings?.jpath ?? []).map((p) => resolveUserPath(workspaceRoot, p)));

  if (profile) {
    for (const envFile of profile.envFiles) {
      const abs = resolveUserPath(workspaceRoot, envFile);
      let text: string;
      try {
        text = await readFile(abs, 'utf8');
      } catch (e) {
        problems.push({
          severity: 'error',
          check: 'env-file-unreadable',
          path: '',
          range: ZERO_RANGE,
          message: `Env file ${envFile} of profile "${profile.name}" cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}); fix "envFiles" in .grantwise/profiles.json.`,
          data: { file: abs },
        });
        continue;
      }
      const parsed = parseEnvFile(text, envFile);
      for (const p of parsed.problems) problems.push({ ...p, data: { ...p.data, file: abs } });
      bind(parsed.vars, false, false, `env file ${envFile}`);
    }
    const where = `profile "${profile.name}"`;
    bind(profile.extVars, false, false, `${where} extVars`);
    bind(profile.extCode, true, false, `${where} extCode`);
    bind(profile.tlaVars, false, true, `${where} tlaVars`);
    bind(profile.tlaCode, true, true, `${where} tlaCode`);
    jpath.push(...profile.libPaths.map((p) => resolveUserPath(workspaceRoot, p)));
  }

  if (overrides) {
    bind(overrides.extVars, false, false, 'override');
    bind(overrides.extCode, true, false, 'override');
    bind(overrides.tlaVars, false, true, 'override');
    bind(overrides.tlaCode, true, true, 'override');
    jpath.push(...(overrides.jpath ?? []).map((p) => resolveUserPath(workspaceRoot, p)));
  }

  // Keep the last occurrence of a repeated path: it carries the precedence of the highest layer naming it.
  inputs.jpath = jpath.filter((p, i) => jpath.lastIndexOf(p) === i);
  return { inputs, problems, origins };
}

/** All ext var names with a value (string or code). */
export function definedExtVars(inputs: JsonnetInputs): Set<string> {
  return new Set([...Object.keys(inputs.extVars), ...Object.keys(inputs.extCode)]);
}
