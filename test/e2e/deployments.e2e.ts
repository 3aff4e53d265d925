import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2e } from './harness/fixture';
import { until } from './harness/workbench';

/** Collapses an open tree item of the Deployments view. */
async function collapse(label: string): Promise<void> {
  const item = e2e().workbench.treeItem('Deployments', label);
  if ((await item.getAttribute('aria-expanded')) !== 'true') return;
  await item.locator('.monaco-tl-twistie').click();
  await until(async () => (await item.getAttribute('aria-expanded')) === 'false', `${label} to collapse`);
}

const BROKEN_ROLE = /^Role 'data-team' may not use ELASTICACHE \(node 'hot-sessions'\)\./;

describe('Deployments view', function () {
  this.timeout(120_000);

  before(async () => {
    const { workbench } = e2e();
    await workbench.openViewContainer('Grantwise');
    await workbench.expandView('Deployments');
  });

  // Keep the view short between specs: the tree renders only the rows that fit in the pane.
  afterEach(async () => {
    for (const label of [
      'EC2 5',
      'pipelinedev deployments/pipeline.jsonnet',
      'clickstream canvases/data-team-broken.canvas.json',
    ]) {
      await collapse(label).catch(() => undefined);
    }
  });

  it('lists every example deployment file with its role, network and resources by type', async () => {
    const { workbench } = e2e();
    await workbench.waitForTreeItem('Deployments', 'pipelinedev deployments/pipeline.jsonnet');
    assert.deepEqual(
      (await workbench.treeItems('Deployments')).filter((l) => /\.(canvas\.json|jsonnet)$/.test(l)),
      [
        'clickstream canvases/data-team-broken.canvas.json',
        'storefront canvases/web-team.canvas.json',
        'pipelinedev deployments/pipeline.jsonnet',
      ],
    );
    await workbench.expandTreeItem(
      workbench.treeItem('Deployments', 'pipelinedev deployments/pipeline.jsonnet'),
    );
    await workbench.waitForTreeItem('Deployments', 'Network 10.20.0.0/16 2 subnets · internet gateway · NAT');
    const items = await workbench.treeItems('Deployments');
    for (const label of ['EBS 3', 'EC2 5', 'NAT_GATEWAY 1', 'SECURITY_GROUP 2']) {
      assert.ok(items.includes(label), `${label} in ${JSON.stringify(items)}`);
    }
    await workbench.expandTreeItem(workbench.treeItem('Deployments', 'EC2 5'));
    await workbench.waitForTreeItem(
      'Deployments',
      'pipelinedev_db01 m5.large · ×1 · pipelinedev_private_subnet',
    );
    await workbench.screenshot('deployments');
  });

  it('shows the canvas that breaks its role with the error, in the view and on the node', async () => {
    const { workbench } = e2e();
    await workbench.expandTreeItem(
      workbench.treeItem('Deployments', 'clickstream canvases/data-team-broken.canvas.json'),
    );
    const problem = await workbench.waitForTreeItem(
      'Deployments',
      new RegExp(`${BROKEN_ROLE.source}.*data-team-broken\\.canvas\\.json:40$`),
    );
    assert.match(problem, BROKEN_ROLE);
    await workbench.waitForTreeItem('Deployments', 'Role: data-team eu-west-1 · 210987654321');
    await workbench.openFile('canvases/data-team-broken.canvas.json');
    const rows = await workbench.problems(/may not use ELASTICACHE/);
    assert.ok(
      rows.some((r) => r.includes("Role 'data-team' may not use ELASTICACHE")),
      `the role error in Problems: ${JSON.stringify(rows)}`,
    );
    const actions = await workbench.codeActions(40, 26, 'Add ELASTICACHE to role data-team');
    assert.ok(actions.includes('Add ELASTICACHE to role data-team'), JSON.stringify(actions));
    await workbench.closeQuickInput();
    await workbench.page.keyboard.press('Escape');
  });

  it('reports each canvas problem once (no repeat from VS Code JSON validation) and still completes config fields', async () => {
    const { workbench, workspace } = e2e();
    const file = join(workspace, 'canvases', 'e2e-once.canvas.json');
    writeFileSync(
      file,
      [
        '{',
        '  "role": "web-team",',
        '  "nodes": [',
        '    {',
        '      "id": "n1",',
        '      "data": {',
        '        "resourceType": "EC2",',
        '        "label": "api",',
        '        "config": { "ami": "ami-0123456789abcdef0", "colour": "blue", "count": "two" }',
        '      }',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    try {
      await workbench.openFile('canvases/e2e-once.canvas.json');
      await workbench.problems(/colour/);
      // Both diagnostics have arrived; give VS Code's JSON validation the time to add its own, if it would.
      await workbench.page.waitForTimeout(2_000);
      const rows = await workbench.problems(/colour/);
      // Ours name the field; VS Code's own would say "Property colour is not allowed" and "Incorrect type".
      const aboutTheNode = rows.filter((r) => /colour|'count'|Incorrect type|is not allowed/.test(r));
      assert.equal(aboutTheNode.length, 2, JSON.stringify(aboutTheNode));
      const offered = await workbench.completions(9, 21, 'instanceType');
      for (const field of ['instanceType', 'privateIp', 'securityGroups'])
        assert.ok(offered.includes(field), `${field} in ${JSON.stringify(offered)}`);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('shows a jsonnet syntax error of a deployment file at its line', async () => {
    const { workbench, workspace } = e2e();
    const file = join(workspace, 'deployments', 'typo.jsonnet');
    writeFileSync(file, "{\n  resources: [\n    { type: 'S3' name: 'typo-bucket' },\n  ],\n}\n");
    try {
      await workbench.waitForTreeItem('Deployments', /^typo deployments\/typo\.jsonnet$/);
      await workbench.expandTreeItem(workbench.treeItem('Deployments', /^typo deployments\/typo\.jsonnet$/));
      const problem = await workbench.waitForTreeItem('Deployments', /typo\.jsonnet:3$/);
      assert.match(problem, /typo\.jsonnet:3$/);
      assert.ok(readFileSync(file, 'utf8').includes("'S3' name"));
    } finally {
      rmSync(file, { force: true });
    }
    await workbench
      .treeItem('Deployments', /^typo deployments\/typo\.jsonnet$/)
      .waitFor({ state: 'detached' });
  });
});
