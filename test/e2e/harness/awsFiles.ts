import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { MOTO_ROOT_CREDENTIALS } from '../../support/moto';

/** The account moto puts everything in. */
export const MOTO_ACCOUNT = '123456789012';

export interface SeededAwsFiles {
  dir: string;
  configFile: string;
  credentialsFile: string;
  /** AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, for the code-server environment. */
  env: { AWS_CONFIG_FILE: string; AWS_SHARED_CREDENTIALS_FILE: string };
  /** ARN of the emulator user whose key the access-key profile holds. */
  userArn: string;
  /** ARN of the role the assume-role profile assumes, when one was asked for. */
  roleArn?: string;
  remove(): void;
}

export interface SeedOptions {
  /** Name of the access-key profile; its key belongs to a new emulator user `userName`. */
  profile: string;
  userName: string;
  region: string;
  /** An assume-role profile sourcing `profile`, with a role created in the emulator. */
  assumeRole?: { profile: string; roleName: string };
  /** More config-file text (SSO profiles and the like), written as given. */
  extraConfig?: string;
}

/**
 * Creates an IAM user (and optionally a role it may assume) in a moto_server, then writes throwaway
 * shared config and credentials files whose profiles use them. Check Identity on these profiles then
 * answers with the emulator's account and ARNs, as it would against AWS.
 */
export async function seedAwsFiles(endpoint: string, options: SeedOptions): Promise<SeededAwsFiles> {
  const iam = new IAMClient({
    region: 'us-east-1',
    endpoint,
    credentials: MOTO_ROOT_CREDENTIALS,
    maxAttempts: 1,
  });
  const user = await iam.send(new CreateUserCommand({ UserName: options.userName }));
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: options.userName }));
  let roleArn: string | undefined;
  if (options.assumeRole) {
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: user.User!.Arn }, Action: 'sts:AssumeRole' }],
    };
    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: options.assumeRole.roleName,
        AssumeRolePolicyDocument: JSON.stringify(trust),
      }),
    );
    roleArn = role.Role!.Arn;
  }
  iam.destroy();

  const dir = mkdtempSync(join(tmpdir(), 'gw-aws-'));
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  let config = `[profile ${options.profile}]\nregion = ${options.region}\n`;
  if (options.assumeRole) {
    config += `\n[profile ${options.assumeRole.profile}]\nrole_arn = ${roleArn}\nsource_profile = ${options.profile}\nregion = ${options.region}\n`;
  }
  if (options.extraConfig) config += `\n${options.extraConfig.trim()}\n`;
  writeFileSync(configFile, config);
  writeFileSync(
    credentialsFile,
    `[${options.profile}]\naws_access_key_id = ${key.AccessKey!.AccessKeyId}\naws_secret_access_key = ${key.AccessKey!.SecretAccessKey}\n`,
    { mode: 0o600 },
  );
  return {
    dir,
    configFile,
    credentialsFile,
    env: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile },
    userArn: user.User!.Arn!,
    roleArn,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
