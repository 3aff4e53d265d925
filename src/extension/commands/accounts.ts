import * as vscode from 'vscode';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Ctx } from '../context';
import { AccountsTreeProvider, ProfileItem } from '../views/accountsTree';
import { isGrantwiseError } from '../../core/errors';

/** The Accounts view and its commands: refresh, open the config file, check identity. */
export function registerAccounts(ctx: Ctx): AccountsTreeProvider {
  const tree = new AccountsTreeProvider((e) => ctx.showError(e, 'Accounts'));
  ctx.push(vscode.window.registerTreeDataProvider('grantwise.accounts', tree));

  ctx.registerCommand('grantwise.accounts.refresh', () => tree.refresh());

  ctx.registerCommand('grantwise.accounts.openConfig', async () => {
    const file = process.env.AWS_CONFIG_FILE || path.join(os.homedir(), '.aws', 'config');
    await vscode.window.showTextDocument(vscode.Uri.file(file));
  });

  ctx.registerCommand('grantwise.accounts.checkIdentity', async (item?: ProfileItem) => {
    const name = item?.profile.name ?? (await pickProfile());
    if (!name) return;
    const profile = await tree.findProfile(name);
    tree.setIdentity(name, { state: 'checking' });
    const aws = await import('../../heavy/aws');
    const factory = new aws.AwsClientFactory(ctx.config.awsSettings(name, profile?.region));
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Checking identity of '${name}'`,
        cancellable: true,
      },
      async (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        try {
          const identity = await aws.getCallerIdentity(factory, abort.signal);
          tree.setIdentity(name, { state: 'ok', identity, at: new Date() });
          ctx.log.info(`Check identity '${name}': account ${identity.account}, ${identity.arn}`);
        } catch (e) {
          const message = isGrantwiseError(e) ? e.display : String(e);
          tree.setIdentity(name, { state: 'error', message, at: new Date() });
          ctx.log.warn(`Check identity '${name}': ${message}`);
        }
      },
    );
  });

  // Profiles live outside the workspace; watch the shared files so edits show up without a refresh.
  const dirs = new Set([
    path.dirname(process.env.AWS_CONFIG_FILE || path.join(os.homedir(), '.aws', 'config')),
    path.dirname(process.env.AWS_SHARED_CREDENTIALS_FILE || path.join(os.homedir(), '.aws', 'credentials')),
  ]);
  for (const dir of dirs) {
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(dir), '*'),
    );
    watcher.onDidChange(() => tree.refresh());
    watcher.onDidCreate(() => tree.refresh());
    watcher.onDidDelete(() => tree.refresh());
    ctx.push(watcher);
  }

  async function pickProfile(): Promise<string | undefined> {
    const { listAwsProfiles } = await import('../../heavy/localConfig');
    const profiles = await listAwsProfiles();
    if (profiles.length === 0) {
      void vscode.window.showWarningMessage('Grantwise: no AWS profiles found in the shared config files.');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      profiles.map((p) => ({ label: p.name, description: p.kind })),
      { placeHolder: 'Profile to check' },
    );
    return pick?.label;
  }

  return tree;
}
