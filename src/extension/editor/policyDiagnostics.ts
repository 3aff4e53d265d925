import * as vscode from 'vscode';
import type { Finding } from '../../core/finding';
import type { IamCatalog } from '../../core/iam/catalog';
import type { PolicyKind } from '../../core/iam/kind';
import { Config } from '../config';
import type { Ctx } from '../context';
import { analyzePolicies, mayHoldPolicies, type AnalyzedPolicy, type IamEngine } from './policyDocuments';

/** The languages whose documents may hold policies (JSON files, CloudFormation YAML, Terraform). */
export const POLICY_SELECTOR: vscode.DocumentSelector = [
  { language: 'json' },
  { language: 'jsonc' },
  { language: 'yaml' },
  { language: 'terraform' },
  { pattern: '**/*.tf' },
];

const DEBOUNCE_MS = 250;

export interface PolicyAnalysis {
  version: number;
  engine: IamEngine;
  catalog: IamCatalog;
  policies: AnalyzedPolicy[];
}

/**
 * Severity mapping, one rule everywhere: error and security findings are Errors (security ones carry the
 * source "Grantwise security", as the CLI fails on both by default); warnings are Warnings; suggestions
 * are Information, so they reach the Problems panel (a Hint would not). Redundant elements are also
 * tagged Unnecessary so the editor fades them.
 */
function toDiagnostic(f: Finding): vscode.Diagnostic {
  const severity =
    f.severity === 'warning'
      ? vscode.DiagnosticSeverity.Warning
      : f.severity === 'suggestion'
        ? vscode.DiagnosticSeverity.Information
        : vscode.DiagnosticSeverity.Error;
  const range = new vscode.Range(
    f.range.start.line,
    f.range.start.character,
    f.range.end.line,
    f.range.end.character,
  );
  const d = new vscode.Diagnostic(range, f.message, severity);
  d.source = f.severity === 'security' ? 'Grantwise security' : 'Grantwise';
  d.code = f.learnMore ? { value: f.check, target: vscode.Uri.parse(f.learnMore) } : f.check;
  if (f.check.startsWith('redundant-')) d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}

/**
 * Validates policy documents as the user types, off the typing path: a change only (re)starts a 250 ms
 * timer per document; the engine (dist/heavy/iam.js) and the catalog load on the first policy seen. The
 * analysis is cached per document version for the hover, code lens and quick-fix providers.
 */
export class PolicyDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('grantwise-iam');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly cache = new Map<string, PolicyAnalysis>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private engine: Promise<IamEngine> | undefined;
  private catalogError: string | undefined;
  /** Fires when a document's analysis changes (code lenses refresh on it). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly ctx: Ctx) {}

  private get globs(): Record<string, PolicyKind> {
    return this.ctx.config.get<Record<string, PolicyKind>>('iam.policyGlobs', {});
  }

  loadEngine(): Promise<IamEngine> {
    this.engine ??= import('../../heavy/iam');
    return this.engine;
  }

  /** The catalog from `grantwise.iam.dataFolder`, falling back to the bundled one with one error shown. */
  async catalog(engine: IamEngine): Promise<IamCatalog> {
    const folder = this.ctx.config.get<string>('iam.dataFolder', '').trim();
    if (!folder || !this.ctx.trusted) return engine.loadCatalog();
    try {
      return await engine.loadCatalog({ dataFolder: folder });
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      if (this.catalogError !== text) {
        this.catalogError = text;
        this.ctx.showError(e, `IAM data folder ${folder} (using the bundled catalog)`);
      }
      return engine.loadCatalog();
    }
  }

  /** Cheap test before anything loads: can this document hold a policy at all? */
  candidate(document: vscode.TextDocument): boolean {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return false;
    const src = { fileName: document.fileName, languageId: document.languageId, text: document.getText() };
    return mayHoldPolicies(src, Object.keys(this.globs).length > 0);
  }

  /** The analysis of the document's current version: cached, or computed now. Undefined when no policy. */
  async analysis(document: vscode.TextDocument): Promise<PolicyAnalysis | undefined> {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached?.version === document.version) return cached.policies.length ? cached : undefined;
    if (!this.candidate(document)) return undefined;
    const version = document.version;
    const engine = await this.loadEngine();
    const catalog = await this.catalog(engine);
    const src = { fileName: document.fileName, languageId: document.languageId, text: document.getText() };
    const policies = analyzePolicies(engine, catalog, src, this.globs);
    const result: PolicyAnalysis = { version, engine, catalog, policies };
    if (document.version === version) this.cache.set(key, result);
    return policies.length ? result : undefined;
  }

  /** The finding behind a diagnostic this provider published (same check, range and message). */
  findingFor(
    analysis: PolicyAnalysis,
    d: vscode.Diagnostic,
  ): { policy: AnalyzedPolicy; finding: Finding } | undefined {
    const check = typeof d.code === 'object' ? d.code.value : d.code;
    for (const policy of analysis.policies) {
      for (const finding of policy.findings) {
        const r = finding.range;
        if (
          finding.check === check &&
          finding.message === d.message &&
          r.start.line === d.range.start.line &&
          r.start.character === d.range.start.character &&
          r.end.line === d.range.end.line &&
          r.end.character === d.range.end.character
        ) {
          return { policy, finding };
        }
      }
    }
    return undefined;
  }

  schedule(document: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    if (!this.candidate(document)) {
      if (this.cache.delete(key) || this.collection.has(document.uri)) {
        this.collection.delete(document.uri);
        this.changed.fire(document.uri);
      }
      return;
    }
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.publish(document);
      }, delay),
    );
  }

  private async publish(document: vscode.TextDocument): Promise<void> {
    try {
      const started = performance.now();
      const analysis = await this.analysis(document);
      if (document.isClosed || (analysis && analysis.version !== document.version)) return;
      const findings = analysis?.policies.flatMap((p) => p.findings) ?? [];
      this.collection.set(document.uri, findings.map(toDiagnostic));
      this.changed.fire(document.uri);
      this.ctx.log.trace(
        `IAM: validated ${document.fileName} in ${(performance.now() - started).toFixed(1)} ms`,
      );
    } catch (e) {
      this.ctx.showError(e, `Validating ${document.fileName}`);
    }
  }

  revalidateAll(): void {
    this.cache.clear();
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  register(): void {
    this.ctx.push(
      this,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const key = d.uri.toString();
        clearTimeout(this.timers.get(key));
        this.timers.delete(key);
        this.cache.delete(key);
        this.collection.delete(d.uri);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (Config.affects(e, 'iam.policyGlobs', 'iam.dataFolder')) this.revalidateAll();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => void this.updateContext(editor)),
      this.onDidChange((uri) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) {
          void this.updateContext(vscode.window.activeTextEditor);
        }
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
    void this.updateContext(vscode.window.activeTextEditor);
  }

  /** `grantwise.policyEditor` drives the editor title and context menus. */
  private async updateContext(editor: vscode.TextEditor | undefined): Promise<void> {
    const isPolicy = editor ? !!(await this.analysis(editor.document).catch(() => undefined)) : false;
    await vscode.commands.executeCommand('setContext', 'grantwise.policyEditor', isPolicy);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.collection.dispose();
    this.changed.dispose();
  }
}
