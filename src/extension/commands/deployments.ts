import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Deployment } from '../../core/deployment/model';
import type { Ctx } from '../context';
import { CanvasDiagnostics } from '../editor/canvasDiagnostics';
import type { JsonnetSession } from '../editor/jsonnetSession';
import type { PreviewDocuments } from './previewDocuments';
import { DeploymentItem, DeploymentsTreeProvider, REVEAL_COMMAND, RoleItem } from '../views/deploymentsTree';

type Heavy = typeof import('../../heavy/deployment');

/** Files whose change can change a deployment: the files themselves, jsonnet libraries, env files, roles and profiles. */
const WATCHED = '**/{*.canvas.json,*.jsonnet,*.libsonnet,*.rc,*.env,.env,roles.json,profiles.json}';
const REFRESH_DELAY_MS = 400;

/**
 * The Deployments view and its commands (refresh, reveal, evaluate, role policy, operator policy), plus the
 * canvas and roles diagnostics. Deployment files load through dist/heavy/deployment; jsonnet files go
 * through the jsonnet engine with the active run profile, and only in a trusted workspace.
 */
/** Takes the editor's one jsonnet session, so the view and Evaluate share one engine process and profile. */
export function registerDeployments(
  ctx: Ctx,
  jsonnet: JsonnetSession,
  previews: PreviewDocuments,
): DeploymentsTreeProvider {
  let heavyModule: Promise<Heavy> | undefined;
  const heavy = () => (heavyModule ??= import('../../heavy/deployment'));

  const loadAll = async (): Promise<{ deployment: Deployment; relative: string }[]> => {
    const h = await heavy();
    const out: { deployment: Deployment; relative: string }[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const root = folder.uri.fsPath;
      const files = await h.findDeploymentFiles(root);
      const roles = (await h.loadRoles(root)) ?? null;
      for (const file of files) {
        let deployment: Deployment;
        if (file.endsWith('.jsonnet') && ctx.trusted) {
          // The engine and inputs of the jsonnet session: same profile and settings as Evaluate.
          const context = await jsonnet.context(vscode.Uri.file(file));
          const evaluator = {
            evaluateFile: async (f: string, _inputs: unknown, options?: { signal?: AbortSignal }) =>
              (await jsonnet.evaluate(vscode.Uri.file(f), options?.signal))!.result,
            dispose: () => undefined,
          };
          deployment = await h.loadDeployment(file, {
            workspaceRoot: root,
            profile: context?.profile?.name,
            evaluator,
            settings: {
              extVars: ctx.config.get<Record<string, string>>('jsonnet.extVars', {}),
              extCode: ctx.config.get<Record<string, string>>('jsonnet.extCode', {}),
              jpath: ctx.config.get<string[]>('jsonnet.jpath', []),
            },
            roles,
          });
        } else deployment = await h.loadDeployment(file, { workspaceRoot: root, roles });
        out.push({ deployment, relative: path.relative(root, file) });
      }
    }
    return out;
  };

  const tree = new DeploymentsTreeProvider(loadAll, (e) => ctx.showError(e, 'Deployments'));
  const view = vscode.window.createTreeView('grantwise.deployments', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  ctx.push(view);

  let timer: NodeJS.Timeout | undefined;
  const refreshSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => tree.refresh(), REFRESH_DELAY_MS);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED);
  ctx.push(
    watcher,
    watcher.onDidChange(refreshSoon),
    watcher.onDidCreate(refreshSoon),
    watcher.onDidDelete(refreshSoon),
    jsonnet.onDidChangeInputs(refreshSoon),
    vscode.workspace.onDidGrantWorkspaceTrust(refreshSoon),
    vscode.workspace.onDidChangeWorkspaceFolders(refreshSoon),
    { dispose: () => clearTimeout(timer) },
  );

  new CanvasDiagnostics(ctx, heavy);

  ctx.registerCommand('grantwise.deployments.refresh', () => tree.refresh());
  ctx.registerCommand(REVEAL_COMMAND, async (uri: vscode.Uri, range: vscode.Range) => {
    const editor = await vscode.window.showTextDocument(uri, { preview: true });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  });
  ctx.registerCommand('grantwise.deployments.evaluate', async (item?: DeploymentItem) => {
    const uri = item?.deployment ? vscode.Uri.file(item.deployment.file) : undefined;
    await vscode.commands.executeCommand('grantwise.jsonnet.evaluate', uri);
  });
  ctx.registerCommand(
    'grantwise.deployments.generateRolePolicy',
    async (item?: RoleItem | DeploymentItem) => {
      const deployment = item?.deployment;
      if (!deployment?.role) {
        void vscode.window.showInformationMessage(
          'Grantwise: pick a role under a canvas in the Deployments view.',
        );
        return;
      }
      const h = await heavy();
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(deployment.file));
      const roles = folder ? await h.loadRoles(folder.uri.fsPath) : undefined;
      const role = roles?.roles.find((r) => r.name === deployment.role);
      if (!role) {
        throw new Error(
          `Role '${deployment.role}' is not in .grantwise/roles.json; fix the role name in ${deployment.file}.`,
        );
      }
      const dataFolder = ctx.config.get<string>('iam.dataFolder', '').trim();
      // Through the IAM bundle: one catalog in memory, shared with the policy editor features.
      const iam = await import('../../heavy/iam');
      const catalog = await iam.loadCatalog(dataFolder ? { dataFolder } : {});
      const json = iam.generateServiceSetPolicy(catalog, { services: role.allowedServices }).policyJson;
      await showJson(json);
    },
  );
  ctx.registerCommand('grantwise.deployments.generateOperatorPolicy', async (item?: DeploymentItem) => {
    const deployment = item?.deployment ?? (await pickDeployment(tree));
    if (!deployment) return;
    const h = await heavy();
    const blocking = h.unusableProblems(deployment);
    if (blocking.length) throw new Error(`${path.basename(deployment.file)}: ${blocking[0].message}`);
    const policy = h.generateOperatorPolicy(deployment);
    await showJson(policy.policyJson);
    // Why each statement is there: the resources that need each action, as the CLI's text format shows.
    const md = [
      `# Operator policy for ${deployment.name}`,
      '',
      `${policy.statements.length} statements, ${policy.statements.reduce((n, s) => n + s.actions.length, 0)} actions, for \`${path.basename(deployment.file)}\`.`,
    ];
    for (const s of policy.statements) {
      md.push('', `## ${s.sid}`, '', `Resources: ${s.resources.map((r) => `\`${r}\``).join(', ')}`, '');
      for (const r of s.reason) md.push(`- ${r}`);
    }
    await previews.showMarkdown(`Operator policy ${deployment.name}`, md.join('\n') + '\n');
  });
  return tree;
}

async function showJson(content: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content });
  await vscode.window.showTextDocument(doc, { preview: false });
}

async function pickDeployment(tree: DeploymentsTreeProvider): Promise<Deployment | undefined> {
  const all = await tree.deployments();
  const pick = await vscode.window.showQuickPick(
    all.map((d) => ({ label: d.deployment.name, description: d.relative, deployment: d.deployment })),
    { title: 'Deployment', placeHolder: 'Which deployment?' },
  );
  return pick?.deployment;
}
