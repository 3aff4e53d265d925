import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../support/moto';

const run = promisify(execFile);
export const repoRoot = join(__dirname, '..', '..', '..');

/**
 * Settings every harness-launched VS Code gets: no welcome page, no update or telemetry traffic, and a
 * trusted workspace (Grantwise's full feature set is what the suite and `npm start` exercise; the
 * untrusted mode is covered where it matters by turning trust back on in a spec's own settings).
 */
export const BASE_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

export interface CodeServerOptions {
  /** The code-server binary; see installCodeServer(). */
  binary: string;
  /** The VSIX to install into the throwaway extensions dir. */
  vsix: string;
  /** The folder opened as the workspace. */
  workspace: string;
  /** User settings on top of BASE_USER_SETTINGS. */
  userSettings?: Record<string, unknown>;
  /** Extra environment for the server and so the extension host (e.g. AWS_CONFIG_FILE). */
  env?: NodeJS.ProcessEnv;
  /** Fixed port; default a free one. Always bound to 127.0.0.1. */
  port?: number;
}

export interface CodeServer {
  /** The workbench URL, with the workspace folder opened. */
  url: string;
  port: number;
  pid: number;
  userDataDir: string;
  extensionsDir: string;
  /** Rewrites the user settings file; the running workbench picks the change up by itself. */
  updateUserSettings(patch: Record<string, unknown>): void;
  /** Full text of the newest log file whose name matches, under the user-data-dir's logs. */
  readLog(name: RegExp): string | undefined;
  /** The server's own stdout+stderr so far (for failure messages). */
  output(): string;
  /** Stops the server and everything it started (by process group), then removes the temp dirs. */
  stop(): Promise<void>;
}

/** Runs scripts/install-code-server.sh (idempotent, cached outside node_modules) and returns the binary. */
export async function installCodeServer(): Promise<string> {
  const { stdout } = await run('bash', [join(repoRoot, 'scripts/install-code-server.sh')], {
    maxBuffer: 16 * 1024 * 1024,
  }).catch((e: Error & { stderr?: string }) => {
    throw new Error(
      `code-server could not be installed by scripts/install-code-server.sh: ${e.stderr ?? e.message}`,
    );
  });
  const binary = stdout.trim().split('\n').pop() ?? '';
  if (!existsSync(binary)) throw new Error(`code-server binary '${binary}' is missing after install`);
  return binary;
}

/** Strips credentials and profile choices of the calling shell so only the given AWS files count. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^AWS_/.test(key) || key === 'VSCODE_IPC_HOOK_CLI' || key.startsWith('VSCODE_')) delete env[key];
  }
  return { ...env, ...extra };
}

/**
 * Installs the VSIX into a throwaway extensions dir, then starts code-server on 127.0.0.1 with a
 * throwaway user-data-dir and waits until it answers. The caller stops it with `stop()`.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!existsSync(options.binary)) throw new Error(`code-server binary '${options.binary}' is missing`);
  if (!existsSync(options.vsix)) throw new Error(`VSIX '${options.vsix}' is missing; package it first`);
  if (!existsSync(options.workspace)) throw new Error(`workspace folder '${options.workspace}' is missing`);
  const base = mkdtempSync(join(tmpdir(), 'gw-code-server-'));
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  let settings: Record<string, unknown> = { ...BASE_USER_SETTINGS, ...options.userSettings };
  const writeSettings = () => writeFileSync(settingsFile, JSON.stringify(settings, null, 2) + '\n');
  writeSettings();

  const dirs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const env = cleanEnv(options.env ?? {});
  await run(options.binary, ['--install-extension', options.vsix, '--force', ...dirs], { env }).catch(
    (e: Error & { stdout?: string; stderr?: string }) => {
      rmSync(base, { recursive: true, force: true });
      throw new Error(
        `installing ${options.vsix} into code-server failed: ${e.stdout ?? ''}${e.stderr ?? e.message}`,
      );
    },
  );

  const port = options.port ?? (await freePort());
  const args = [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...dirs,
    options.workspace,
  ];
  // Its own process group, so stop() reaches the extension host and helpers it forks, by our child's PID.
  const child: ChildProcess = spawn(options.binary, args, {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (d: Buffer) => (output = (output + d).slice(-20_000));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup(child.pid!, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    // Extension hosts may outlive the wrapper for a moment; the group is ours alone.
    signalGroup(child.pid!, 'SIGKILL');
    rmSync(base, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}`;
  try {
    await waitUntilHealthy(`http://127.0.0.1:${port}/healthz`, child, () => output);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url,
    port,
    pid: child.pid!,
    userDataDir,
    extensionsDir,
    updateUserSettings(patch) {
      settings = { ...settings, ...patch };
      writeSettings();
    },
    readLog(name) {
      const file = newestFile(join(userDataDir, 'logs'), name);
      return file && readFileSync(file, 'utf8');
    },
    output: () => output,
    stop,
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group is gone */
  }
}

async function waitUntilHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output()}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer on ${url} within 60 s:\n${output()}`);
}

function newestFile(dir: string, name: RegExp): string | undefined {
  let best: { file: string; mtime: number } | undefined;
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (name.test(entry.name)) {
        const mtime = statSync(p).mtimeMs;
        if (!best || mtime > best.mtime) best = { file: p, mtime };
      }
    }
  };
  walk(dir);
  return best?.file;
}
