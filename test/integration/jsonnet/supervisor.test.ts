import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { createEvaluator } from '../../../src/core/deployment/jsonnet/evaluator';
import { emptyInputs } from '../../../src/core/deployment/jsonnet/inputs';
import { addonCandidates } from '../../../src/core/deployment/jsonnet/nativeAddon';

describe('jsonnet supervisor: the caller survives the engine', function () {
  this.timeout(60_000);
  let tmp: string;
  const file = (name: string, text: string) => {
    const f = path.join(tmp, name);
    writeFileSync(f, text);
    return f;
  };
  before(() => (tmp = mkdtempSync(path.join(tmpdir(), 'gw-supervisor-'))));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('survives a native crash (10000 nested arrays overflow libjsonnet), reports it, and works again', async () => {
    const ev = createEvaluator();
    try {
      const deep = file('deep.jsonnet', '['.repeat(10000) + ']'.repeat(10000));
      const ok = file('ok.jsonnet', '{ fine: true }');
      const r = await ev.evaluateFile(deep, emptyInputs());
      assert.ok(!r.ok);
      assert.equal(r.diagnostics.length, 1);
      assert.equal(r.diagnostics[0].code, 'jsonnet-crashed');
      assert.match(
        r.diagnostics[0].message,
        /^The jsonnet engine crashed \(signal SIGSEGV\) while evaluating .*deep\.jsonnet; .*restarted/,
      );
      assert.equal(ev.stats.crashes, 1);
      const next = await ev.evaluateFile(ok, emptyInputs());
      assert.ok(next.ok);
      assert.deepEqual(next.value, { fine: true });
      assert.equal(ev.stats.started, 2);
    } finally {
      ev.dispose();
    }
  });

  it('stops a runaway evaluation at the time limit and serves the queued request after it', async () => {
    const ev = createEvaluator({ timeoutMs: 1500 });
    try {
      const loop = file(
        'loop.jsonnet',
        'local loop(n) = if n < 0 then n else loop(n + 1) tailstrict;\nloop(0)\n',
      );
      const ok = file('after.jsonnet', '[1, 2]');
      const started = Date.now();
      const [r, queued] = await Promise.all([
        ev.evaluateFile(loop, emptyInputs()),
        ev.evaluateFile(ok, emptyInputs()),
      ]);
      assert.ok(!r.ok);
      assert.equal(r.diagnostics[0].code, 'jsonnet-timeout');
      assert.match(r.diagnostics[0].message, /took longer than 1500 ms and was stopped/);
      assert.ok(Date.now() - started < 10_000);
      assert.ok(queued.ok);
      assert.deepEqual(queued.value, [1, 2]);
      assert.equal(ev.stats.timeouts, 1);
    } finally {
      ev.dispose();
    }
  });

  it('kills a memory bomb over the cap', async () => {
    const ev = createEvaluator({ memoryLimitMb: 256, timeoutMs: 30_000 });
    try {
      const bomb = file(
        'bomb.jsonnet',
        "local s = std.join('', std.makeArray(50000000, function(i) 'xxxxxxxxxxxxxxxxxxxx'));\nstd.length(s)\n",
      );
      const r = await ev.evaluateFile(bomb, emptyInputs());
      assert.ok(!r.ok);
      assert.equal(r.diagnostics[0].code, 'jsonnet-memory-limit');
      assert.match(r.diagnostics[0].message, /MiB, over the 256 MiB limit/);
      assert.equal(ev.stats.memoryKills, 1);
      const again = await ev.evaluateFile(file('small.jsonnet', '1 + 1'), emptyInputs());
      assert.ok(again.ok);
    } finally {
      ev.dispose();
    }
  });

  it('cancels an in-flight evaluation through its AbortSignal', async () => {
    const ev = createEvaluator({ timeoutMs: 30_000 });
    try {
      const loop = file(
        'loop2.jsonnet',
        'local loop(n) = if n < 0 then n else loop(n + 1) tailstrict;\nloop(0)\n',
      );
      const abort = new AbortController();
      const pending = ev.evaluateFile(loop, emptyInputs(), { signal: abort.signal });
      setTimeout(() => abort.abort(), 300);
      const r = await pending;
      assert.ok(!r.ok);
      assert.equal(r.diagnostics[0].code, 'jsonnet-cancelled');
      assert.equal(ev.stats.crashes, 0);
    } finally {
      ev.dispose();
    }
  });

  it('runs the bundled worker, which loads the addon from dist/native by path', async () => {
    const dist = path.join(tmp, 'dist');
    await esbuild.build({
      entryPoints: [path.join(__dirname, '../../../src/core/deployment/jsonnet/jsonnet.worker.ts')],
      outfile: path.join(dist, 'workers', 'jsonnet.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'error',
    });
    mkdirSync(path.join(dist, 'native'));
    const built = addonCandidates().find((f) => f.includes('node_modules'))!;
    copyFileSync(built, path.join(dist, 'native', 'node-jsonnet.node'));
    const ev = createEvaluator({ workerPath: path.join(dist, 'workers', 'jsonnet.js') });
    try {
      const r = await ev.evaluateFile(file('b.jsonnet', '{ a: std.extVar("A") }'), {
        ...emptyInputs(),
        extVars: { A: 'x' },
      });
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(r.text, '{\n   "a": "x"\n}\n');
    } finally {
      ev.dispose();
    }
  });
});
