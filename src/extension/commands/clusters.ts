import * as vscode from 'vscode';
import type { Ctx } from '../context';
import { ClustersTreeProvider } from '../views/clustersTree';

export function registerClusters(ctx: Ctx): ClustersTreeProvider {
  const tree = new ClustersTreeProvider((e) => ctx.showError(e, 'Clusters'));
  ctx.push(vscode.window.registerTreeDataProvider('grantwise.clusters', tree));
  ctx.registerCommand('grantwise.clusters.refresh', () => tree.refresh());
  return tree;
}
