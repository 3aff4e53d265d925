import * as vscode from 'vscode';
import type { AwsSettings } from '../core/aws/clientFactory';

/** Typed view of the `grantwise.*` settings; read through this, never through raw getConfiguration calls. */
export class Config {
  static readonly section = 'grantwise';

  private get raw(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(Config.section);
  }

  get awsProfile(): string {
    return this.raw.get<string>('aws.profile', '').trim();
  }

  get awsRegion(): string {
    return this.raw.get<string>('aws.region', '').trim();
  }

  get awsEndpointUrl(): string {
    return this.raw.get<string>('aws.endpointUrl', '').trim();
  }

  get awsTimeoutMs(): number {
    return this.raw.get<number>('aws.timeoutMs', 10_000);
  }

  /** Settings for the AWS client factory; a profile argument overrides the default profile. */
  awsSettings(profile?: string, profileRegion?: string): AwsSettings {
    return {
      profile: profile ?? (this.awsProfile || undefined),
      region: this.awsRegion || undefined,
      profileRegion,
      endpointUrl: this.awsEndpointUrl || undefined,
      timeoutMs: this.awsTimeoutMs,
    };
  }

  get<T>(key: string, fallback: T): T {
    return this.raw.get<T>(key, fallback);
  }

  static affects(e: vscode.ConfigurationChangeEvent, ...keys: string[]): boolean {
    return keys.some((k) => e.affectsConfiguration(`${Config.section}.${k}`));
  }
}
