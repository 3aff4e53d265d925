import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { MOTO_ACCOUNT } from './harness/awsFiles';
import { E2E_PROFILES, e2e } from './harness/fixture';

describe('Grantwise in VS Code (code-server + Chromium)', function () {
  it('has an activity-bar entry that opens the Grantwise container', async () => {
    const { workbench } = e2e();
    await workbench.activityBarItem('Grantwise').waitFor();
    await workbench.openViewContainer('Grantwise');
    const title = workbench.page.locator('.part.sidebar .composite.title .title-label h2');
    assert.equal(await title.innerText(), 'GRANTWISE');
  });

  it('renders the Accounts, Clusters and Deployments views', async () => {
    const { workbench } = e2e();
    await workbench.openViewContainer('Grantwise');
    for (const view of ['Accounts', 'Clusters', 'Deployments']) {
      assert.ok(await workbench.viewHeader(view).isVisible(), `${view} header is visible`);
    }
    const headers = await workbench.page.locator('.part.sidebar .pane-header h3.title').allInnerTexts();
    assert.deepEqual(headers, ['ACCOUNTS', 'CLUSTERS', 'DEPLOYMENTS']);
  });

  it('lists the profiles of AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE with their kind, no secrets', async () => {
    const { workbench, aws } = e2e();
    await workbench.openViewContainer('Grantwise');
    await workbench.waitForTreeItem('Accounts', 'e2e-static access key · eu-west-2');
    assert.deepEqual(await workbench.treeItems('Accounts'), [
      'e2e-role assume role · eu-west-2',
      'e2e-sso SSO · eu-west-1',
      'e2e-static access key · eu-west-2',
    ]);
    const credentials = readFileSync(aws.credentialsFile, 'utf8');
    const keyId = /aws_access_key_id = (\S+)/.exec(credentials)![1];
    const secret = /aws_secret_access_key = (\S+)/.exec(credentials)![1];
    const html = await workbench.page.content();
    assert.ok(!html.includes(keyId) && !html.includes(secret), 'no credential value reaches the workbench');
  });

  it('Check Identity (inline action) shows the account and ARN STS returns for an access-key profile', async () => {
    const { workbench, aws } = e2e();
    await workbench.openViewContainer('Grantwise');
    await workbench.runInlineAction(workbench.treeItem('Accounts', /^e2e-static /), 'Check Identity');
    const checked = `e2e-static access key · eu-west-2 · ${MOTO_ACCOUNT}`;
    await workbench.waitForTreeItem('Accounts', checked);
    await workbench.expandTreeItem(workbench.treeItem('Accounts', checked));
    await workbench.waitForTreeItem('Accounts', /^Account\b.*\b123456789012$/);
    const arn = await workbench.waitForTreeItem('Accounts', /^ARN\b/);
    assert.equal(aws.userArn, `arn:aws:iam::${MOTO_ACCOUNT}:user/e2e-user`);
    assert.ok(arn.endsWith(aws.userArn), `${arn} ends with ${aws.userArn}`);
    // The README's screenshot: profiles of three kinds, one checked against the emulator.
    await workbench.page.mouse.move(700, 400);
    await workbench.screenshot('accounts');
  });

  // The source_profile role assumption must go to grantwise.aws.endpointUrl too, never to real STS.
  it('Check Identity (context menu) on an assume-role profile shows the assumed-role ARN', async () => {
    const { workbench } = e2e();
    await workbench.openViewContainer('Grantwise');
    await workbench.runContextMenu(workbench.treeItem('Accounts', /^e2e-role /), 'Check Identity');
    const checked = `e2e-role assume role · eu-west-2 · ${MOTO_ACCOUNT}`;
    await workbench.waitForTreeItem('Accounts', checked);
    await workbench.expandTreeItem(workbench.treeItem('Accounts', checked));
    await workbench.waitForTreeItem(
      'Accounts',
      new RegExp(`arn:aws:sts::${MOTO_ACCOUNT}:assumed-role/e2e-role/`),
    );
  });

  it('shows why Check Identity failed, with the fix, for an SSO profile that is not signed in', async () => {
    const { workbench } = e2e();
    await workbench.openViewContainer('Grantwise');
    const item = workbench.treeItem('Accounts', /^e2e-sso /);
    await workbench.runContextMenu(item, 'Check Identity');
    await workbench.expandTreeItem(item);
    // The error row's accessible label is the whole message; its visible label is "Error".
    const error = await workbench.waitForTreeItem('Accounts', /SSO session token/);
    assert.match(
      error,
      new RegExp(`SSO session token associated with profile=${E2E_PROFILES.sso} was not found`),
    );
    assert.match(error, /aws sso login/);
    assert.ok(
      await workbench
        .treeItem('Accounts', error)
        .locator('.label-name', { hasText: /^Error$/ })
        .isVisible(),
    );
  });

  it('picks up a profile added to the config file without a manual refresh', async () => {
    const { workbench, aws } = e2e();
    const original = readFileSync(aws.configFile, 'utf8');
    try {
      writeFileSync(aws.configFile, `${original}\n[profile e2e-added]\nregion = ap-south-1\n`);
      await workbench.waitForTreeItem('Accounts', 'e2e-added no credentials · ap-south-1');
    } finally {
      writeFileSync(aws.configFile, original);
    }
    await workbench.runCommand('Grantwise: Refresh Accounts');
    await workbench.treeItem('Accounts', /^e2e-added /).waitFor({ state: 'detached' });
  });

  it('runs "Grantwise: Show Log" from the Command Palette: the log shows activation, never a credential', async () => {
    const { workbench, aws } = e2e();
    const text = await workbench.outputText('Grantwise: Show Log', /Grantwise activated in/);
    assert.match(text, /^\d{4}-\d\d-\d\d [\d:.]+ \[info\] Grantwise activated in \d+\.\d\d ms$/m);
    const credentials = readFileSync(aws.credentialsFile, 'utf8');
    for (const [, value] of credentials.matchAll(/^aws_\w+ = (\S+)$/gm)) assert.ok(!text.includes(value));
    await workbench.screenshot('log');
  });
});
