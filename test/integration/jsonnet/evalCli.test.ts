import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliIo } from '../../../src/cli/command';
import { main } from '../../../src/cli/main';

const fixture = path.join(__dirname, '..', '..', 'fixtures', 'jsonnet', 'workspace');

async function cli(args: string[], cwd = fixture): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t + '\n'),
    err: (t) => (err += t + '\n'),
    cwd,
    env: { FROM_ENV: 'env-value' },
  };
  const code = await main(['eval', ...args], io);
  return { code, out, err };
}

describe('grantwise eval', function () {
  this.timeout(60_000);

  it('prints the JSON with the default profile, formatted as the jsonnet CLI does', async () => {
    const r = await cli(['deployment.jsonnet']);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.ok(r.out.startsWith('{\n   "deployment_name": "fixture001",\n'));
    const value = JSON.parse(r.out);
    assert.deepEqual(
      Object.keys(value.instances).filter((k) => k.startsWith('db')),
      ['db001', 'db002', 'db003', 'db004'],
    );
  });

  it('applies --profile, then flags over the profile (a bare NAME reads the environment)', async () => {
    const r = await cli([
      'deployment.jsonnet',
      '--profile',
      'prod',
      '--ext-str',
      'DEPLOY_NAME=flagged',
      '--ext-code',
      'WORKERS=1',
      '--ext-str',
      'FROM_ENV',
    ]);
    assert.equal(r.code, 0, r.err);
    const value = JSON.parse(r.out);
    assert.equal(value.deployment_name, 'flagged');
    assert.equal(value.summary, 'flagged: 8 database nodes, 1 workers in us-east-1c\n');
  });

  it('exits 2 with file:line:col on a syntax error, and on an unknown profile', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gw-evalcli-'));
    try {
      writeFileSync(path.join(dir, 'bad.jsonnet'), '{\n  a: [1 2],\n}\n');
      const bad = await cli(['bad.jsonnet'], dir);
      assert.equal(bad.code, 2);
      assert.equal(bad.out, '');
      assert.equal(bad.err, 'bad.jsonnet:2:9: error: expected a comma before next array element.\n');
      const unknown = await cli(['deployment.jsonnet', '--profile', 'staging']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.err, /profiles\.json: no profile named "staging" \(profiles: dev, prod\)\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 naming the call when an ext var has no value', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gw-evalcli-'));
    try {
      writeFileSync(path.join(dir, 'x.jsonnet'), '{\n  a: std.extVar("MISSING"),\n}\n');
      const r = await cli(['x.jsonnet'], dir);
      assert.equal(r.code, 2);
      assert.equal(r.err, 'x.jsonnet:2:6: error: undefined external variable: MISSING\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 when the file lies outside the --workspace', async () => {
    const r = await cli(['deployment.jsonnet', '--workspace', path.join(fixture, 'lib')]);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /^deployment\.jsonnet:1:1: error: .*deployment\.jsonnet is outside the workspace and the library paths/,
    );
  });
});
