import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { GrantwiseError } from '../errors';
import { ZERO_RANGE } from '../range';
import { canvasDeployment, CANVAS_SUFFIX, parseCanvas } from './canvas';
import { isCapideployValue, mapCapideploy, type MappedDeployment } from './capideploy';
import type { JsonnetEvaluator } from './jsonnet/evaluator';
import { resolveInputs, type JsonnetSettings } from './jsonnet/inputs';
import { loadProfiles } from './jsonnet/profiles';
import { JsonnetSources } from './jsonnetSources';
import {
  compareProblems,
  compareResources,
  DEFAULT_REGION,
  type Deployment,
  type DeploymentProblem,
} from './model';
import { defaultNetwork, fillSubnets } from './network';
import { isPlainResourcesValue, mapPlainResources } from './plainResources';
import { loadRoles, type RolesFile } from './roles';

export interface LoadOptions {
  workspaceRoot: string;
  /** Run profile name from `.grantwise/profiles.json`; default: the file's default profile. */
  profile?: string;
  /** Evaluates jsonnet files; without one (an untrusted workspace) they are listed but not evaluated. */
  evaluator?: JsonnetEvaluator;
  /** Jsonnet settings (lowest-precedence inputs). */
  settings?: JsonnetSettings;
  /** Roles already read (one read for many canvases); `null` means there is no roles file. */
  roles?: RolesFile | null;
  /** Reads a file; the editor passes one that prefers unsaved text. */
  readText?: (file: string) => Promise<string>;
  signal?: AbortSignal;
}

/**
 * Checks that mean the file yields no usable deployment (the CLI exits 2 on them): unreadable or invalid
 * JSON, a failed jsonnet evaluation, a value that is not a deployment.
 */
export const UNUSABLE_CHECKS: ReadonlySet<string> = new Set([
  'deployment-unreadable',
  'canvas-syntax',
  'canvas-wrong-type',
  'deployment-not-evaluated',
  'deployment-not-a-deployment',
]);

export function unusableProblems(d: Deployment): DeploymentProblem[] {
  return d.problems.filter((p) => UNUSABLE_CHECKS.has(p.check) || p.check.startsWith('jsonnet-'));
}

/** Reads one deployment file (canvas or jsonnet) into the Deployment model; problems never throw. */
export async function loadDeployment(file: string, options: LoadOptions): Promise<Deployment> {
  const abs = path.resolve(file);
  options = { ...options, workspaceRoot: path.resolve(options.workspaceRoot) };
  const read = options.readText ?? ((f: string) => readFile(f, 'utf8'));
  const kind = abs.toLowerCase().endsWith(CANVAS_SUFFIX) ? 'canvas' : 'jsonnet';
  let text: string;
  try {
    text = await read(abs);
  } catch (e) {
    return empty(abs, kind, [
      problem(abs, 'deployment-unreadable', `Cannot read ${abs}: ${(e as Error).message}.`),
    ]);
  }
  if (kind === 'canvas') {
    const roles =
      options.roles === undefined ? await loadRoles(options.workspaceRoot) : (options.roles ?? undefined);
    return canvasDeployment(parseCanvas(text, abs), roles);
  }
  return loadJsonnet(abs, text, options, read);
}

async function loadJsonnet(
  file: string,
  text: string,
  options: LoadOptions,
  read: (f: string) => Promise<string>,
): Promise<Deployment> {
  const { profiles, defaultProfile, problems: profileProblems } = await loadProfiles(options.workspaceRoot);
  const wanted = options.profile ?? defaultProfile;
  // Like `grantwise eval`: the named profile, else the default one, else no profile (settings only).
  const profile = wanted ? profiles.find((p) => p.name === wanted) : undefined;
  if (options.profile && !profile) {
    throw new GrantwiseError(
      'unknown-profile',
      `Run profile '${options.profile}' is not in ${path.join(options.workspaceRoot, '.grantwise', 'profiles.json')}.`,
      profiles.length ? `Use one of: ${profiles.map((p) => p.name).join(', ')}.` : 'Define it there first.',
    );
  }
  const problems: DeploymentProblem[] = profileProblems
    .filter((p) => p.severity === 'error')
    .map((p) => ({
      ...p,
      file: (p.data?.file as string) ?? path.join(options.workspaceRoot, '.grantwise', 'profiles.json'),
    }));
  const fallbackName = path.basename(file).replace(/\.jsonnet$/i, '');
  const base = (extra: DeploymentProblem[]) => ({
    ...empty(file, 'jsonnet', [...problems, ...extra], fallbackName),
    profile: profile?.name,
  });
  if (!options.evaluator) {
    return base([
      problem(
        file,
        'deployment-not-evaluated',
        'Jsonnet is not evaluated in an untrusted workspace; trust the workspace to see its resources.',
        'warning',
      ),
    ]);
  }
  const { inputs, problems: inputProblems } = await resolveInputs({
    workspaceRoot: options.workspaceRoot,
    profile,
    settings: options.settings,
  });
  problems.push(...inputProblems.map((p) => ({ ...p, file: (p.data?.file as string) ?? file })));
  const result = await options.evaluator.evaluateFile(file, inputs, {
    signal: options.signal,
    sandboxRoots: [options.workspaceRoot],
  });
  if (!result.ok) {
    return base(
      result.diagnostics.map((d) => ({
        severity: d.severity,
        check: d.code,
        path: '',
        range: d.range,
        message: d.message,
        file: d.file,
      })),
    );
  }
  const texts = await Promise.all(
    [...new Set([file, ...result.files])].map(async (f) => ({
      file: f,
      text: f === file ? text : await read(f).catch(() => ''),
    })),
  );
  const sources = new JsonnetSources(file, texts);
  let mapped: MappedDeployment;
  if (isCapideployValue(result.value)) mapped = mapCapideploy(result.value, sources, fallbackName);
  else if (isPlainResourcesValue(result.value)) {
    mapped = mapPlainResources(result.value, sources, fallbackName);
    fillSubnets(mapped.resources, mapped.network);
  } else {
    return base([
      problem(
        file,
        'deployment-not-a-deployment',
        'This jsonnet file evaluates to something that is not a deployment: expected an object with "resources": [...] or the capideploy layout ("network" plus "instances" or "security_groups").',
      ),
    ]);
  }
  return {
    file,
    kind: 'jsonnet',
    name: mapped.name,
    region: mapped.region,
    ...(mapped.accountId ? { accountId: mapped.accountId } : {}),
    network: mapped.network,
    resources: mapped.resources.sort(compareResources),
    problems: [...problems, ...mapped.problems].sort(compareProblems),
    profile: profile?.name,
  };
}

function empty(
  file: string,
  kind: Deployment['kind'],
  problems: DeploymentProblem[],
  name = path.basename(file),
): Deployment {
  return {
    file,
    kind,
    name,
    region: DEFAULT_REGION,
    network: defaultNetwork(name, DEFAULT_REGION),
    resources: [],
    problems: problems.sort(compareProblems),
  };
}

function problem(
  file: string,
  check: string,
  message: string,
  severity: 'error' | 'warning' = 'error',
): DeploymentProblem {
  return { severity, check, path: '', range: ZERO_RANGE, message, file };
}
