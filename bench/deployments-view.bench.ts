// Deployments view build time: find every deployment file of a workspace and load each into the model,
// as the view does on refresh. 50 generated files in a temp folder; the reference is reading and
// JSON.parse of the same canvas files in the same run.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findDeploymentFiles } from '../src/core/deployment/index';
import { createEvaluator } from '../src/core/deployment/jsonnet/evaluator';
import { loadDeployment } from '../src/core/deployment/load';
import { loadRoles } from '../src/core/deployment/roles';
import { report, time } from './harness';

const TYPES = ['EC2', 'RDS', 'S3', 'SECURITY_GROUP', 'ALB', 'LAMBDA', 'SQS', 'DYNAMODB', 'EBS', 'SNS'];
const CONFIG: Record<string, Record<string, unknown>> = {
  EC2: { instanceType: 't3.medium', count: 2, ami: 'ami-04681a1dbd79675a5' },
  RDS: { engine: 'postgres', instanceClass: 'db.t3.medium', storageGb: 100, multiAz: true },
  S3: { versioning: true, storageGb: 20 },
  SECURITY_GROUP: {
    rules: [{ direction: 'ingress', protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '0.0.0.0/0' }],
  },
  ALB: { listenerPort: 443, protocol: 'HTTPS' },
  LAMBDA: { runtime: 'python3.12', memoryMb: 512, timeoutSec: 30 },
  SQS: { visibilityTimeoutSec: 60 },
  DYNAMODB: { hashKey: 'pk' },
  EBS: { sizeGb: 100, volumeType: 'gp3' },
  SNS: { fifo: false },
};

function canvas(i: number): string {
  const nodes = Array.from({ length: 12 }, (_, n) => {
    const type = TYPES[(i + n) % TYPES.length];
    return {
      id: `n${n}`,
      type: 'resource',
      position: { x: n * 40, y: n * 20 },
      data: { resourceType: type, label: `${type.toLowerCase()}-${n}`, config: CONFIG[type] },
    };
  });
  const edges = nodes.slice(1).map((n, k) => ({ id: `e${k}`, source: nodes[k].id, target: n.id }));
  return JSON.stringify(
    { name: `app-${i}`, role: 'platform', nodes, edges, viewport: { x: 0, y: 0, zoom: 1 } },
    null,
    2,
  );
}

function jsonnet(i: number): string {
  return `local n = ${i};\n{\n  name: 'svc-%d' % n,\n  resources: [\n${TYPES.map((t) => `    { type: '${t}', name: '${t.toLowerCase()}-%d' % n, config: ${JSON.stringify(CONFIG[t])} },`).join('\n')}\n  ],\n}\n`;
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'grantwise-bench-view-'));
  const evaluator = createEvaluator();
  try {
    mkdirSync(path.join(root, '.grantwise'));
    mkdirSync(path.join(root, 'canvases'));
    mkdirSync(path.join(root, 'jsonnet'));
    writeFileSync(
      path.join(root, '.grantwise/roles.json'),
      JSON.stringify({ roles: [{ name: 'platform', allowed_services: TYPES }] }),
    );
    const canvasFiles = Array.from({ length: 50 }, (_, i) => {
      const f = path.join(root, 'canvases', `app-${String(i).padStart(2, '0')}.canvas.json`);
      writeFileSync(f, canvas(i));
      return f;
    });

    const reference = await time(
      () => {
        for (const f of canvasFiles) JSON.parse(readFileSync(f, 'utf8'));
      },
      { runs: 30 },
    );
    const build = async () => {
      const files = await findDeploymentFiles(root);
      const roles = (await loadRoles(root)) ?? null;
      let resources = 0;
      for (const f of files)
        resources += (await loadDeployment(f, { workspaceRoot: root, roles, evaluator })).resources.length;
      if (resources === 0) throw new Error('nothing loaded');
      return resources;
    };
    const canvases = await time(build, { runs: 30 });
    report({
      name: 'Deployments view build, 50 canvas files of 12 nodes (p50)',
      value: canvases.p50,
      unit: 'ms',
      reference: { name: 'read + JSON.parse of the same files', value: reference.p50 },
      target: '< 100 ms',
      pass: canvases.p50 < 100,
    });

    // Mixed workspace: 40 canvases and 10 jsonnet files through the engine (warm: results cached by content).
    for (const f of canvasFiles.slice(40)) rmSync(f);
    for (let i = 0; i < 10; i++) writeFileSync(path.join(root, 'jsonnet', `svc-${i}.jsonnet`), jsonnet(i));
    const mixed = await time(build, { runs: 20, warmup: 2 });
    report({
      name: 'Deployments view build, 40 canvas + 10 jsonnet files, engine warm (p50)',
      value: mixed.p50,
      unit: 'ms',
      reference: { name: 'read + JSON.parse of 50 canvas files', value: reference.p50 },
      target: '< 250 ms',
      pass: mixed.p50 < 250,
    });
  } finally {
    evaluator.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
