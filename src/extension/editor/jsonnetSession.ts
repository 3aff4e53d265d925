import * as vscode from 'vscode';
import type { Ctx } from '../context';
import type { EvalResult, JsonnetEvaluator } from '../../core/deployment/jsonnet/evaluator';
import type { ResolvedInputs } from '../../core/deployment/jsonnet/inputs';
import type { LoadedProfiles, RunProfile } from '../../core/deployment/jsonnet/profiles';

type Heavy = typeof import('../../heavy/jsonnet');

/** Inputs for one file: its workspace folder, the profiles there, the active profile and the merged inputs. */
export interface JsonnetContext {
  folder: vscode.WorkspaceFolder;
  loaded: LoadedProfiles;
  profile?: RunProfile;
  resolved: ResolvedInputs;
}

const PICK_KEY = 'grantwise.jsonnet.profile';

/**
 * What the jsonnet features share: the lazily loaded engine (one supervised worker for the editor), the
 * active run profile per workspace folder (the status-bar choice, persisted in workspace state) and the
 * inputs it resolves to. Nothing loads until a jsonnet file needs it.
 */
export class JsonnetSession implements vscode.Disposable {
  private heavyModule?: Promise<Heavy>;
  private engine?: JsonnetEvaluator;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the active profile or the jsonnet settings change: results and lenses must refresh. */
  readonly onDidChangeInputs = this.changed.event;

  constructor(private readonly ctx: Ctx) {
    ctx.push(
      this,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('grantwise.jsonnet')) return;
        if (
          e.affectsConfiguration('grantwise.jsonnet.timeoutMs') ||
          e.affectsConfiguration('grantwise.jsonnet.memoryLimitMb')
        ) {
          this.engine?.dispose();
          this.engine = undefined;
        }
        this.changed.fire();
      }),
    );
  }

  heavy(): Promise<Heavy> {
    this.heavyModule ??= import('../../heavy/jsonnet');
    return this.heavyModule;
  }

  folderOf(uri: vscode.Uri): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
  }

  /** The chosen profile name: the status-bar pick (`''` = none), else the setting, else profiles.json's "default". */
  profileName(folder: vscode.WorkspaceFolder, loaded: LoadedProfiles): string | undefined {
    const picked = this.ctx.extension.workspaceState.get<string>(`${PICK_KEY}:${folder.uri.fsPath}`);
    if (picked === '') return undefined; // "No profile" was picked explicitly
    const setting = this.ctx.config.get<string>('jsonnet.profile', '').trim();
    for (const name of [picked, setting, loaded.defaultProfile]) {
      if (name && loaded.profiles.some((p) => p.name === name)) return name;
    }
    return undefined;
  }

  async pickProfile(folder: vscode.WorkspaceFolder, name: string): Promise<void> {
    await this.ctx.extension.workspaceState.update(`${PICK_KEY}:${folder.uri.fsPath}`, name);
    this.changed.fire();
  }

  async context(uri: vscode.Uri): Promise<JsonnetContext | undefined> {
    const folder = this.folderOf(uri);
    if (!folder) return undefined;
    const heavy = await this.heavy();
    const loaded = await heavy.loadProfiles(folder.uri.fsPath);
    const name = this.profileName(folder, loaded);
    const profile = loaded.profiles.find((p) => p.name === name);
    const settings = {
      extVars: this.ctx.config.get<Record<string, string>>('jsonnet.extVars', {}),
      extCode: this.ctx.config.get<Record<string, string>>('jsonnet.extCode', {}),
      jpath: this.ctx.config.get<string[]>('jsonnet.jpath', []),
    };
    const resolved = await heavy.resolveInputs({ workspaceRoot: folder.uri.fsPath, profile, settings });
    return { folder, loaded, profile, resolved };
  }

  /** Evaluates a saved file with the active profile; callers check trust first. */
  async evaluate(
    uri: vscode.Uri,
    signal?: AbortSignal,
  ): Promise<{ result: EvalResult; context: JsonnetContext } | undefined> {
    const context = await this.context(uri);
    if (!context) return undefined;
    const heavy = await this.heavy();
    this.engine ??= heavy.createEvaluator({
      timeoutMs: this.ctx.config.get<number>('jsonnet.timeoutMs', 10_000),
      memoryLimitMb: this.ctx.config.get<number>('jsonnet.memoryLimitMb', 1024),
      log: (line) => this.ctx.log.warn(line),
    });
    const result = await this.engine.evaluateFile(uri.fsPath, context.resolved.inputs, {
      signal,
      sandboxRoots: [context.folder.uri.fsPath],
    });
    return { result, context };
  }

  dispose(): void {
    this.engine?.dispose();
    this.changed.dispose();
  }
}

export function isJsonnet(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'jsonnet' || /\.(jsonnet|libsonnet)$/.test(doc.fileName);
}
