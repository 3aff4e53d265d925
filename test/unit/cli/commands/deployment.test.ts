import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../../src/cli/main';
import type { CliIo } from '../../../../src/cli/command';

const ROOT = path.resolve(__dirname, '../../../..');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), cwd: ROOT, env: {} };
  const code = await main(['deployment', ...args], io);
  return { code, out, err };
}

describe('grantwise deployment', function () {
  this.timeout(60_000);

  it('prints the normalized model of the example jsonnet as JSON', async () => {
    const { code, out, err } = await run([
      'examples/deployments/pipeline.jsonnet',
      '--workspace',
      'examples',
      '--format',
      'json',
    ]);
    assert.equal(err, '');
    assert.equal(code, 0);
    const d = JSON.parse(out) as {
      name: string;
      profile: string;
      resources: { type: string }[];
      problems: unknown[];
    };
    assert.deepEqual([d.name, d.profile, d.resources.length, d.problems], ['pipelinedev', 'dev', 11, []]);
  });

  it('exits 1 and lists the problem with its place for a canvas that breaks its role', async () => {
    const { code, out } = await run(['examples/canvases/data-team-broken.canvas.json']);
    assert.equal(code, 1);
    assert.match(out, /^clickstream \(canvas\) examples\/canvases\/data-team-broken\.canvas\.json$/m);
    assert.match(
      out,
      /^ {2}examples\/canvases\/data-team-broken\.canvas\.json:40:25 error canvas-service-not-allowed: Role 'data-team' may not use ELASTICACHE/m,
    );
  });

  it('exits 2 on unusable input, naming the file and the place', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'grantwise-cli-deployment-'));
    try {
      const file = path.join(dir, 'bad.jsonnet');
      writeFileSync(file, "{\n  resources: [\n    { type: 'S3' name: 'x' },\n  ],\n}\n");
      const bad = await run([file, '--workspace', dir]);
      assert.equal(bad.code, 2);
      assert.match(
        bad.err,
        new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: error: `, 'm'),
      );
      assert.equal(bad.out, '');
      const unknownProfile = await run([
        'examples/deployments/pipeline.jsonnet',
        '--workspace',
        'examples',
        '--profile',
        'qa',
      ]);
      assert.equal(unknownProfile.code, 2);
      assert.match(
        unknownProfile.err,
        /Run profile 'qa' is not in .*profiles\.json\. Use one of: dev, prod\./,
      );
      assert.equal((await run(['examples/missing.canvas.json'])).code, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
