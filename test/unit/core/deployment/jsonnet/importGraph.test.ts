import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { importSiteInRoot, resolveImportGraph } from '../../../../../src/core/deployment/jsonnet/importGraph';

describe('static import graph and sandbox', () => {
  let top: string;
  let ws: string;
  let lib: string;
  let outside: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  beforeEach(() => {
    top = realpathSync(mkdtempSync(path.join(tmpdir(), 'gw-sandbox-')));
    ws = path.join(top, 'ws');
    lib = path.join(top, 'shared-lib');
    outside = path.join(top, 'secret');
    write(path.join(outside, 'creds.txt'), 'AKIA...');
    write(path.join(outside, 'evil.libsonnet'), '{}');
    write(path.join(lib, 'net.libsonnet'), '{ cidr: importstr "cidr.txt" }');
    write(path.join(lib, 'cidr.txt'), '10.0.0.0/16');
  });
  afterEach(() => rmSync(top, { recursive: true, force: true }));

  it('collects the closure across relative, library-path and importstr imports', async () => {
    write(
      path.join(ws, 'main.jsonnet'),
      'local a = import "parts/a.libsonnet";\nlocal n = import "net.libsonnet";\n{ a: a, n: n }',
    );
    write(path.join(ws, 'parts', 'a.libsonnet'), '{ b: import "../b.libsonnet", t: importstr "t.txt" }');
    write(path.join(ws, 'b.libsonnet'), '{ a: import "parts/a.libsonnet" }'); // a cycle is fine
    write(path.join(ws, 'parts', 't.txt'), 'text');
    const g = await resolveImportGraph(path.join(ws, 'main.jsonnet'), { roots: [ws], jpath: [lib] });
    assert.equal(g.refused, false);
    assert.deepEqual(g.diagnostics, []);
    assert.deepEqual(
      g.files,
      [
        path.join(ws, 'b.libsonnet'),
        path.join(ws, 'main.jsonnet'),
        path.join(ws, 'parts', 'a.libsonnet'),
        path.join(ws, 'parts', 't.txt'),
        path.join(lib, 'cidr.txt'),
        path.join(lib, 'net.libsonnet'),
      ].sort(),
    );
    assert.deepEqual(importSiteInRoot(g, path.join(lib, 'cidr.txt')), {
      start: { line: 1, character: 17 },
      end: { line: 1, character: 32 },
    });
  });

  it('refuses a ../ escape with an error on the import string', async () => {
    write(path.join(ws, 'main.jsonnet'), '{\n  creds: importstr "../secret/creds.txt",\n}');
    const g = await resolveImportGraph(path.join(ws, 'main.jsonnet'), { roots: [ws], jpath: [] });
    assert.equal(g.refused, true);
    assert.equal(g.diagnostics.length, 1);
    const d = g.diagnostics[0];
    assert.equal(d.code, 'jsonnet-import-outside-sandbox');
    assert.equal(d.file, path.join(ws, 'main.jsonnet'));
    assert.deepEqual(d.range, { start: { line: 1, character: 19 }, end: { line: 1, character: 40 } });
    assert.match(d.message, /importstr "\.\.\/secret\/creds\.txt" leaves the sandbox/);
    assert.ok(!g.files.includes(path.join(outside, 'creds.txt')));
  });

  it('refuses an absolute path outside the roots', async () => {
    write(path.join(ws, 'main.jsonnet'), `import "${path.join(outside, 'evil.libsonnet')}"`);
    const g = await resolveImportGraph(path.join(ws, 'main.jsonnet'), { roots: [ws], jpath: [] });
    assert.equal(g.refused, true);
    assert.equal(g.diagnostics[0].code, 'jsonnet-import-outside-sandbox');
  });

  it('refuses a symlink inside the workspace that points outside, naming the target', async () => {
    write(path.join(ws, 'main.jsonnet'), '// import "ignored/in/comment"\nimport "vendor/evil.libsonnet"');
    symlinkSync(outside, path.join(ws, 'vendor'));
    const g = await resolveImportGraph(path.join(ws, 'main.jsonnet'), { roots: [ws], jpath: [] });
    assert.equal(g.refused, true);
    assert.deepEqual(
      g.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [['jsonnet-import-outside-sandbox', 1, 7]],
    );
    assert.match(
      g.diagnostics[0].message,
      new RegExp(
        `through a symbolic link to ${path.join(outside, 'evil.libsonnet').replace(/[/.]/g, '\\$&')}`,
      ),
    );
  });

  it('refuses a symlink followed by .. (the OS resolves the link before ..)', async () => {
    mkdirSync(path.join(outside, 'deep'));
    mkdirSync(ws);
    symlinkSync(path.join(outside, 'deep'), path.join(ws, 'link'));
    write(path.join(ws, 'main.jsonnet'), 'import "link/../evil.libsonnet"');
    const g = await resolveImportGraph(path.join(ws, 'main.jsonnet'), { roots: [ws], jpath: [] });
    assert.equal(g.refused, true);
  });

  it('allows a symlink that stays inside the workspace, and imports from a library path', async () => {
    write(path.join(ws, 'real', 'x.libsonnet'), '{}');
    symlinkSync(path.join(ws, 'real'), path.join(ws, 'alias'));
    write(path.join(ws, 'main.jsonnet'), 'import "alias/x.libsonnet" + import "net.libsonnet"');
    const g = await resolveImportGraph(path.join(ws, 'main.jsonnet'), { roots: [ws], jpath: [lib] });
    assert.equal(g.refused, false);
    assert.deepEqual(g.diagnostics, []);
  });

  it('searches the importing folder first, then library paths from the last to the first', async () => {
    const lib2 = path.join(top, 'lib2');
    write(path.join(lib2, 'net.libsonnet'), '{ from: "lib2" }');
    write(path.join(ws, 'main.jsonnet'), 'import "net.libsonnet"');
    const g = await resolveImportGraph(path.join(ws, 'main.jsonnet'), { roots: [ws], jpath: [lib, lib2] });
    assert.equal(g.edges[0].to, path.join(lib2, 'net.libsonnet'));
    write(path.join(ws, 'net.libsonnet'), '{}');
    const local = await resolveImportGraph(path.join(ws, 'main.jsonnet'), {
      roots: [ws],
      jpath: [lib, lib2],
    });
    assert.equal(local.edges[0].to, path.join(ws, 'net.libsonnet'));
  });

  it('warns about an import that matches no file and keeps it in the hash', async () => {
    write(path.join(ws, 'main.jsonnet'), 'local m = import "missing.libsonnet"; {}');
    const g = await resolveImportGraph(path.join(ws, 'main.jsonnet'), { roots: [ws], jpath: [] });
    assert.equal(g.refused, false);
    assert.deepEqual(
      g.diagnostics.map((d) => [d.code, d.severity, d.range.start.character]),
      [['jsonnet-import-not-found', 'warning', 17]],
    );
    write(path.join(ws, 'missing.libsonnet'), '{}');
    const after = await resolveImportGraph(path.join(ws, 'main.jsonnet'), { roots: [ws], jpath: [] });
    assert.notEqual(after.hash, g.hash);
  });

  it('changes the hash when any file of the closure changes, and only then', async () => {
    write(path.join(ws, 'main.jsonnet'), 'import "a.libsonnet"');
    write(path.join(ws, 'a.libsonnet'), '{ x: 1 }');
    write(path.join(ws, 'unrelated.libsonnet'), '{}');
    const opts = { roots: [ws], jpath: [] };
    const h1 = (await resolveImportGraph(path.join(ws, 'main.jsonnet'), opts)).hash;
    write(path.join(ws, 'unrelated.libsonnet'), '{ changed: true }');
    assert.equal((await resolveImportGraph(path.join(ws, 'main.jsonnet'), opts)).hash, h1);
    write(path.join(ws, 'a.libsonnet'), '{ x: 2 }');
    assert.notEqual((await resolveImportGraph(path.join(ws, 'main.jsonnet'), opts)).hash, h1);
  });
});
