import { fromIni } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { mapAwsError } from './errors';

export interface AwsSettings {
  /** Profile name; empty means AWS_PROFILE, then `default`. */
  profile?: string;
  /** Region; empty means the profile's region, then AWS_REGION, then us-east-1. */
  region?: string;
  /** Endpoint for a local emulator; empty means real AWS. */
  endpointUrl?: string;
  /** Time limit for one call (connection and response), in ms. */
  timeoutMs?: number;
  /** Attempts per call, including the first; tests use 1. */
  maxAttempts?: number;
  /** Explicit credentials (from SecretStorage); otherwise the profile's chain. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Region configured for the profile in the shared config file, when known. */
  profileRegion?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** What every SDK v3 client constructor accepts and we set. */
export interface ClientConfig {
  region: string;
  endpoint?: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts: number;
  requestHandler: NodeHttpHandler;
}

interface SendableClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

export interface CallOptions {
  /** Cancels the call (for example from a progress notification's cancel button). */
  signal?: AbortSignal;
  /** IAM action the call needs, named in AccessDenied errors when AWS does not say. */
  action: string;
}

/**
 * The one place AWS clients are made: profile, region, endpoint, timeouts, retries and cancellation are
 * decided here, so every caller behaves the same against AWS and against a local emulator.
 */
export class AwsClientFactory {
  readonly profile: string;
  readonly region: string;
  readonly endpoint: string | undefined;
  readonly timeoutMs: number;
  private readonly config: ClientConfig;

  constructor(settings: AwsSettings = {}, env: NodeJS.ProcessEnv = process.env) {
    this.profile = settings.profile || env.AWS_PROFILE || 'default';
    this.region =
      settings.region || settings.profileRegion || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
    this.endpoint = settings.endpointUrl?.trim() || undefined;
    this.timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.config = {
      region: this.region,
      endpoint: this.endpoint,
      // The role assumption, SSO and web-identity calls behind a profile go to the same endpoint and
      // region as the client itself: with an emulator configured, nothing may leave 127.0.0.1.
      credentials:
        settings.credentials ??
        fromIni({
          profile: this.profile,
          ignoreCache: true,
          clientConfig: {
            region: this.region,
            endpoint: this.endpoint,
            maxAttempts: settings.maxAttempts ?? 3,
          },
        }),
      maxAttempts: settings.maxAttempts ?? 3,
      requestHandler: new NodeHttpHandler({
        connectionTimeout: this.timeoutMs,
        requestTimeout: this.timeoutMs,
        throwOnRequestTimeout: true,
      }),
    };
  }

  /** Builds any SDK v3 client with this factory's settings: `factory.create(STSClient)`. */
  create<C>(ctor: new (config: ClientConfig) => C): C {
    return new ctor({ ...this.config });
  }

  /**
   * Sends one command with an overall deadline and optional cancellation, and maps failures to
   * GrantwiseErrors (AccessDenied names the missing action).
   */
  async send<T>(client: SendableClient, command: unknown, options: CallOptions): Promise<T> {
    const deadline = AbortSignal.timeout(this.timeoutMs * this.config.maxAttempts + 1000);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    try {
      return (await client.send(command, { abortSignal: signal })) as T;
    } catch (e) {
      if (deadline.aborted && !options.signal?.aborted) {
        const timeout = new Error(`timed out after ${this.timeoutMs} ms`);
        timeout.name = 'TimeoutError';
        throw mapAwsError(timeout, {
          action: options.action,
          profile: this.profile,
          endpoint: this.endpoint,
        });
      }
      throw mapAwsError(e, { action: options.action, profile: this.profile, endpoint: this.endpoint });
    }
  }
}
