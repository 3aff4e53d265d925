import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2e } from './harness/fixture';
import { until } from './harness/workbench';

// A policy of our own (the examples may be shared with other specs): line 7 misspells s3:GetObject.
const FAULTY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadExports",
      "Effect": "Allow",
      "Action": ["s3:GetObjekt", "s3:PutObject"],
      "Resource": "arn:aws:s3:::capillaries-testbucket/*"
    }
  ]
}
`;
const FILE = 'iam-e2e/exports-faulty.policy.json';

/**
 * Applies a code action by moving the list focus to it and pressing Enter. The harness's click-based
 * applyCodeAction is intercepted by the workbench's context-view pointer block in this code-server build.
 */
async function applyByKeyboard(line: number, column: number, title: string): Promise<void> {
  const { workbench } = e2e();
  const titles = await workbench.codeActions(line, column, title);
  const rows = workbench.page.locator('.action-widget .monaco-list-row.action');
  for (let i = 0; i <= titles.length; i++) {
    if (
      (await rows.locator('xpath=self::*[contains(@class,"focused")]').getAttribute('aria-label')) === title
    )
      break;
    await workbench.page.keyboard.press('ArrowDown');
  }
  assert.equal(
    await rows.locator('xpath=self::*[contains(@class,"focused")]').getAttribute('aria-label'),
    title,
  );
  await workbench.page.keyboard.press('Enter');
  await workbench.page.locator('.action-widget').waitFor({ state: 'hidden' });
}

describe('IAM policies in VS Code (code-server + Chromium)', function () {
  before(() => {
    const { workspace } = e2e();
    mkdirSync(join(workspace, 'iam-e2e'), { recursive: true });
    writeFileSync(join(workspace, FILE), FAULTY);
  });

  it('shows the unknown action in the Problems panel with its did-you-mean', async () => {
    const { workbench } = e2e();
    await workbench.openFile(FILE);
    const rows = await workbench.problems(/s3:GetObjekt/);
    const row = rows.find((r) => r.includes('s3:GetObjekt'));
    assert.ok(row, `a Problems row names the typo; rows: ${rows.join(' | ')}`);
    assert.match(row, /Did you mean "s3:GetObject"\?/);
    await workbench.screenshot('policy-diagnostic');
  });

  it('shows the code lens "N actions granted · Simulate… · Compare with HEAD" above the policy', async () => {
    const { workbench } = e2e();
    await workbench.openFile(FILE);
    const lens = workbench.activeEditor().locator('.codelens-decoration');
    await lens
      .locator('a', { hasText: /^\d+ actions? granted$/ })
      .first()
      .waitFor();
    await lens.locator('a', { hasText: 'Simulate…' }).first().waitFor();
    await lens.locator('a', { hasText: 'Compare with HEAD' }).first().waitFor();
    // Only s3:PutObject is a real action until the typo is fixed.
    assert.equal(
      await lens
        .locator('a', { hasText: /actions? granted$/ })
        .first()
        .innerText(),
      '1 action granted',
    );
    await workbench.screenshot('policy-code-lens');
  });

  it('hovers an action with its description and access level', async () => {
    const { workbench } = e2e();
    await workbench.openFile(FILE);
    const text = await workbench.hoverText(7, 34, /s3:PutObject/);
    assert.match(text, /s3:PutObject · Write/);
  });

  it('applies the did-you-mean quick fix and the diagnostic disappears', async () => {
    const { workbench, workspace } = e2e();
    await workbench.openFile(FILE);
    await applyByKeyboard(7, 20, "Change to 's3:GetObject'");
    await workbench
      .activeEditor()
      .locator('.view-lines', { hasText: '"s3:GetObject", "s3:PutObject"' })
      .waitFor();
    await workbench.runCommand('File: Save');
    await workbench.page.locator('.tabs-container .tab.active:not(.dirty)').waitFor();
    // The tab turns clean before the write reaches the disk: wait for the file itself.
    const fixed = FAULTY.replace('s3:GetObjekt', 's3:GetObject');
    await until(
      async () => readFileSync(join(workspace, FILE), 'utf8') === fixed || undefined,
      'the quick-fixed policy saved to disk',
    );
    // The lens before the panel: VS Code refreshes only lenses whose view zone is on screen, and the
    // relayout that opening the panel causes once left the old count standing (CI, under load).
    const lens = workbench.activeEditor().locator('.codelens-decoration a', { hasText: '2 actions granted' });
    await lens.first().waitFor();
    await workbench.runCommand('Problems: Focus on Problems View');
    await workbench.page
      .locator('.part.panel .markers-panel .monaco-list-row', { hasText: 's3:GetObjekt' })
      .waitFor({ state: 'detached' });
    await workbench.screenshot('policy-quick-fix-applied');
  });
});
