import type { JsonnetInputs } from './inputs';

/** Supervisor → worker: evaluate one file. */
export interface EvalRequest {
  type: 'eval';
  id: number;
  /** Absolute path, so every file name in error messages is absolute. */
  file: string;
  inputs: JsonnetInputs;
}

/** Worker → supervisor. */
export type WorkerMessage =
  | { type: 'ready'; version: string }
  /** The worker cannot run at all (the native addon failed to load); it exits after sending this. */
  | { type: 'fatal'; message: string }
  /** Resident set size while evaluating, for the memory cap on platforms without /proc. */
  | { type: 'rss'; bytes: number }
  | { type: 'result'; id: number; ok: true; text: string }
  | { type: 'result'; id: number; ok: false; message: string };
