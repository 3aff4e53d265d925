import { existsSync } from 'node:fs';
import * as path from 'node:path';

const repo = path.join(__dirname, '..', '..', '..');

/**
 * The jsonnet deployment the engine is checked and measured on: the example of the deployments feature
 * (examples/deployments/pipeline.jsonnet with examples/.grantwise/profiles.json) once it exists, else the
 * fixture workspace in the same style.
 */
export function exampleDeployment(): { workspace: string; file: string } {
  const example = {
    workspace: path.join(repo, 'examples'),
    file: path.join(repo, 'examples', 'deployments', 'pipeline.jsonnet'),
  };
  if (existsSync(example.file) && existsSync(path.join(example.workspace, '.grantwise', 'profiles.json')))
    return example;
  const fixture = path.join(repo, 'test', 'fixtures', 'jsonnet', 'workspace');
  return { workspace: fixture, file: path.join(fixture, 'deployment.jsonnet') };
}

export const JSONNET_CLI = '/usr/bin/jsonnet';

/** The jsonnet CLI arguments for the same inputs: -J in the same order (right-most wins, as our jpath). */
export function cliArgs(inputs: {
  extVars: Record<string, string>;
  extCode: Record<string, string>;
  tlaVars: Record<string, string>;
  tlaCode: Record<string, string>;
  jpath: string[];
}): string[] {
  const args: string[] = [];
  for (const j of inputs.jpath) args.push('-J', j);
  for (const [k, v] of Object.entries(inputs.extVars)) args.push('--ext-str', `${k}=${v}`);
  for (const [k, v] of Object.entries(inputs.extCode)) args.push('--ext-code', `${k}=${v}`);
  for (const [k, v] of Object.entries(inputs.tlaVars)) args.push('--tla-str', `${k}=${v}`);
  for (const [k, v] of Object.entries(inputs.tlaCode)) args.push('--tla-code', `${k}=${v}`);
  return args;
}
