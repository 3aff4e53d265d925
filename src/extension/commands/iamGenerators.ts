import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServiceType } from '../../core/iam/serviceTypes';
import type { Ctx } from '../context';
import type { PolicyDiagnostics } from '../editor/policyDiagnostics';
import { fromCodeMarkdown } from './iamPreviews';
import type { PreviewDocuments } from './previewDocuments';

const ACCOUNT = /^\d{12}$/;

async function ask(
  title: string,
  prompt: string,
  options: Partial<vscode.InputBoxOptions> = {},
): Promise<string | undefined> {
  const v = await vscode.window.showInputBox({ title, prompt, ignoreFocusOut: true, ...options });
  return v?.trim();
}

const askAccount = (title: string) =>
  ask(title, 'AWS account id (12 digits)', {
    validateInput: (v) => (ACCOUNT.test(v.trim()) ? undefined : 'Enter the 12-digit account id'),
  });

function jsonBlock(title: string, value: unknown): string {
  return `## ${title}\n\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`\n`;
}

/** Opens generated JSON as an unsaved document, so the policy is validated like any other and saved where the user wants. */
async function openJson(text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: text });
  await vscode.window.showTextDocument(doc);
}

/** The generator commands: each asks for its inputs, calls the engine, and shows the result. */
export function registerIamGenerators(
  ctx: Ctx,
  diagnostics: PolicyDiagnostics,
  previews: PreviewDocuments,
): void {
  const engineAndCatalog = async () => {
    const engine = await diagnostics.loadEngine();
    return { engine, catalog: await diagnostics.catalog(engine) };
  };

  async function pickServices(
    engine: Awaited<ReturnType<PolicyDiagnostics['loadEngine']>>,
  ): Promise<ServiceType[] | undefined> {
    const picks = await vscode.window.showQuickPick(
      engine.SERVICE_TYPES.map((t) => ({ label: t, description: engine.SERVICE_TYPE_SPECS[t].title })),
      { canPickMany: true, title: 'Services the role deploys and operates', ignoreFocusOut: true },
    );
    return picks?.length ? picks.map((p) => p.label as ServiceType) : undefined;
  }

  ctx.registerCommand('grantwise.iam.generateServiceSetPolicy', async () => {
    const { engine, catalog } = await engineAndCatalog();
    const services = await pickServices(engine);
    if (!services) return;
    const result = engine.generateServiceSetPolicy(catalog, { services });
    await openJson(result.policyJson);
    const per = result.perService.map((s) => `${s.type} ${s.actions}`).join(', ');
    void vscode.window.showInformationMessage(
      `Grantwise: ${result.totalActionsGranted} actions granted (${per}).`,
    );
  });

  ctx.registerCommand('grantwise.iam.generateSetupGuide', async () => {
    const { engine, catalog } = await engineAndCatalog();
    const roleName = await ask('Setup guide: role', 'Name of the IAM role to create', {
      value: 'GrantwiseDeployer',
    });
    if (!roleName) return;
    const accountId = await askAccount('Setup guide: account');
    if (!accountId) return;
    const region = await ask('Setup guide: region', 'AWS region', {
      value: ctx.config.awsRegion || 'us-east-1',
    });
    if (!region) return;
    const services = await pickServices(engine);
    if (!services) return;
    const guide = engine.generateSetupGuide(catalog, { roleName, accountId, region, services });
    await previews.showMarkdown(`Setup guide for ${roleName}`, guide.markdown);
  });

  ctx.registerCommand('grantwise.iam.generateS3Access', async () => {
    const { engine } = await engineAndCatalog();
    const bucket = await ask('S3 access: bucket', 'Bucket name');
    if (!bucket) return;
    const prefix = await ask(
      'S3 access: prefix',
      'Key prefix to limit access to (empty for the whole bucket)',
    );
    if (prefix === undefined) return;
    const mode = await vscode.window.showQuickPick(['Read and write', 'Read only'], {
      title: 'S3 access: mode',
    });
    if (!mode) return;
    const policy = engine.generateS3AccessPolicy({
      bucket,
      prefix: prefix || undefined,
      readOnly: mode === 'Read only',
    });
    await openJson(engine.policyJson(policy));
  });

  ctx.registerCommand('grantwise.iam.generateEc2InstanceRole', async () => {
    const { engine } = await engineAndCatalog();
    const roleName = await ask('EC2 instance role: role', 'Role (and instance profile) name', {
      value: 'RoleAccessCapillariesTestbucket',
    });
    if (!roleName) return;
    const accountId = await askAccount('EC2 instance role: account');
    if (!accountId) return;
    const bucket = await ask('EC2 instance role: bucket', 'Bucket the instances read and write');
    if (!bucket) return;
    const role = engine.generateEc2InstanceRole({
      roleName,
      accountId,
      permissions: engine.generateS3AccessPolicy({ bucket }),
    });
    const md = [
      `# EC2 instance role ${role.roleName}`,
      '',
      `Role \`${role.roleArn}\`, wrapped by the instance profile \`${role.instanceProfileArn}\`.`,
      '',
      jsonBlock('Trust policy', role.trustPolicy),
      jsonBlock(`Permissions policy ${role.policyName}`, role.permissionsPolicy),
      jsonBlock('Operator policy (PassRole to EC2 only)', role.operatorPolicy),
      '## CloudFormation',
      '',
      '```yaml',
      engine.ec2InstanceRoleStackYaml(role).trimEnd(),
      '```',
      '',
    ].join('\n');
    await previews.showMarkdown(`EC2 instance role ${role.roleName}`, md);
  });

  ctx.registerCommand('grantwise.iam.generateCrossAccountTrust', async () => {
    const { engine } = await engineAndCatalog();
    const principal = await ask(
      'Cross-account trust: principal',
      'The SaaS principal (user/role ARN, root ARN or account id)',
    );
    if (!principal) return;
    const roleArn = await ask('Cross-account trust: role', 'Your role the SaaS assumes', {
      placeHolder: 'arn:aws:iam::123456789012:role/Name',
    });
    if (!roleArn) return;
    const externalId = await ask(
      'Cross-account trust: external ID',
      'The external ID the SaaS gave you (empty: generate one)',
    );
    if (externalId === undefined) return;
    const trust = engine.generateCrossAccountTrust({
      principal,
      roleArn,
      externalId: externalId || undefined,
    });
    const md = [
      `# Cross-account trust for ${trust.principalArn}`,
      '',
      `External ID: \`${trust.externalId}\` — give it to the SaaS; without it the role cannot be assumed.`,
      '',
      jsonBlock(`Trust policy of ${trust.roleArn}`, trust.trustPolicy),
      jsonBlock('SaaS-side policy (attach to the principal)', trust.saasPolicy),
    ].join('\n');
    await previews.showMarkdown(`Cross-account trust ${path.basename(trust.roleArn)}`, md);
  });

  ctx.registerCommand('grantwise.iam.generateIrsa', async () => {
    const { engine } = await engineAndCatalog();
    const issuer = await ask('IRSA: issuer', 'The cluster OIDC issuer URL', {
      placeHolder: 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC…',
    });
    if (!issuer) return;
    const namespace = await ask('IRSA: namespace', 'Kubernetes namespace', { value: 'default' });
    if (!namespace) return;
    const serviceAccount = await ask('IRSA: service account', 'Kubernetes service account name');
    if (!serviceAccount) return;
    const accountId = await askAccount('IRSA: account');
    if (!accountId) return;
    const bucket = await ask('IRSA: bucket', 'Bucket the workload uses');
    if (!bucket) return;
    const prefix = await ask('IRSA: prefix', 'Key prefix (empty for the whole bucket)');
    if (prefix === undefined) return;
    const role = engine.generateIrsaRole({
      issuer,
      namespace,
      serviceAccount,
      accountId,
      bucket,
      prefix: prefix || undefined,
    });
    const yaml = engine.irsaStackYaml(role);
    const md = [
      `# IRSA role ${role.roleName}`,
      '',
      `Annotate the service account with \`eks.amazonaws.com/role-arn: ${role.roleArn}\`.`,
      '',
      jsonBlock('Trust policy', role.trustPolicy),
      jsonBlock(`Permissions policy ${role.policyName}`, role.permissionsPolicy),
      `## CloudFormation stack ${role.stackName}`,
      '',
      '```yaml',
      yaml.trimEnd(),
      '```',
      '',
    ].join('\n');
    await previews.showMarkdown(`IRSA role ${role.roleName}`, md);
    const choice = await vscode.window.showInformationMessage(
      `Grantwise: IRSA role ${role.roleName} generated.`,
      'Export CloudFormation (dry run)…',
    );
    if (!choice) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Export the IRSA stack for an administrator',
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${role.stackName}.yaml`) : undefined,
      filters: { 'CloudFormation YAML': ['yaml', 'yml'] },
    });
    if (!target) return;
    await writeFile(target.fsPath, yaml, 'utf8');
    const argv = engine.deployCommand({
      stackName: role.stackName,
      templateFile: target.fsPath,
      region: role.region,
    });
    ctx.log.info(`IRSA stack written to ${target.fsPath}; deploy with: ${argv.join(' ')}`);
    void vscode.window.showInformationMessage(
      `Grantwise: wrote ${target.fsPath}. Deploy it with: ${argv.join(' ')}`,
    );
  });

  ctx.registerCommand('grantwise.iam.policyFromCode', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folder =
      folders.length === 1
        ? folders[0]
        : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to scan for AWS SDK calls' });
    if (!folder) return;
    const { engine, catalog } = await engineAndCatalog();
    const root = folder.uri.fsPath;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Scanning ${folder.name} for AWS SDK calls` },
      async () => engine.policyFromCode(catalog, root),
    );
    const fileUri = (file: string, line: number) =>
      vscode.Uri.file(path.join(root, file))
        .with({ fragment: `L${line}` })
        .toString();
    await previews.showMarkdown(
      `Policy from code in ${folder.name}`,
      fromCodeMarkdown(`Policy from code: ${folder.name}`, result, fileUri),
    );
  });
}
