// Runs every bench/*.bench.ts (each in its own Node process, so one cannot warm another's caches) and
// prints one table: absolute value, the same-run reference, the ratio and the target.
// `npm run bench -- NAME` runs only the bench files whose name contains NAME.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2];
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

const rows = [];
let failedRuns = 0;
for (const file of files) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(root, 'bench', file)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 15 * 60 * 1000,
  });
  for (const line of (r.stdout ?? '').split('\n')) {
    if (line.startsWith('BENCH ')) rows.push({ file, ...JSON.parse(line.slice(6)) });
  }
  if (r.status !== 0) {
    failedRuns++;
    console.error(`bench: ${file} exited with ${r.status ?? r.signal}`);
  }
}

const fmt = (v) => (v === undefined || v === null ? '' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));
const table = rows.map((r) => ({
  bench: r.name,
  value: `${fmt(r.value)} ${r.unit}`,
  reference: r.reference ? `${r.reference.name}: ${fmt(r.reference.value)} ${r.unit}` : '',
  ratio: r.ratio === undefined || r.ratio === null ? '' : `${fmt(r.ratio)}x`,
  target: r.target,
  result: r.pass ? 'ok' : 'MISSED',
}));
const cols = ['bench', 'value', 'reference', 'ratio', 'target', 'result'];
const width = Object.fromEntries(
  cols.map((c) => [c, Math.max(c.length, ...table.map((t) => String(t[c]).length))]),
);
const line = (t) => cols.map((c) => String(t[c]).padEnd(width[c])).join(' | ');
console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
console.log(cols.map((c) => '-'.repeat(width[c])).join('-|-'));
for (const t of table) console.log(line(t));
const missed = rows.filter((r) => !r.pass).length;
console.log(
  `\n${rows.length} measured, ${missed} missed their target${failedRuns ? `, ${failedRuns} bench files failed` : ''}`,
);
process.exitCode = failedRuns ? 1 : 0;
