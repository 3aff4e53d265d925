import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

/** A free TCP port on 127.0.0.1, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface MotoServer {
  endpoint: string;
  port: number;
  pid: number;
  /** Resets all emulated state (moto's reset API). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export interface MotoOptions {
  /**
   * With a number, moto lets that many calls through unauthenticated and then enforces IAM policies on
   * every later call (its INITIAL_NO_AUTH_ACTION_COUNT): seed users and policies first, then act as them.
   */
  initialNoAuthActionCount?: number;
}

/**
 * Starts `moto_server` on a free 127.0.0.1 port and waits until it answers. Fails loudly when moto is not
 * installed, naming what is missing. Stop it with `stop()`, which kills it by PID.
 */
export async function startMoto(options: MotoOptions = {}): Promise<MotoServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' };
  if (options.initialNoAuthActionCount !== undefined) {
    env.INITIAL_NO_AUTH_ACTION_COUNT = String(options.initialNoAuthActionCount);
  }
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (e) =>
      reject(
        new Error(`moto_server could not start (${e.message}). Install moto[server] for the pyenv Python.`),
      ),
    );
    child.once('exit', (code) => reject(new Error(`moto_server exited early with ${code}: ${stderr}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        const r = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
        if (r.status < 500) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`moto_server did not answer on ${endpoint} within 30 s: ${stderr}`);
  })();
  try {
    await Promise.race([ready, spawnError]);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  spawnError.catch(() => undefined);
  return {
    endpoint,
    port,
    pid: child.pid!,
    async reset() {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid!, 'SIGTERM');
      const timer = setTimeout(() => child.pid && process.kill(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Static test credentials; moto accepts any, and with IAM enforcement only those of users it created. */
export const MOTO_ROOT_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x'.repeat(40) };
