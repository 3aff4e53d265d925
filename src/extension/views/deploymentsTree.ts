import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Deployment, DeploymentProblem, Resource } from '../../core/deployment/model';
import type { Range } from '../../core/range';

export const REVEAL_COMMAND = 'grantwise.deployments.revealResource';

function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function reveal(file: string, range: Range, title: string): vscode.Command {
  return { command: REVEAL_COMMAND, title, arguments: [vscode.Uri.file(file), toVsRange(range)] };
}

/** Screen readers (and the e2e suite) read the label and description, not the multi-line tooltip. */
function speak(item: vscode.TreeItem): void {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const description = typeof item.description === 'string' ? item.description : '';
  item.accessibilityInformation = { label: description ? `${label} ${description}` : label };
}

export class DeploymentItem extends vscode.TreeItem {
  constructor(
    readonly deployment: Deployment,
    relative: string,
  ) {
    super(deployment.name, vscode.TreeItemCollapsibleState.Collapsed);
    const errors = deployment.problems.filter((p) => p.severity === 'error').length;
    this.id = `deployment:${deployment.file}`;
    this.description = relative;
    this.resourceUri = vscode.Uri.file(deployment.file);
    this.iconPath = new vscode.ThemeIcon(
      errors ? 'error' : deployment.kind === 'canvas' ? 'type-hierarchy' : 'symbol-namespace',
      errors ? new vscode.ThemeColor('problemsErrorIcon.foreground') : undefined,
    );
    this.tooltip = [
      `${deployment.kind === 'canvas' ? 'Canvas' : 'Jsonnet'} deployment ${deployment.name}`,
      deployment.profile ? `Run profile: ${deployment.profile}` : undefined,
      `Region: ${deployment.region}${deployment.accountId ? `, account ${deployment.accountId}` : ''}`,
      `${deployment.resources.length} resources, ${deployment.problems.length} problems`,
    ]
      .filter(Boolean)
      .join('\n');
    this.contextValue = `deployment.${deployment.kind}`;
    this.command = { command: 'vscode.open', title: 'Open', arguments: [this.resourceUri] };
  }
}

export class RoleItem extends vscode.TreeItem {
  constructor(readonly deployment: Deployment) {
    super(`Role: ${deployment.role}`, vscode.TreeItemCollapsibleState.None);
    this.id = `role:${deployment.file}`;
    this.description = [deployment.region, deployment.accountId].filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon('organization');
    this.contextValue = 'deploymentRole';
    this.tooltip = 'Team role from .grantwise/roles.json; its allowed services limit this canvas.';
  }
}

class NetworkItem extends vscode.TreeItem {
  constructor(deployment: Deployment) {
    const n = deployment.network;
    super(`Network ${n.vpcCidr}`, vscode.TreeItemCollapsibleState.None);
    this.id = `network:${deployment.file}`;
    this.description = [
      `${n.subnets.length} subnets`,
      n.internetGateway ? 'internet gateway' : undefined,
      n.natGateway ? 'NAT' : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    this.tooltip = n.subnets.map((s) => `${s.name} ${s.cidr} ${s.public ? 'public' : 'private'}`).join('\n');
    this.iconPath = new vscode.ThemeIcon('globe');
    if (n.source) this.command = reveal(n.source.file, n.source.range, 'Show network');
  }
}

export class TypeGroupItem extends vscode.TreeItem {
  constructor(
    readonly deployment: Deployment,
    readonly resources: Resource[],
  ) {
    super(resources[0].type, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `type:${deployment.file}:${resources[0].type}`;
    this.description = String(resources.length);
    this.iconPath = new vscode.ThemeIcon('symbol-class');
    this.contextValue = 'deploymentResourceType';
  }
}

/** The config values worth a glance in the tree, per type. */
const SUMMARY_FIELDS = [
  'instanceType',
  'count',
  'instanceClass',
  'engine',
  'sizeGb',
  'runtime',
  'memoryMb',
  'subnet',
];

export class ResourceItem extends vscode.TreeItem {
  constructor(readonly resource: Resource) {
    super(resource.name, vscode.TreeItemCollapsibleState.None);
    this.id = `resource:${resource.source.file}:${resource.id}`;
    this.description = SUMMARY_FIELDS.filter((k) => resource.config[k] !== undefined)
      .map((k) => (k === 'count' ? `×${String(resource.config[k])}` : String(resource.config[k])))
      .join(' · ');
    this.tooltip = `${resource.type} ${resource.label}\n${JSON.stringify(resource.config, null, 2)}`;
    this.iconPath = new vscode.ThemeIcon('symbol-field');
    this.contextValue = 'deploymentResource';
    this.command = reveal(resource.source.file, resource.source.range, 'Show resource');
  }
}

class ProblemsItem extends vscode.TreeItem {
  constructor(
    readonly deployment: Deployment,
    readonly problems: DeploymentProblem[],
  ) {
    super('Problems', vscode.TreeItemCollapsibleState.Expanded);
    this.id = `problems:${deployment.file}`;
    this.description = String(problems.length);
    this.iconPath = new vscode.ThemeIcon('warning');
  }
}

class ProblemItem extends vscode.TreeItem {
  constructor(problem: DeploymentProblem, index: number) {
    super(problem.message, vscode.TreeItemCollapsibleState.None);
    this.id = `problem:${problem.file}:${index}`;
    this.description = `${path.basename(problem.file)}:${problem.range.start.line + 1}`;
    this.tooltip = `${problem.check}: ${problem.message}`;
    this.iconPath = new vscode.ThemeIcon(
      problem.severity === 'warning' || problem.severity === 'suggestion' ? 'warning' : 'error',
      new vscode.ThemeColor(
        problem.severity === 'warning' || problem.severity === 'suggestion'
          ? 'problemsWarningIcon.foreground'
          : 'problemsErrorIcon.foreground',
      ),
    );
    this.command = reveal(problem.file, problem.range, 'Show problem');
  }
}

type Item =
  DeploymentItem | RoleItem | NetworkItem | TypeGroupItem | ResourceItem | ProblemsItem | ProblemItem;

/**
 * Every deployment file of the workspace: its role, network, resources grouped by type (each jumping to
 * its source range) and its problems. Loading happens once per refresh; getChildren only reads the result.
 */
export class DeploymentsTreeProvider implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private loading?: Promise<{ deployment: Deployment; relative: string }[]>;

  constructor(
    private readonly load: () => Promise<{ deployment: Deployment; relative: string }[]>,
    private readonly onError: (e: unknown) => void,
  ) {}

  refresh(): void {
    this.loading = undefined;
    this.changed.fire(undefined);
  }

  /** The deployments of the last load (for commands and tests). */
  deployments(): Promise<{ deployment: Deployment; relative: string }[]> {
    this.loading ??= this.load().catch((e) => {
      this.onError(e);
      return [];
    });
    return this.loading;
  }

  getTreeItem(item: Item): vscode.TreeItem {
    speak(item);
    return item;
  }

  async getChildren(item?: Item): Promise<Item[]> {
    if (!item) return (await this.deployments()).map((d) => new DeploymentItem(d.deployment, d.relative));
    if (item instanceof DeploymentItem) {
      const d = item.deployment;
      const out: Item[] = [];
      if (d.role) out.push(new RoleItem(d));
      if (d.resources.length) out.push(new NetworkItem(d));
      const byType = new Map<string, Resource[]>();
      for (const r of d.resources) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
      for (const resources of byType.values()) out.push(new TypeGroupItem(d, resources));
      if (d.problems.length) out.push(new ProblemsItem(d, d.problems));
      return out;
    }
    if (item instanceof TypeGroupItem) return item.resources.map((r) => new ResourceItem(r));
    if (item instanceof ProblemsItem) return item.problems.map((p, i) => new ProblemItem(p, i));
    return [];
  }
}
