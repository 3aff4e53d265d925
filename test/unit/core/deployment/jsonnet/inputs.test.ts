import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { resolveInputs } from '../../../../../src/core/deployment/jsonnet/inputs';
import type { RunProfile } from '../../../../../src/core/deployment/jsonnet/profiles';

describe('resolveInputs: settings < profile env files (in order) < profile vars < overrides', () => {
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'gw-inputs-'));
    mkdirSync(path.join(ws, 'env'));
    writeFileSync(
      path.join(ws, 'env', 'base.rc'),
      'export A=base\nexport B=base\nexport C=base\nexport D=base\n',
    );
    writeFileSync(path.join(ws, 'env', 'dev.rc'), 'export B=dev\nexport C=dev\nexport D=dev\n');
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  const profile = (over: Partial<RunProfile> = {}): RunProfile => ({
    name: 'dev',
    envFiles: ['env/base.rc', 'env/dev.rc'],
    extVars: { C: 'profile' },
    extCode: { D: '42' },
    tlaVars: { region: 'us-east-1' },
    tlaCode: {},
    libPaths: ['lib'],
    ...over,
  });

  it('applies each layer over the one below', async () => {
    const { inputs, problems, origins } = await resolveInputs({
      workspaceRoot: ws,
      profile: profile(),
      settings: { extVars: { A: 'setting', S: 'setting' }, extCode: { K: '1' }, jpath: ['vendor'] },
      overrides: { extVars: { D: 'flag' }, tlaCode: { region: '"eu-west-1"' }, jpath: ['/opt/lib'] },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(inputs.extVars, { A: 'base', B: 'dev', C: 'profile', D: 'flag', S: 'setting' });
    assert.deepEqual(inputs.extCode, { K: '1' });
    assert.deepEqual(inputs.tlaVars, {});
    assert.deepEqual(inputs.tlaCode, { region: '"eu-west-1"' });
    assert.deepEqual(inputs.jpath, [path.join(ws, 'vendor'), path.join(ws, 'lib'), '/opt/lib']);
    assert.deepEqual(
      [origins.A, origins.B, origins.C, origins.D, origins['tla:region']],
      ['env file env/base.rc', 'env file env/dev.rc', 'profile "dev" extVars', 'override', 'override'],
    );
  });

  it('a code binding in a higher layer replaces a string binding of the same name, and back', async () => {
    const { inputs } = await resolveInputs({ workspaceRoot: ws, profile: profile() });
    assert.equal(inputs.extVars.D, undefined);
    assert.equal(inputs.extCode.D, '42');
    const again = await resolveInputs({
      workspaceRoot: ws,
      profile: profile(),
      overrides: { extVars: { D: 'str' } },
    });
    assert.equal(again.inputs.extCode.D, undefined);
    assert.equal(again.inputs.extVars.D, 'str');
  });

  it('keeps the highest-precedence position of a library path named twice', async () => {
    const { inputs } = await resolveInputs({
      workspaceRoot: ws,
      profile: profile(),
      settings: { jpath: ['lib', 'vendor'] },
    });
    assert.deepEqual(inputs.jpath, [path.join(ws, 'vendor'), path.join(ws, 'lib')]);
  });

  it('reports an unreadable env file naming the profile, and env file problems with the file', async () => {
    writeFileSync(path.join(ws, 'env', 'bad.rc'), 'export OK=1\nthis is wrong\n');
    const { inputs, problems } = await resolveInputs({
      workspaceRoot: ws,
      profile: profile({ envFiles: ['env/none.rc', 'env/bad.rc'], extVars: {}, extCode: {} }),
    });
    assert.deepEqual(inputs.extVars, { OK: '1' });
    assert.deepEqual(
      problems.map((p) => [p.check, p.data?.file, p.range.start.line]),
      [
        ['env-file-unreadable', path.join(ws, 'env', 'none.rc'), 0],
        ['env-file-invalid-line', path.join(ws, 'env', 'bad.rc'), 1],
      ],
    );
    assert.match(problems[0].message, /Env file env\/none\.rc of profile "dev" cannot be read \(ENOENT\)/);
  });
});
