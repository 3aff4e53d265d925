import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import {
  createEvaluator,
  type SupervisedJsonnetEvaluator,
} from '../../../src/core/deployment/jsonnet/evaluator';
import { emptyInputs, resolveInputs } from '../../../src/core/deployment/jsonnet/inputs';
import { loadProfiles } from '../../../src/core/deployment/jsonnet/profiles';
import { cliArgs, exampleDeployment, JSONNET_CLI } from './exampleWorkspace';

const run = promisify(execFile);

describe('jsonnet engine (libjsonnet in a supervised worker)', function () {
  this.timeout(60_000);
  let evaluator: SupervisedJsonnetEvaluator;
  let tmp: string;
  before(() => {
    if (!existsSync(JSONNET_CLI))
      throw new Error(
        `${JSONNET_CLI} is missing: install Debian's jsonnet package (apt-get install jsonnet).`,
      );
    evaluator = createEvaluator({ timeoutMs: 20_000 });
    tmp = mkdtempSync(path.join(tmpdir(), 'gw-engine-'));
  });
  after(() => {
    evaluator.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('evaluates the example deployment exactly like the jsonnet CLI, for every run profile', async () => {
    const { workspace, file } = exampleDeployment();
    const loaded = await loadProfiles(workspace);
    assert.deepEqual(loaded.problems, []);
    assert.ok(
      loaded.profiles.length >= 2,
      `${workspace}/.grantwise/profiles.json should define two profiles`,
    );
    const outputs = new Set<string>();
    for (const profile of loaded.profiles) {
      const { inputs, problems } = await resolveInputs({ workspaceRoot: workspace, profile });
      assert.deepEqual(problems, []);
      const result = await evaluator.evaluateFile(file, inputs, { sandboxRoots: [workspace] });
      assert.ok(result.ok, `profile ${profile.name}: ${JSON.stringify(!result.ok && result.diagnostics)}`);
      const cli = await run(JSONNET_CLI, [...cliArgs(inputs), file], {
        cwd: workspace,
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.deepEqual(result.value, JSON.parse(cli.stdout), `profile ${profile.name}: values differ`);
      assert.equal(result.text, cli.stdout, `profile ${profile.name}: bytes differ`);
      assert.ok(result.files.includes(file));
      outputs.add(result.text);
    }
    assert.equal(outputs.size, loaded.profiles.length, 'each profile should produce a different deployment');
  });

  it('serves a repeated evaluation from the cache, and re-evaluates when an imported file changes', async () => {
    const main = path.join(tmp, 'main.jsonnet');
    writeFileSync(main, 'local l = import "lib.libsonnet"; { v: l.v, x: std.extVar("X") }');
    writeFileSync(path.join(tmp, 'lib.libsonnet'), '{ v: 1 }');
    const inputs = { ...emptyInputs(), extVars: { X: 'a' } };
    const first = await evaluator.evaluateFile(main, inputs, { sandboxRoots: [tmp] });
    const second = await evaluator.evaluateFile(main, inputs, { sandboxRoots: [tmp] });
    assert.ok(first.ok && second.ok);
    assert.deepEqual([first.cached, second.cached], [false, true]);
    writeFileSync(path.join(tmp, 'lib.libsonnet'), '{ v: 2 }');
    const third = await evaluator.evaluateFile(main, inputs, { sandboxRoots: [tmp] });
    assert.ok(third.ok && !third.cached);
    assert.deepEqual(third.value, { v: 2, x: 'a' });
    const otherInputs = await evaluator.evaluateFile(
      main,
      { ...inputs, extVars: { X: 'b' } },
      { sandboxRoots: [tmp] },
    );
    assert.ok(otherInputs.ok && !otherInputs.cached);
  });

  it('reports a runtime error in an imported file at its range there and at the import', async () => {
    const main = path.join(tmp, 'err.jsonnet');
    writeFileSync(main, '{\n  a: (import "bad.libsonnet").f,\n}\n');
    writeFileSync(path.join(tmp, 'bad.libsonnet'), '{\n  f: error "deliberate",\n}\n');
    const r = await evaluator.evaluateFile(main, emptyInputs(), { sandboxRoots: [tmp] });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.diagnostics.map((d) => [
        path.basename(d.file),
        d.range.start.line,
        d.range.start.character,
        d.range.end.character,
        d.message,
      ]),
      [
        ['bad.libsonnet', 1, 5, 23, 'deliberate'],
        ['err.jsonnet', 1, 5, 31, 'bad.libsonnet:2:6: deliberate'],
      ],
    );
  });

  it('refuses to evaluate a file whose imports leave the sandbox', async () => {
    const inner = path.join(tmp, 'inner');
    writeFileSync(path.join(tmp, 'outside.libsonnet'), '{ secret: 1 }');
    mkdirSync(inner, { recursive: true });
    writeFileSync(path.join(inner, 'main.jsonnet'), 'import "../outside.libsonnet"');
    const started = evaluator.stats.started;
    const r = await evaluator.evaluateFile(path.join(inner, 'main.jsonnet'), emptyInputs(), {
      sandboxRoots: [inner],
    });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.diagnostics.map((d) => d.code),
      ['jsonnet-import-outside-sandbox'],
    );
    assert.equal(evaluator.stats.started, started, 'the engine must not even be asked');
  });

  it('passes TLAs and ext code', async () => {
    const main = path.join(tmp, 'tla.jsonnet');
    writeFileSync(main, 'function(region, n) { region: region, n: n * std.extVar("K") }');
    const r = await evaluator.evaluateFile(
      main,
      { ...emptyInputs(), extCode: { K: '10' }, tlaVars: { region: 'eu' }, tlaCode: { n: '2' } },
      { sandboxRoots: [tmp] },
    );
    assert.ok(r.ok);
    assert.deepEqual(r.value, { region: 'eu', n: 20 });
  });
});
