import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../context';
import type { JsonnetSession } from './jsonnetSession';

export const RESULT_SCHEME = 'grantwise-jsonnet';

/** `grantwise-jsonnet:/abs/path/file.jsonnet.json`: the `.json` suffix gives the document JSON highlighting. */
export function resultUri(source: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: RESULT_SCHEME, path: source.fsPath + '.json' });
}

function sourceOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.file(uri.path.replace(/\.json$/, ''));
}

/**
 * The evaluated JSON of a jsonnet file as a read-only virtual document. It refreshes when any file of its
 * import closure (or an env file / profiles.json) is saved, and when the active profile changes.
 */
export class JsonnetResultDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Result URI → the closure of its last evaluation. */
  private readonly closures = new Map<string, string[]>();

  constructor(
    ctx: Ctx,
    private readonly session: JsonnetSession,
  ) {
    ctx.push(
      this,
      vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, this),
      vscode.workspace.onDidSaveTextDocument((d) => {
        const inputsChanged = /\.(rc|env)$|profiles\.json$/.test(d.fileName);
        for (const [uri, files] of this.closures) {
          if (inputsChanged || files.includes(d.uri.fsPath)) this.changed.fire(vscode.Uri.parse(uri));
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === RESULT_SCHEME) this.closures.delete(d.uri.toString());
      }),
      session.onDidChangeInputs(() => {
        for (const uri of this.closures.keys()) this.changed.fire(vscode.Uri.parse(uri));
      }),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const source = sourceOf(uri);
    if (!vscode.workspace.isTrusted) {
      return `// Jsonnet evaluation is disabled in an untrusted workspace. Trust the workspace to see ${path.basename(source.fsPath)} evaluated.\n`;
    }
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const out = await this.session.evaluate(source, abort.signal);
    if (!out) return `// ${source.fsPath} is not in an open workspace folder.\n`;
    const { result, context } = out;
    this.closures.set(uri.toString(), result.files);
    if (result.ok) return result.text;
    const profile = context.profile ? `profile "${context.profile.name}"` : 'no profile';
    const lines = result.diagnostics.map((d) => {
      const rel = path.relative(context.folder.uri.fsPath, d.file) || d.file;
      return `//   ${rel}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message.replace(/\n/g, '\n//   ')}`;
    });
    return `// ${path.basename(source.fsPath)} did not evaluate (${profile}):\n${lines.join('\n')}\n`;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
