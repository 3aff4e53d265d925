import * as vscode from 'vscode';
import type { KubeContext } from '../../core/clusters/kubeconfig';

class ClusterItem extends vscode.TreeItem {
  constructor(readonly context: KubeContext) {
    super(context.name, vscode.TreeItemCollapsibleState.None);
    this.id = `kubeContext:${context.file}:${context.name}`;
    const parts = [context.eks ? `EKS${context.eks.region ? ` ${context.eks.region}` : ''}` : 'Kubernetes'];
    parts.push('DISCOVERED');
    if (context.current) parts.push('current');
    this.description = parts.join(' · ');
    this.tooltip = [
      `Context: ${context.name}`,
      `Cluster: ${context.cluster}`,
      context.server ? `Server: ${context.server}` : undefined,
      context.namespace ? `Namespace: ${context.namespace}` : undefined,
      `From: ${context.file}`,
    ]
      .filter(Boolean)
      .join('\n');
    this.iconPath = new vscode.ThemeIcon(context.eks ? 'cloud' : 'server-environment');
    this.contextValue = context.eks ? 'kubeContext.eks' : 'kubeContext';
  }
}

/** Clusters from kubeconfig (KUBECONFIG or ~/.kube/config); EKS inventory adds more in a later issue. */
export class ClustersTreeProvider implements vscode.TreeDataProvider<ClusterItem> {
  private readonly changed = new vscode.EventEmitter<ClusterItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly onError: (e: unknown) => void) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(item: ClusterItem): vscode.TreeItem {
    return item;
  }

  async getChildren(item?: ClusterItem): Promise<ClusterItem[]> {
    if (item) return [];
    try {
      const { listKubeContexts } = await import('../../heavy/localConfig');
      return (await listKubeContexts()).map((c) => new ClusterItem(c));
    } catch (e) {
      this.onError(e);
      return [];
    }
  }
}
