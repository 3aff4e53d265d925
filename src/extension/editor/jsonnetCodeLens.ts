import * as vscode from 'vscode';
import type { Ctx } from '../context';
import type { JsonnetSession } from './jsonnetSession';

/** "Evaluate (profile: dev)" and "Switch profile" at the top of each jsonnet file. */
export class JsonnetCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    ctx: Ctx,
    private readonly session: JsonnetSession,
  ) {
    ctx.push(
      this.changed,
      vscode.languages.registerCodeLensProvider({ language: 'jsonnet', scheme: 'file' }, this),
      session.onDidChangeInputs(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
    );
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const top = new vscode.Range(0, 0, 0, 0);
    const folder = this.session.folderOf(doc.uri);
    let profile = 'none';
    if (folder) {
      const heavy = await this.session.heavy();
      const loaded = await heavy.loadProfiles(folder.uri.fsPath);
      profile = this.session.profileName(folder, loaded) ?? 'none';
    }
    const title = vscode.workspace.isTrusted
      ? `Evaluate (profile: ${profile})`
      : 'Evaluate (disabled: untrusted workspace)';
    return [
      new vscode.CodeLens(top, { title, command: 'grantwise.jsonnet.evaluate', arguments: [doc.uri] }),
      new vscode.CodeLens(top, {
        title: 'Switch profile',
        command: 'grantwise.jsonnet.selectProfile',
        arguments: [doc.uri],
      }),
    ];
  }
}
