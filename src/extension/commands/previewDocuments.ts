import * as vscode from 'vscode';

const SCHEME = 'grantwise-preview';

/**
 * Read-only virtual documents for generated Markdown (diffs, simulations, guides), shown with the built-in
 * Markdown preview. Content lives in memory only: nothing is written into the workspace.
 */
export class PreviewDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, this),
      this.changed,
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens (or refreshes) a Markdown preview titled `title`. */
  async showMarkdown(title: string, markdown: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${title.replace(/[\\/:*?"<>|#]+/g, '-')}.md` });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri;
  }
}
