import * as vscode from 'vscode';
import type { Ctx } from '../context';
import { JsonnetCodeLens } from '../editor/jsonnetCodeLens';
import { JsonnetDiagnostics } from '../editor/jsonnetDiagnostics';
import { JsonnetResultDocuments, resultUri } from '../editor/jsonnetResultDocument';
import { isJsonnet, JsonnetSession } from '../editor/jsonnetSession';

/**
 * Jsonnet support: diagnostics, the Evaluate command and code lens (the JSON result in a read-only
 * document), the run-profile picker and the status-bar item showing the active profile.
 */
export function registerJsonnet(ctx: Ctx): JsonnetSession {
  const session = new JsonnetSession(ctx);
  new JsonnetDiagnostics(ctx, session);
  new JsonnetResultDocuments(ctx, session);
  new JsonnetCodeLens(ctx, session);

  const status = vscode.window.createStatusBarItem(
    'grantwise.jsonnet.profile',
    vscode.StatusBarAlignment.Left,
    50,
  );
  status.name = 'Grantwise jsonnet profile';
  status.command = 'grantwise.jsonnet.selectProfile';
  ctx.push(status);
  const updateStatus = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isJsonnet(editor.document)) {
      status.hide();
      return;
    }
    const folder = session.folderOf(editor.document.uri);
    const loaded = folder ? await (await session.heavy()).loadProfiles(folder.uri.fsPath) : undefined;
    const name = folder && loaded ? session.profileName(folder, loaded) : undefined;
    status.text = `$(symbol-namespace) jsonnet: ${name ?? 'no profile'}`;
    status.tooltip = name
      ? `Run profile "${name}" supplies the ext vars of jsonnet evaluation. Click to switch.`
      : 'No run profile is active: ext vars come from settings only. Click to choose one from .grantwise/profiles.json.';
    status.show();
  };
  ctx.push(
    vscode.window.onDidChangeActiveTextEditor(() => void updateStatus()),
    session.onDidChangeInputs(() => void updateStatus()),
  );
  void updateStatus();

  ctx.registerCommand('grantwise.jsonnet.evaluate', async (arg?: vscode.Uri) => {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!uri || !/\.(jsonnet|libsonnet)$/.test(uri.fsPath)) {
      void vscode.window.showInformationMessage('Grantwise: open a .jsonnet file to evaluate it.');
      return;
    }
    if (!ctx.requireTrust('Jsonnet evaluation')) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) await open.save();
    const doc = await vscode.workspace.openTextDocument(resultUri(uri));
    await vscode.window.showTextDocument(doc, {
      viewColumn: vscode.ViewColumn.Beside,
      preview: true,
      preserveFocus: true,
    });
  });

  ctx.registerCommand('grantwise.jsonnet.selectProfile', async (arg?: vscode.Uri) => {
    const uri =
      arg instanceof vscode.Uri
        ? arg
        : (vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri);
    const folder = uri && session.folderOf(uri);
    if (!folder) {
      void vscode.window.showInformationMessage('Grantwise: open a workspace folder to use run profiles.');
      return;
    }
    const heavy = await session.heavy();
    const loaded = await heavy.loadProfiles(folder.uri.fsPath);
    const current = session.profileName(folder, loaded);
    type Item = vscode.QuickPickItem & { profile?: string; open?: boolean };
    const items: Item[] = loaded.profiles.map((p) => ({
      label: p.name,
      description: [p.name === current ? 'active' : '', p.name === loaded.defaultProfile ? 'default' : '']
        .filter(Boolean)
        .join(', '),
      detail: p.description ?? (p.envFiles.length ? `env: ${p.envFiles.join(', ')}` : undefined),
      profile: p.name,
    }));
    items.push({ label: '$(close) No profile', description: 'settings only', profile: undefined });
    items.push({ label: `$(go-to-file) Open ${heavy.PROFILES_FILE}`, open: true });
    const pick = await vscode.window.showQuickPick(items, {
      title: 'Jsonnet run profile',
      placeHolder: current ? `Active: ${current}` : 'No profile active',
    });
    if (!pick) return;
    if (pick.open) {
      const file = vscode.Uri.joinPath(folder.uri, heavy.PROFILES_FILE);
      try {
        await vscode.workspace.fs.stat(file);
      } catch {
        const template = {
          default: 'dev',
          profiles: [
            { name: 'dev', envFiles: [], extVars: {}, extCode: {}, tlaVars: {}, tlaCode: {}, libPaths: [] },
          ],
        };
        await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify(template, null, 2) + '\n'));
      }
      await vscode.window.showTextDocument(file);
      return;
    }
    await session.pickProfile(folder, pick.profile ?? '');
  });

  return session;
}
