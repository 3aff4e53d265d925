/**
 * Benchmarks print ratios against a reference measured in the same run (these machines are noisy),
 * with absolute figures beside them. Each bench file calls `report` once per row; scripts/bench.mjs
 * collects the rows of every bench/*.bench.ts into one table.
 */
export interface BenchRow {
  /** What is measured, e.g. "validate 50-statement policy (p50)". */
  name: string;
  /** Absolute value and its unit (ms, KiB, MiB...). */
  value: number;
  unit: string;
  /** The reference measured in the same run, e.g. JSON.parse of the same text. */
  reference?: { name: string; value: number };
  /** value / reference.value, when a reference is given. */
  ratio?: number;
  /** The target in words, e.g. "< 2 ms" or "ratio <= 5". */
  target: string;
  /** Whether the target is met. */
  pass: boolean;
}

export function report(row: Omit<BenchRow, 'ratio'> & { ratio?: number }): void {
  const ratio = row.ratio ?? (row.reference ? row.value / row.reference.value : undefined);
  process.stdout.write(`BENCH ${JSON.stringify({ ...row, ratio })}\n`);
}

export interface Timing {
  p50: number;
  p95: number;
  mean: number;
  runs: number;
}

/** Times `fn` (sync or async) after warm-up; returns milliseconds. */
export async function time(fn: () => unknown, { runs = 50, warmup = 5 } = {}): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: at(0.5), p95: at(0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length, runs };
}
