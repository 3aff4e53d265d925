import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GrantwiseError } from '../errors';
import { deniedActionFrom } from '../aws/errors';

export type TerraformCommand = 'init' | 'plan' | 'apply' | 'destroy';

export interface TerraformRunOptions {
  /** The folder holding the rendered `*.tf` files (and, after init, `.terraform`). */
  cwd: string;
  /** Provider mirror for `init -plugin-dir` (air-gapped machines: /opt/tf-plugins). */
  pluginDir?: string;
  /** Only these resources (`-target=ADDRESS`) and what they depend on. */
  targets?: string[];
  /** `-var NAME=VALUE`, for `aws_profile` and `aws_region`. */
  vars?: Record<string, string>;
  /**
   * The child's environment: this plus PATH and HOME and the automation switches. Credentials go in here,
   * never into the HCL; nothing else of the caller's environment (AWS_*, TF_*) leaks in unless passed.
   */
  env?: NodeJS.ProcessEnv;
  terraformPath?: string;
  /** Each output line as it arrives, with no trailing newline. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Aborting sends SIGINT (terraform stops cleanly and releases its state lock), then SIGKILL after 10 s. */
  signal?: AbortSignal;
}

export interface TerraformResult {
  command: TerraformCommand;
  args: string[];
  exitCode: number | null;
  ok: boolean;
  cancelled: boolean;
  /** IAM actions terraform was refused, in the order first seen. */
  deniedActions: string[];
  lines: string[];
  durationMs: number;
}

/** The argument array for one command: never a shell string, always non-interactive and colourless. */
export function terraformArgs(
  command: TerraformCommand,
  options: Omit<TerraformRunOptions, 'cwd'> = {},
): string[] {
  const args: string[] = [command, '-input=false', '-no-color'];
  if (command === 'init') {
    if (options.pluginDir) args.push(`-plugin-dir=${options.pluginDir}`);
    return args;
  }
  if (command === 'apply' || command === 'destroy') args.push('-auto-approve');
  for (const [name, value] of Object.entries(options.vars ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    args.push('-var', `${name}=${value}`);
  }
  for (const target of [...(options.targets ?? [])].sort()) args.push(`-target=${target}`);
  return args;
}

/** The switches every run gets: no prompts, no update check calling out to checkpoint.hashicorp.com. */
export function terraformEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
}

/** Runs one terraform command with streamed output; resolves with its typed result, never rejects on exit codes. */
export function runTerraform(
  command: TerraformCommand,
  options: TerraformRunOptions,
): Promise<TerraformResult> {
  const args = terraformArgs(command, options);
  const started = Date.now();
  const bin = options.terraformPath ?? 'terraform';
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve(result(null, true));
      return;
    }
    const child = spawn(bin, args, {
      cwd: options.cwd,
      env: terraformEnv({ PATH: process.env.PATH, HOME: process.env.HOME, ...options.env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const denied: string[] = [];
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      cancelled = true;
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    for (const stream of ['stdout', 'stderr'] as const) {
      let rest = '';
      const emit = (line: string) => {
        lines.push(line);
        const action = deniedActionFrom(line);
        if (action && !denied.includes(action)) denied.push(action);
        options.onLine?.(line, stream);
      };
      child[stream].setEncoding('utf8');
      child[stream].on('data', (chunk: string) => {
        const parts = (rest + chunk).split(/\r?\n/);
        rest = parts.pop() ?? '';
        parts.forEach(emit);
      });
      child[stream].on('end', () => {
        if (rest) emit(rest);
        rest = '';
      });
    }
    child.once('error', (e: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(
        e.code === 'ENOENT'
          ? new GrantwiseError(
              'terraform.missing',
              `terraform was not found (tried '${bin}').`,
              'Install Terraform 1.5 or later and put it on PATH, or set its path in the settings.',
              { cause: e },
            )
          : new GrantwiseError('terraform.spawn', `terraform could not start: ${e.message}`, undefined, {
              cause: e,
            }),
      );
    });
    child.once('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      resolve(result(code, cancelled));
    });
    function result(exitCode: number | null, wasCancelled: boolean): TerraformResult {
      return {
        command,
        args,
        exitCode,
        ok: exitCode === 0 && !wasCancelled,
        cancelled: wasCancelled,
        deniedActions: denied,
        lines,
        durationMs: Date.now() - started,
      };
    }
  });
}

/** Writes rendered files into a working folder, replacing `*.tf` files the render no longer has. */
export async function writeTerraformFiles(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir)) {
    if (name.endsWith('.tf') && !(name in files)) await rm(join(dir, name));
  }
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
}
