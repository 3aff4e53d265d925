import * as vscode from 'vscode';
import { Config } from './config';
import { isGrantwiseError } from '../core/errors';

/**
 * The one object that owns what features share: subscriptions, settings, the log and the lazily loaded
 * heavy modules. Features are registered as small functions taking it.
 */
export class Ctx {
  readonly config = new Config();
  readonly log: vscode.LogOutputChannel;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Grantwise', { log: true });
    this.push(this.log);
  }

  push(...disposables: vscode.Disposable[]): void {
    this.extension.subscriptions.push(...disposables);
  }

  registerCommand(id: string, run: (...args: never[]) => unknown): void {
    this.push(
      vscode.commands.registerCommand(id, async (...args: never[]) => {
        try {
          return await run(...args);
        } catch (e) {
          this.showError(e, id);
          return undefined;
        }
      }),
    );
  }

  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** Refuses work that an untrusted workspace must not do (jsonnet, terraform, AWS writes). */
  requireTrust(what: string): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showWarningMessage(
      `Grantwise: ${what} is disabled in an untrusted workspace. Trust the workspace to enable it.`,
    );
    return false;
  }

  /** Shows an error without a stack trace; the full error goes to the log for support. */
  showError(e: unknown, where: string): void {
    const text = isGrantwiseError(e) ? e.display : e instanceof Error ? e.message : String(e);
    this.log.error(`${where}: ${text}`);
    if (!isGrantwiseError(e) && e instanceof Error && e.stack) this.log.debug(e.stack);
    void vscode.window.showErrorMessage(`Grantwise: ${text}`);
  }
}
