import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

/** How a profile gets its credentials; shown next to the profile, never the credentials themselves. */
export type ProfileKind =
  'static' | 'sso' | 'assume-role' | 'web-identity' | 'credential-process' | 'region-only';

export interface AwsProfile {
  name: string;
  kind: ProfileKind;
  region?: string;
  /** Which shared files define the profile. */
  sources: Array<'config' | 'credentials'>;
  /** Non-secret facts useful on a tree item: role ARN, SSO account and role, source profile. */
  details: Record<string, string>;
}

type Section = Record<string, string | undefined>;

// Keys whose values are never copied out of the shared files.
const SECRET_KEYS = new Set([
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'credential_process',
]);

function kindOf(cfg: Section, creds: Section): ProfileKind {
  if (cfg.sso_session || cfg.sso_start_url || cfg.sso_account_id) return 'sso';
  if (cfg.role_arn && cfg.web_identity_token_file) return 'web-identity';
  if (cfg.role_arn || creds.role_arn) return 'assume-role';
  if (cfg.credential_process || creds.credential_process) return 'credential-process';
  if (creds.aws_access_key_id || cfg.aws_access_key_id) return 'static';
  return 'region-only';
}

function detailsOf(cfg: Section, creds: Section, sessions: Record<string, Section>): Record<string, string> {
  const out: Record<string, string> = {};
  const pick = (key: string, value: string | undefined) => {
    if (value && !SECRET_KEYS.has(key)) out[key] = value;
  };
  for (const key of ['role_arn', 'source_profile', 'credential_source', 'sso_account_id', 'sso_role_name']) {
    pick(key, cfg[key] ?? creds[key]);
  }
  if (cfg.sso_session) {
    pick('sso_session', cfg.sso_session);
    pick('sso_start_url', sessions[cfg.sso_session]?.sso_start_url);
  } else {
    pick('sso_start_url', cfg.sso_start_url);
  }
  if (cfg.external_id ?? creds.external_id) out.external_id = 'set';
  return out;
}

/**
 * Lists the profiles in the shared AWS config and credentials files. Honours AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE (read by the SDK's own loader). Credential values never leave this
 * function: only the profile kind and non-secret details are returned.
 */
export async function listAwsProfiles(): Promise<AwsProfile[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const sessions: Record<string, Section> = {};
  for (const [key, section] of Object.entries(configFile)) {
    if (key.startsWith('sso-session.')) sessions[key.slice('sso-session.'.length)] = section as Section;
  }
  const names = new Set<string>();
  for (const key of Object.keys(configFile)) if (!key.includes('.')) names.add(key);
  for (const key of Object.keys(credentialsFile)) names.add(key);

  return [...names].sort(defaultFirst).map((name) => {
    const cfg = (configFile[name] ?? {}) as Section;
    const creds = (credentialsFile[name] ?? {}) as Section;
    const sources: AwsProfile['sources'] = [];
    if (configFile[name]) sources.push('config');
    if (credentialsFile[name]) sources.push('credentials');
    return {
      name,
      kind: kindOf(cfg, creds),
      region: cfg.region ?? creds.region,
      sources,
      details: detailsOf(cfg, creds, sessions),
    };
  });
}

function defaultFirst(a: string, b: string): number {
  if (a === 'default') return -1;
  if (b === 'default') return 1;
  return a.localeCompare(b);
}
