import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Range } from '../../range';
import { errorDiagnostics } from './errorMessage';
import { importSiteInRoot, resolveImportGraph } from './importGraph';
import type { JsonnetInputs } from './inputs';
import { ResultCache } from './resultCache';
import { JsonnetSupervisor, type SupervisorStats, type WorkerOutcome } from './supervisor';

export interface JsonnetDiagnostic {
  /** Absolute path of the file the diagnostic is in. */
  file: string;
  range: Range;
  message: string;
  severity: 'error' | 'warning';
  /** jsonnet-syntax, jsonnet-runtime, jsonnet-import-outside-sandbox, jsonnet-crashed, jsonnet-timeout... */
  code: string;
}

export type EvalResult =
  | {
      ok: true;
      value: unknown;
      /** The engine's output: JSON with 3-space indentation and a final newline, as the jsonnet CLI prints. */
      text: string;
      /** The import closure, absolute paths. */
      files: string[];
      cached: boolean;
      /** Non-fatal findings of the static pass (imports that match no file). */
      warnings: JsonnetDiagnostic[];
    }
  | { ok: false; diagnostics: JsonnetDiagnostic[]; files: string[] };

export interface EvaluateOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Folders evaluation may read besides `inputs.jpath`; default: the file's own folder. */
  sandboxRoots?: string[];
}

/** The engine boundary: swap the implementation without touching callers. */
export interface JsonnetEvaluator {
  evaluateFile(file: string, inputs: JsonnetInputs, options?: EvaluateOptions): Promise<EvalResult>;
  dispose(): void;
}

export interface EvaluatorOptions {
  workerPath?: string;
  /** Memory cap of the engine process (JS heap and native), MiB. Default 1024. */
  memoryLimitMb?: number;
  /** Default time limit of one evaluation, ms. Default 10000. */
  timeoutMs?: number;
  /** Receives crash and kill reports for the log (never secrets: no inputs are logged). */
  log?: (line: string) => void;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MEMORY_LIMIT_MB = 1024;

const OUTCOME_CODES: Record<Exclude<WorkerOutcome, { ok: true }>['kind'], string> = {
  jsonnet: 'jsonnet-runtime',
  crash: 'jsonnet-crashed',
  timeout: 'jsonnet-timeout',
  memory: 'jsonnet-memory-limit',
  cancelled: 'jsonnet-cancelled',
  unavailable: 'jsonnet-unavailable',
};

/** Canonical text of the inputs (sorted keys) for the cache key. */
export function inputsKey(inputs: JsonnetInputs): string {
  const sorted = (r: Record<string, string>) =>
    Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify([
    sorted(inputs.extVars),
    sorted(inputs.extCode),
    sorted(inputs.tlaVars),
    sorted(inputs.tlaCode),
    inputs.jpath,
  ]);
}

/**
 * libjsonnet in a supervised child process, behind the static import sandbox, with results cached by the
 * content hash of the whole import closure plus the inputs (a save of any imported file changes the key).
 */
export class SupervisedJsonnetEvaluator implements JsonnetEvaluator {
  readonly supervisor: JsonnetSupervisor;
  private readonly cache = new ResultCache<EvalResult>(64, 64 * 1024 * 1024);

  constructor(options: EvaluatorOptions = {}) {
    this.supervisor = new JsonnetSupervisor({
      workerPath: options.workerPath,
      memoryLimitMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      idleMs: 5 * 60_000,
      log: options.log,
    });
  }

  get stats(): SupervisorStats {
    return this.supervisor.stats;
  }

  async evaluateFile(
    file: string,
    inputs: JsonnetInputs,
    options: EvaluateOptions = {},
  ): Promise<EvalResult> {
    const root = path.resolve(file);
    const graph = await resolveImportGraph(root, {
      roots: options.sandboxRoots ?? [path.dirname(root)],
      jpath: inputs.jpath,
    });
    const warnings = graph.diagnostics.filter((d) => d.severity === 'warning');
    if (graph.refused) return { ok: false, diagnostics: graph.diagnostics, files: graph.files };

    const key = createHash('sha256')
      .update(`${root}\0${graph.hash}\0${inputsKey(inputs)}`)
      .digest('hex');
    const hit = this.cache.get(key);
    if (hit) return hit.ok ? { ...hit, cached: true } : hit;

    const outcome = await this.supervisor.run(root, inputs, {
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    if (outcome.ok) {
      let value: unknown;
      try {
        value = JSON.parse(outcome.text);
      } catch {
        value = outcome.text; // unreachable for libjsonnet's JSON output; keep the text rather than fail
      }
      const result: EvalResult = {
        ok: true,
        value,
        text: outcome.text,
        files: graph.files,
        cached: false,
        warnings,
      };
      this.cache.set(key, result, outcome.text.length * 3);
      return result;
    }
    const diagnostics =
      outcome.kind === 'jsonnet'
        ? errorDiagnostics(outcome.message, {
            rootFile: root,
            readText: (f) => graph.texts.get(f) ?? readTextOrUndefined(f),
            importSiteInRoot: (f) => importSiteInRoot(graph, f),
          })
        : [
            {
              file: root,
              range: firstLineRange(graph.texts.get(root)),
              message: outcome.message,
              severity: 'error' as const,
              code: OUTCOME_CODES[outcome.kind],
            },
          ];
    const result: EvalResult = { ok: false, diagnostics: [...diagnostics, ...warnings], files: graph.files };
    // Evaluation errors and crashes are functions of the input; a timeout, a memory kill or a cancellation is not.
    if (outcome.kind === 'jsonnet' || outcome.kind === 'crash')
      this.cache.set(key, result, outcome.message.length + 1024);
    return result;
  }

  dispose(): void {
    this.supervisor.dispose();
  }
}

export function createEvaluator(options?: EvaluatorOptions): SupervisedJsonnetEvaluator {
  return new SupervisedJsonnetEvaluator(options);
}

function readTextOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function firstLineRange(text: string | undefined): Range {
  const first = (text ?? '').split('\n')[0].replace(/\r$/, '');
  return { start: { line: 0, character: 0 }, end: { line: 0, character: Math.max(1, first.length) } };
}
