import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadProfiles, parseProfiles } from '../../../../../src/core/deployment/jsonnet/profiles';

describe('run profiles (.grantwise/profiles.json)', () => {
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'gw-profiles-'));
    mkdirSync(path.join(ws, 'env'));
    mkdirSync(path.join(ws, 'lib'));
    writeFileSync(path.join(ws, 'env', 'dev.rc'), 'export A=1\n');
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('reads profiles with all fields and the default', async () => {
    mkdirSync(path.join(ws, '.grantwise'));
    const json = {
      default: 'dev',
      profiles: [
        {
          name: 'dev',
          description: 'Development',
          envFiles: ['env/dev.rc'],
          extVars: { B: 'x' },
          extCode: { N: '3' },
          tlaVars: { t: 'y' },
          tlaCode: { c: 'true' },
          libPaths: ['lib'],
        },
        { name: 'prod' },
      ],
    };
    writeFileSync(path.join(ws, '.grantwise', 'profiles.json'), JSON.stringify(json));
    const loaded = await loadProfiles(ws);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.defaultProfile, 'dev');
    assert.deepEqual(loaded.profiles, [
      { ...json.profiles[0] },
      { name: 'prod', envFiles: [], extVars: {}, extCode: {}, tlaVars: {}, tlaCode: {}, libPaths: [] },
    ]);
  });

  it('returns no profiles and no problems when the file does not exist', async () => {
    assert.deepEqual(await loadProfiles(ws), { profiles: [], problems: [] });
  });

  it('reports problems at their ranges: types, missing paths, duplicates, unknown default and fields', () => {
    const text = [
      '{',
      '  "default": "staging",',
      '  "profiles": [',
      '    { "name": "dev", "envFiles": ["env/missing.rc"], "extVars": { "N": 3 } },',
      '    { "name": "dev" },',
      '    { "description": "no name" },',
      '    { "name": "x", "libPath": [] }',
      '  ]',
      '}',
    ].join('\n');
    const file = path.join(ws, '.grantwise', 'profiles.json');
    const { profiles, problems } = parseProfiles(text, file, ws);
    assert.deepEqual(
      profiles.map((p) => p.name),
      ['dev', 'x'],
    );
    const got = problems.map((p) => [
      p.check,
      p.path,
      p.range.start.line,
      p.range.start.character,
      p.range.end.character,
    ]);
    assert.deepEqual(got, [
      ['profiles-type', '/profiles/0/extVars/N', 3, 71, 72],
      ['profiles-missing-path', '/profiles/0/envFiles/0', 3, 34, 50],
      ['profiles-duplicate-name', '/profiles/1/name', 4, 14, 19],
      ['profiles-missing-name', '/profiles/2/name', 5, 4, 32],
      ['profiles-unknown-field', '/profiles/3/libPath', 6, 19, 28],
      ['profiles-unknown-default', '/default', 1, 13, 22],
    ]);
    assert.ok(problems.every((p) => p.data?.file === file));
    assert.match(problems[0].message, /use "extCode" for numbers/);
    assert.match(problems[5].message, /use one of: "dev", "x"/);
  });

  it('reports JSON syntax errors with their range', () => {
    const { problems } = parseProfiles('{ "profiles": [ { "name": "a" } }', 'p.json', ws);
    assert.equal(problems[0].check, 'profiles-syntax');
    assert.deepEqual(problems[0].range.start, { line: 0, character: 32 });
  });
});
