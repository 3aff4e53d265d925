import * as vscode from 'vscode';
import type { Ctx } from '../context';
import type { JsonnetDiagnostic } from '../../core/deployment/jsonnet/evaluator';
import { isJsonnet, type JsonnetSession } from './jsonnetSession';

const STATIC_DELAY_MS = 300;

function toVscode(d: JsonnetDiagnostic): vscode.Diagnostic {
  const r = d.range;
  const diag = new vscode.Diagnostic(
    new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
    d.message,
    d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diag.source = 'grantwise jsonnet';
  diag.code = d.code;
  return diag;
}

/**
 * Jsonnet diagnostics in two passes, off the typing path:
 * - static, on every edit (debounced) and in untrusted workspaces too: lexical errors and `std.extVar`
 *   names without a value in the active profile, computed from the editor text;
 * - evaluation, on open and save of a `.jsonnet` file in a trusted workspace: syntax and runtime errors
 *   and sandbox refusals, placed in whichever file of the import closure they occur.
 * Saving any file of a closure re-evaluates the roots that import it.
 */
export class JsonnetDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('grantwise-jsonnet');
  private readonly staticByFile = new Map<string, JsonnetDiagnostic[]>();
  /** Root file → the diagnostics and closure of its last evaluation. */
  private readonly evalByRoot = new Map<string, { diagnostics: JsonnetDiagnostic[]; files: string[] }>();
  private readonly pending = new Map<string, AbortController>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly ctx: Ctx,
    private readonly session: JsonnetSession,
  ) {
    ctx.push(
      this,
      vscode.workspace.onDidOpenTextDocument((d) => this.opened(d)),
      vscode.workspace.onDidChangeTextDocument(
        (e) => isJsonnet(e.document) && this.scheduleStatic(e.document),
      ),
      vscode.workspace.onDidSaveTextDocument((d) => this.saved(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refreshAll()),
      session.onDidChangeInputs(() => this.refreshAll()),
    );
    for (const d of vscode.workspace.textDocuments) this.opened(d);
  }

  /** Re-evaluates every open `.jsonnet` file and re-runs the static checks (profile or settings changed). */
  refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) if (isJsonnet(d)) this.opened(d);
  }

  private opened(doc: vscode.TextDocument): void {
    if (!isJsonnet(doc) || doc.uri.scheme !== 'file') return;
    this.scheduleStatic(doc);
    if (doc.fileName.endsWith('.jsonnet')) void this.evaluate(doc.uri);
  }

  private saved(doc: vscode.TextDocument): void {
    if (
      !isJsonnet(doc) &&
      !doc.fileName.endsWith('.rc') &&
      !doc.fileName.endsWith('.env') &&
      !doc.fileName.endsWith('profiles.json')
    )
      return;
    const file = doc.uri.fsPath;
    const inputsChanged = !isJsonnet(doc);
    const roots = [...this.evalByRoot]
      .filter(([, e]) => inputsChanged || e.files.includes(file))
      .map(([root]) => root);
    if (doc.fileName.endsWith('.jsonnet') && !roots.includes(file)) roots.push(file);
    for (const root of roots) void this.evaluate(vscode.Uri.file(root));
    if (inputsChanged) this.refreshAll();
  }

  private closed(doc: vscode.TextDocument): void {
    const file = doc.uri.fsPath;
    this.staticByFile.delete(file);
    this.evalByRoot.delete(file);
    this.pending.get(file)?.abort();
    this.publish();
  }

  private scheduleStatic(doc: vscode.TextDocument): void {
    const file = doc.uri.fsPath;
    clearTimeout(this.timers.get(file));
    this.timers.set(
      file,
      setTimeout(() => {
        this.timers.delete(file);
        void this.runStatic(doc).catch((e) =>
          this.ctx.log.warn(`jsonnet static checks of ${file}: ${String(e)}`),
        );
      }, STATIC_DELAY_MS),
    );
  }

  private async runStatic(doc: vscode.TextDocument): Promise<void> {
    const context = await this.session.context(doc.uri);
    const heavy = await this.session.heavy();
    const defined = context ? heavy.definedExtVars(context.resolved.inputs) : new Set<string>();
    this.staticByFile.set(
      doc.uri.fsPath,
      heavy.staticDiagnostics(doc.getText(), doc.uri.fsPath, { defined, profile: context?.profile }),
    );
    this.publish();
  }

  private async evaluate(uri: vscode.Uri): Promise<void> {
    // Evaluation runs code from the workspace: never in an untrusted one.
    if (!vscode.workspace.isTrusted) return;
    const file = uri.fsPath;
    this.pending.get(file)?.abort();
    const abort = new AbortController();
    this.pending.set(file, abort);
    try {
      const out = await this.session.evaluate(uri, abort.signal);
      if (abort.signal.aborted || !out) return;
      const { result } = out;
      const diagnostics = result.ok
        ? result.warnings
        : result.diagnostics.filter((d) => d.code !== 'jsonnet-cancelled');
      this.evalByRoot.set(file, { diagnostics, files: result.files });
      this.publish();
    } catch (e) {
      this.ctx.log.warn(`jsonnet evaluation of ${file}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (this.pending.get(file) === abort) this.pending.delete(file);
    }
  }

  private publish(): void {
    const byFile = new Map<string, JsonnetDiagnostic[]>();
    const add = (d: JsonnetDiagnostic) => byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    const fromEval = [...this.evalByRoot.values()].flatMap((e) => e.diagnostics);
    for (const d of fromEval) {
      // The static pass already names a missing ext var at its call, with the fix.
      const stat = this.staticByFile.get(d.file) ?? [];
      if (
        d.message.startsWith('undefined external variable') &&
        stat.some((s) => s.code === 'jsonnet-missing-ext-var')
      )
        continue;
      add(d);
    }
    for (const [file, list] of this.staticByFile) {
      const evalSyntax = fromEval.some((d) => d.file === file && d.code === 'jsonnet-syntax');
      for (const d of list) if (!(evalSyntax && d.code === 'jsonnet-syntax')) add(d);
    }
    this.collection.clear();
    for (const [file, list] of byFile) {
      const seen = new Set<string>();
      const unique = list.filter((d) => {
        const k = `${d.range.start.line}:${d.range.start.character}:${d.message}`;
        return !seen.has(k) && seen.add(k);
      });
      this.collection.set(vscode.Uri.file(file), unique.map(toVscode));
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const a of this.pending.values()) a.abort();
    this.collection.dispose();
  }
}
