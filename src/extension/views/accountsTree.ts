import * as vscode from 'vscode';
import type { AwsProfile } from '../../core/accounts/profiles';
import type { CallerIdentity } from '../../core/aws/identity';

type IdentityState =
  | { state: 'checking' }
  | { state: 'ok'; identity: CallerIdentity; at: Date }
  | { state: 'error'; message: string; at: Date };

const KIND_LABEL: Record<AwsProfile['kind'], string> = {
  static: 'access key',
  sso: 'SSO',
  'assume-role': 'assume role',
  'web-identity': 'web identity',
  'credential-process': 'credential process',
  'region-only': 'no credentials',
};

export class ProfileItem extends vscode.TreeItem {
  constructor(
    readonly profile: AwsProfile,
    identity: IdentityState | undefined,
  ) {
    super(
      profile.name,
      identity ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    // A new id per check result: VS Code keeps an item's expanded state by id, and a fresh result must open.
    this.id = `awsProfile:${profile.name}:${identity?.state ?? 'unchecked'}:${identity && 'at' in identity ? identity.at.getTime() : 0}`;
    const parts = [KIND_LABEL[profile.kind]];
    if (profile.region) parts.push(profile.region);
    if (identity?.state === 'ok') parts.push(identity.identity.account);
    this.description = parts.join(' · ');
    this.contextValue = `awsProfile.${profile.kind}`;
    this.iconPath = new vscode.ThemeIcon(
      identity?.state === 'ok' ? 'pass-filled' : identity?.state === 'error' ? 'error' : 'account',
      identity?.state === 'error' ? new vscode.ThemeColor('errorForeground') : undefined,
    );
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${profile.name}** — ${KIND_LABEL[profile.kind]}\n\n`);
    if (profile.region) md.appendMarkdown(`Region: \`${profile.region}\`\n\n`);
    for (const [k, v] of Object.entries(profile.details)) md.appendMarkdown(`${k}: \`${v}\`\n\n`);
    md.appendMarkdown(`Defined in: ${profile.sources.join(', ')}`);
    this.tooltip = md;
  }
}

export class IdentityItem extends vscode.TreeItem {
  constructor(label: string, description: string, icon: string, tooltip?: string) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.description = description;
    this.iconPath = new vscode.ThemeIcon(icon);
    this.tooltip = tooltip ?? `${label}: ${description}`;
    this.contextValue = 'awsIdentity';
  }
}

type Node = ProfileItem | IdentityItem;

/** Lists AWS profiles from the shared files; "Check identity" results hang under each profile. */
export class AccountsTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly identities = new Map<string, IdentityState>();
  private profiles: Promise<AwsProfile[]> | undefined;

  constructor(private readonly onError: (e: unknown) => void) {}

  refresh(): void {
    this.profiles = undefined;
    this.changed.fire(undefined);
  }

  setIdentity(profile: string, state: IdentityState): void {
    this.identities.set(profile, state);
    this.changed.fire(undefined);
  }

  async findProfile(name: string): Promise<AwsProfile | undefined> {
    return (await this.loadProfiles()).find((p) => p.name === name);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const profiles = await this.loadProfiles();
      return profiles.map((p) => new ProfileItem(p, this.identities.get(p.name)));
    }
    if (node instanceof ProfileItem) {
      const id = this.identities.get(node.profile.name);
      if (!id) return [];
      if (id.state === 'checking') return [new IdentityItem('Checking identity…', '', 'loading~spin')];
      if (id.state === 'error') return [new IdentityItem('Error', id.message, 'error', id.message)];
      return [
        new IdentityItem('Account', id.identity.account, 'organization'),
        new IdentityItem('ARN', id.identity.arn, 'key'),
        new IdentityItem('Checked', id.at.toLocaleTimeString(), 'clock'),
      ];
    }
    return [];
  }

  private loadProfiles(): Promise<AwsProfile[]> {
    this.profiles ??= import('../../heavy/localConfig')
      .then((m) => m.listAwsProfiles())
      .catch((e) => {
        this.onError(e);
        return [];
      });
    return this.profiles;
  }
}
