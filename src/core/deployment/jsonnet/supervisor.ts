import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { JsonnetInputs } from './inputs';
import { residentBytes } from './processMemory';
import type { EvalRequest, WorkerMessage } from './protocol';

/** How one request ended. `jsonnet` is an evaluation error; the others are the process's fate. */
export type WorkerOutcome =
  | { ok: true; text: string }
  | { ok: false; kind: 'jsonnet'; message: string }
  | { ok: false; kind: 'crash' | 'timeout' | 'memory' | 'cancelled' | 'unavailable'; message: string };

export interface SupervisorOptions {
  /** The worker script; defaults to the bundled dist/workers/jsonnet.js, or the .ts source under tsx. */
  workerPath?: string;
  memoryLimitMb: number;
  timeoutMs: number;
  /** Idle time after which the worker exits to give its memory back (it restarts on the next request). */
  idleMs?: number;
  log?: (line: string) => void;
}

export interface SupervisorStats {
  started: number;
  crashes: number;
  timeouts: number;
  memoryKills: number;
  lastCrash?: string;
}

interface Job {
  id: number;
  file: string;
  inputs: JsonnetInputs;
  timeoutMs: number;
  signal?: AbortSignal;
  resolve(o: WorkerOutcome): void;
  /** Set when the supervisor kills the worker on purpose, so the exit is not reported as a crash. */
  killedFor?: WorkerOutcome;
  timers: NodeJS.Timeout[];
  onAbort?: () => void;
}

/** The worker next to this module: the .ts source under tsx, else dist/workers/jsonnet.js from dist/ or dist/heavy/. */
export function defaultWorker(): { file: string; execArgv: string[] } {
  const source = path.join(__dirname, 'jsonnet.worker.ts');
  if (__filename.endsWith('.ts') && existsSync(source))
    return { file: source, execArgv: ['--import', 'tsx'] };
  const bundled = [
    path.join(__dirname, 'workers', 'jsonnet.js'),
    path.join(__dirname, '..', 'workers', 'jsonnet.js'),
  ];
  return { file: bundled.find((f) => existsSync(f)) ?? bundled[1], execArgv: [] };
}

/**
 * Runs evaluations in a child process and survives it: one request at a time (others queue), killed past
 * its time limit or its memory cap (JS heap via --max-old-space-size, and native memory by watching the
 * child's resident set), restarted on the next request after a crash. The caller always gets an outcome.
 */
export class JsonnetSupervisor {
  readonly stats: SupervisorStats = { started: 0, crashes: 0, timeouts: 0, memoryKills: 0 };
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private stderrTail = '';
  private queue: Job[] = [];
  private active?: Job;
  private nextId = 1;
  private idleTimer?: NodeJS.Timeout;
  private disposed = false;

  constructor(private readonly options: SupervisorOptions) {}

  run(
    file: string,
    inputs: JsonnetInputs,
    opts: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<WorkerOutcome> {
    if (this.disposed)
      return Promise.resolve({
        ok: false,
        kind: 'unavailable',
        message: 'The jsonnet engine was shut down.',
      });
    if (opts.signal?.aborted) return Promise.resolve(cancelled());
    return new Promise((resolve) => {
      const job: Job = {
        id: this.nextId++,
        file,
        inputs,
        timeoutMs: opts.timeoutMs ?? this.options.timeoutMs,
        signal: opts.signal,
        resolve,
        timers: [],
      };
      if (job.signal) {
        job.onAbort = () => this.abort(job);
        job.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      void this.pump();
    });
  }

  /** The worker's process id while it runs (for tests and diagnostics). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0))
      this.finish(job, { ok: false, kind: 'unavailable', message: 'The jsonnet engine was shut down.' });
    if (this.active)
      this.active.killedFor = {
        ok: false,
        kind: 'unavailable',
        message: 'The jsonnet engine was shut down.',
      };
    this.kill();
  }

  private async pump(): Promise<void> {
    if (this.active || !this.queue.length || this.disposed) return;
    const job = this.queue.shift()!;
    this.active = job;
    clearTimeout(this.idleTimer);
    try {
      await this.start();
    } catch (e) {
      // An exit while starting may already have finished the job (as a crash or a cancellation).
      if (this.active === job) {
        this.finish(job, {
          ok: false,
          kind: 'unavailable',
          message: e instanceof Error ? e.message : String(e),
        });
        this.afterJob();
      }
      return;
    }
    if (this.active !== job) return; // aborted while starting
    const child = this.child!;
    job.timers.push(
      setTimeout(
        () =>
          this.killFor(
            job,
            'timeout',
            `Evaluation of ${job.file} took longer than ${job.timeoutMs} ms and was stopped. Look for unbounded recursion, or raise grantwise.jsonnet.timeoutMs.`,
          ),
        job.timeoutMs,
      ),
    );
    const limit = this.options.memoryLimitMb * 1024 * 1024;
    job.timers.push(
      setInterval(async () => {
        const rss = child.pid ? await residentBytes(child.pid) : undefined;
        if (rss !== undefined && rss > limit) this.overMemory(job, rss);
      }, 25),
    );
    const request: EvalRequest = { type: 'eval', id: job.id, file: job.file, inputs: job.inputs };
    child.send(request);
  }

  private overMemory(job: Job, bytes: number): void {
    const mb = Math.round(bytes / 1024 / 1024);
    this.killFor(
      job,
      'memory',
      `Evaluation of ${job.file} used ${mb} MiB, over the ${this.options.memoryLimitMb} MiB limit, and was stopped. Look for a runaway structure, or raise grantwise.jsonnet.memoryLimitMb.`,
    );
  }

  private killFor(job: Job, kind: 'timeout' | 'memory', message: string): void {
    if (this.active !== job || job.killedFor) return;
    if (kind === 'timeout') this.stats.timeouts++;
    else this.stats.memoryKills++;
    this.options.log?.(`jsonnet worker killed: ${message}`);
    job.killedFor = { ok: false, kind, message };
    this.kill();
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(job, cancelled());
    } else if (this.active === job && !job.killedFor) {
      // libjsonnet cannot be interrupted: the only way to stop it is to end its process.
      job.killedFor = cancelled();
      this.kill();
    }
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const { file, execArgv } = this.options.workerPath
      ? {
          file: this.options.workerPath,
          execArgv: this.options.workerPath.endsWith('.ts') ? ['--import', 'tsx'] : [],
        }
      : defaultWorker();
    if (!existsSync(file)) {
      return Promise.reject(
        new Error(`The jsonnet worker ${file} is missing; rebuild the extension with 'npm run build'.`),
      );
    }
    const env: NodeJS.ProcessEnv = {};
    // Nothing secret reaches the worker; it needs no environment besides what starts Node itself.
    for (const k of ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'SYSTEMROOT', 'ELECTRON_RUN_AS_NODE']) {
      if (process.env[k] !== undefined) env[k] = process.env[k];
    }
    // In the extension host process.execPath is Electron: this makes the child a plain Node process.
    if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
    const heapMb = Math.max(64, Math.floor(this.options.memoryLimitMb * 0.75));
    const child = fork(file, [], {
      execArgv: [...execArgv, `--max-old-space-size=${heapMb}`],
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child = child;
    this.stats.started++;
    this.stderrTail = '';
    child.stderr?.on(
      'data',
      (d: Buffer) => (this.stderrTail = (this.stderrTail + d.toString('utf8')).slice(-2000)),
    );
    this.ready = new Promise<void>((resolve, reject) => {
      const early = (why: string) => reject(new Error(why));
      child.once('error', (e) => early(`The jsonnet worker could not start: ${e.message}`));
      child.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'fatal') early(m.message);
        else this.onMessage(child, m);
      });
      child.once('exit', (code, signal) => {
        early(
          `The jsonnet worker exited while starting (${signal ?? `code ${code}`}). ${this.stderrTail.trim()}`.trim(),
        );
        this.onExit(child, code, signal);
      });
    });
    this.ready.catch(() => undefined);
    return this.ready;
  }

  private onMessage(child: ChildProcess, m: WorkerMessage): void {
    const job = this.active;
    if (!job || child !== this.child) return;
    if (m.type === 'rss') {
      if (m.bytes > this.options.memoryLimitMb * 1024 * 1024) this.overMemory(job, m.bytes);
      return;
    }
    if (m.type !== 'result' || m.id !== job.id || job.killedFor) return;
    this.finish(job, m.ok ? { ok: true, text: m.text } : { ok: false, kind: 'jsonnet', message: m.message });
    this.afterJob();
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    this.child = undefined;
    this.ready = undefined;
    const job = this.active;
    if (!job) return;
    if (job.killedFor) {
      this.finish(job, job.killedFor);
    } else {
      this.stats.crashes++;
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      const detail = this.stderrTail.trim()
        ? ` Engine output: ${this.stderrTail.trim().split('\n').slice(-3).join(' | ')}`
        : '';
      const message = `The jsonnet engine crashed (${how}) while evaluating ${job.file}; this usually means nesting or recursion too deep for libjsonnet's native stack. The engine was restarted; reduce the nesting depth.${detail}`;
      this.stats.lastCrash = message;
      this.options.log?.(message);
      this.finish(job, { ok: false, kind: 'crash', message });
    }
    this.afterJob();
  }

  private finish(job: Job, outcome: WorkerOutcome): void {
    for (const t of job.timers) clearTimeout(t);
    job.timers = [];
    if (job.signal && job.onAbort) job.signal.removeEventListener('abort', job.onAbort);
    if (this.active === job) this.active = undefined;
    job.resolve(outcome);
  }

  private afterJob(): void {
    if (this.queue.length) {
      void this.pump();
      return;
    }
    clearTimeout(this.idleTimer);
    if (this.child && this.options.idleMs) {
      this.idleTimer = setTimeout(() => this.kill(), this.options.idleMs);
      this.idleTimer.unref();
    }
  }

  private kill(): void {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (!this.active) {
      this.child = undefined;
      this.ready = undefined;
    }
  }
}

function cancelled(): WorkerOutcome {
  return { ok: false, kind: 'cancelled', message: 'Evaluation was cancelled.' };
}
