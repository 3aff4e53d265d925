import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DeploymentProblem } from '../../core/deployment/model';
import type { Ctx } from '../context';

type Heavy = typeof import('../../heavy/deployment');

const DELAY_MS = 250;
const ADD_SERVICE = 'canvas-service-not-allowed';

function isCanvas(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'file' && doc.fileName.toLowerCase().endsWith('.canvas.json');
}

function isRolesFile(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'file' && /(^|[\\/])\.grantwise[\\/]roles\.json$/.test(doc.fileName);
}

function toDiagnostic(p: DeploymentProblem): vscode.Diagnostic {
  const range = new vscode.Range(
    p.range.start.line,
    p.range.start.character,
    p.range.end.line,
    p.range.end.character,
  );
  const severity =
    p.severity === 'warning'
      ? vscode.DiagnosticSeverity.Warning
      : p.severity === 'suggestion'
        ? vscode.DiagnosticSeverity.Information
        : vscode.DiagnosticSeverity.Error;
  const d = new vscode.Diagnostic(range, p.message, severity);
  d.source = 'grantwise';
  d.code = p.check;
  return d;
}

/**
 * Diagnostics of open canvas files (structure, typed config, role enforcement, dangling edges) and of
 * `.grantwise/roles.json`, computed off the typing path; and the quick fix that adds a disallowed service
 * to the canvas's role, offered only when the roles file is in the workspace and writable.
 */
export class CanvasDiagnostics implements vscode.CodeActionProvider {
  private readonly collection = vscode.languages.createDiagnosticCollection('grantwise-deployments');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Quick-fix data per canvas diagnostic. */
  private readonly fixes = new WeakMap<vscode.Diagnostic, Record<string, unknown>>();

  constructor(
    private readonly ctx: Ctx,
    private readonly heavy: () => Promise<Heavy>,
  ) {
    const selector: vscode.DocumentSelector = [{ scheme: 'file', pattern: '**/*.canvas.json' }];
    ctx.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (isCanvas(d) || isRolesFile(d)) this.collection.delete(d.uri);
      }),
      vscode.languages.registerCodeActionsProvider(selector, this, {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
      }),
      { dispose: () => this.timers.forEach((t) => clearTimeout(t)) },
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d);
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!isCanvas(doc) && !isRolesFile(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(doc).catch((e) => this.ctx.log.error(`canvas diagnostics: ${String(e)}`));
        // A roles change can make any open canvas valid or invalid.
        if (isRolesFile(doc))
          for (const d of vscode.workspace.textDocuments) if (isCanvas(d)) this.schedule(d);
      }, DELAY_MS),
    );
  }

  private async update(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    const h = await this.heavy();
    const roles = await this.roles(doc.uri);
    if (isRolesFile(doc)) {
      this.collection.set(doc.uri, h.parseRoles(doc.getText(), doc.fileName).problems.map(toDiagnostic));
      return;
    }
    const deployment = h.canvasDeployment(h.parseCanvas(doc.getText(), doc.fileName), roles);
    const diagnostics = deployment.problems
      .filter((p) => p.file === doc.fileName)
      .map((p) => {
        const d = toDiagnostic(p);
        if (p.check === ADD_SERVICE && p.data) this.fixes.set(d, p.data);
        return d;
      });
    this.collection.set(doc.uri, diagnostics);
  }

  /** The workspace roles, preferring the unsaved text of an open roles.json. */
  private async roles(uri: vscode.Uri) {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const h = await this.heavy();
    const file = path.join(folder.uri.fsPath, h.ROLES_FILE);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.fileName === file);
    return open ? h.parseRoles(open.getText(), file) : await h.loadRoles(folder.uri.fsPath);
  }

  async provideCodeActions(
    _doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const data = this.fixes.get(diagnostic);
      if (diagnostic.code !== ADD_SERVICE || !data) continue;
      const rolesFile = String(data.rolesFile);
      const rolesUri = vscode.Uri.file(rolesFile);
      if (!(await editable(rolesUri))) continue;
      const h = await this.heavy();
      const rolesDoc = await vscode.workspace.openTextDocument(rolesUri);
      const edits = h.addServiceEdits(rolesDoc.getText(), Number(data.roleIndex), data.service as never);
      if (!edits.length) continue;
      const action = new vscode.CodeAction(
        `Add ${String(data.service)} to role ${String(data.role)}`,
        vscode.CodeActionKind.QuickFix,
      );
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      for (const e of edits) {
        const range = new vscode.Range(
          rolesDoc.positionAt(e.offset),
          rolesDoc.positionAt(e.offset + e.length),
        );
        action.edit.replace(rolesUri, range, e.content);
      }
      actions.push(action);
    }
    return actions;
  }
}

/** The roles file may be edited from here: it is in the workspace, on a writable file system, and writable. */
async function editable(uri: vscode.Uri): Promise<boolean> {
  if (!vscode.workspace.getWorkspaceFolder(uri)) return false;
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) === false) return false;
  try {
    await access(uri.fsPath, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
