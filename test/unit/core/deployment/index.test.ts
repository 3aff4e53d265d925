import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findDeploymentFiles, isDeploymentJsonnet } from '../../../../src/core/deployment/index';

describe('finding deployment files', () => {
  it('lists the example workspace deployments, sorted', async () => {
    const root = path.resolve(__dirname, '../../../../examples');
    assert.deepEqual(
      (await findDeploymentFiles(root)).map((f) => path.relative(root, f)),
      [
        'canvases/data-team-broken.canvas.json',
        'canvases/web-team.canvas.json',
        'deployments/pipeline.jsonnet',
      ],
    );
  });

  it('tells deployment jsonnet from libraries and other jsonnet by its output fields', () => {
    assert.equal(isDeploymentJsonnet("{ resources: [{ type: 'S3', name: 'b' }] }"), true);
    assert.equal(isDeploymentJsonnet("{ network: { cidr: '10.0.0.0/16' }, instances: {} }"), true);
    assert.equal(isDeploymentJsonnet("{ 'security_groups': {}, network: {} }"), true);
    assert.equal(isDeploymentJsonnet('{ apiVersion: "v1", kind: "ConfigMap" }'), false);
    assert.equal(isDeploymentJsonnet('// resources: []\n{ a: 1 }'), false, 'comments do not count');
    assert.equal(
      isDeploymentJsonnet('{ network: {}, instances:: {} }'),
      false,
      'hidden fields are not output',
    );
  });

  it('skips dependency and hidden folders but keeps .grantwise', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'grantwise-index-'));
    try {
      for (const dir of ['node_modules/x', '.git', 'a/b', '.grantwise'])
        mkdirSync(path.join(root, dir), { recursive: true });
      writeFileSync(path.join(root, 'node_modules/x/y.canvas.json'), '{}');
      writeFileSync(path.join(root, '.git/z.canvas.json'), '{}');
      writeFileSync(path.join(root, 'a/b/app.canvas.json'), '{}');
      writeFileSync(path.join(root, 'a/lib.libsonnet'), '{ resources: [] }');
      writeFileSync(path.join(root, 'a/main.jsonnet'), '{ resources: [] }');
      assert.deepEqual(
        (await findDeploymentFiles(root)).map((f) => path.relative(root, f)),
        ['a/b/app.canvas.json', 'a/main.jsonnet'],
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
