import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listAwsProfiles } from '../../../../src/core/accounts/profiles';

describe('listAwsProfiles', () => {
  const saved = { config: process.env.AWS_CONFIG_FILE, creds: process.env.AWS_SHARED_CREDENTIALS_FILE };
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gw-profiles-'));
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  });
  afterEach(() => {
    for (const [k, v] of [
      ['AWS_CONFIG_FILE', saved.config],
      ['AWS_SHARED_CREDENTIALS_FILE', saved.creds],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('reads both files named by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE and types each profile', async () => {
    writeFileSync(
      join(dir, 'config'),
      [
        '[default]',
        'region = eu-west-1',
        '[profile dev-sso]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'sso_role_name = Dev',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        '[profile deployer]',
        'role_arn = arn:aws:iam::123456789012:role/Deployer',
        'source_profile = default',
        'external_id = 3f1c',
        '[profile legacy-sso]',
        'sso_start_url = https://old.awsapps.com/start',
        'sso_account_id = 444455556666',
        '[profile tool]',
        'credential_process = /usr/bin/get-creds --secret',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'credentials'),
      '[default]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s3cr3t-value\n[ci]\naws_access_key_id = AKIABBBBBBBBBBBBBBBB\naws_secret_access_key = other-s3cr3t\naws_session_token = tok3n\n',
    );
    const profiles = await listAwsProfiles();
    assert.deepEqual(
      profiles.map((p) => [p.name, p.kind, p.region ?? null]),
      [
        ['default', 'static', 'eu-west-1'],
        ['ci', 'static', null],
        ['deployer', 'assume-role', null],
        ['dev-sso', 'sso', null],
        ['legacy-sso', 'sso', null],
        ['tool', 'credential-process', null],
      ],
    );
    const deployer = profiles.find((p) => p.name === 'deployer')!;
    assert.deepEqual(deployer.details, {
      role_arn: 'arn:aws:iam::123456789012:role/Deployer',
      source_profile: 'default',
      external_id: 'set',
    });
    assert.equal(
      profiles.find((p) => p.name === 'dev-sso')!.details.sso_start_url,
      'https://corp.awsapps.com/start',
    );
    assert.deepEqual(profiles.find((p) => p.name === 'default')!.sources, ['config', 'credentials']);
  });

  it('never returns a credential value, session token, external id or credential_process command', async () => {
    writeFileSync(
      join(dir, 'config'),
      '[profile tool]\ncredential_process = /bin/creds --token zzz-secret\nexternal_id = ext-secret\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = ci\n',
    );
    writeFileSync(
      join(dir, 'credentials'),
      '[ci]\naws_access_key_id = AKIACCCCCCCCCCCCCCCC\naws_secret_access_key = very-s3cr3t\naws_session_token = tok3n-s3cr3t\n',
    );
    const text = JSON.stringify(await listAwsProfiles());
    for (const secret of [
      'AKIACCCCCCCCCCCCCCCC',
      'very-s3cr3t',
      'tok3n-s3cr3t',
      'zzz-secret',
      'ext-secret',
    ]) {
      assert.ok(!text.includes(secret), `leaked ${secret}`);
    }
  });

  it('returns an empty list when neither file exists', async () => {
    assert.deepEqual(await listAwsProfiles(), []);
  });
});
