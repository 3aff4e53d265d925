import * as vscode from 'vscode';
import { Ctx } from './context';
import { registerAccounts } from './commands/accounts';
import { registerClusters } from './commands/clusters';
import { registerJsonnet } from './commands/jsonnet';
import { registerDeployments } from './commands/deployments';
import { registerIam } from './commands/iam';
import { PreviewDocuments } from './commands/previewDocuments';

/**
 * Registers features and returns. Nothing heavy loads here: the AWS SDK, the IAM catalog, jsonnet and
 * nunjucks are imported on first use from dist/heavy/*.
 */
export function activate(extension: vscode.ExtensionContext): void {
  const started = performance.now();
  const ctx = new Ctx(extension);
  registerAccounts(ctx);
  registerClusters(ctx);
  // One provider of read-only Markdown previews (guides, diffs, policy reasoning) for every feature.
  const previews = new PreviewDocuments();
  ctx.push(previews.register());
  const jsonnet = registerJsonnet(ctx);
  registerDeployments(ctx, jsonnet, previews);
  registerIam(ctx, previews);
  ctx.registerCommand('grantwise.showLog', () => ctx.log.show());
  const ms = performance.now() - started;
  // The benchmark reads this exact line from the extension's log file.
  ctx.log.info(`Grantwise activated in ${ms.toFixed(2)} ms`);
}

export function deactivate(): void {}
