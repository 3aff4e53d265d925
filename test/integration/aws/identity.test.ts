import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { AwsClientFactory } from '../../../src/core/aws/clientFactory';
import { getCallerIdentity } from '../../../src/core/aws/identity';
import { isGrantwiseError } from '../../../src/core/errors';
import { MOTO_ROOT_CREDENTIALS, startMoto, type MotoServer } from '../../support/moto';

const run = promisify(execFile);

describe('Check identity against moto_server', function () {
  let moto: MotoServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    moto = await startMoto();
    // A real IAM user in the emulator, and a profile for it in a throwaway shared credentials file.
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: MOTO_ROOT_CREDENTIALS,
      maxAttempts: 1,
    });
    await iam.send(new CreateUserCommand({ UserName: 'grantwise-it' }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'grantwise-it' }));
    dir = mkdtempSync(join(tmpdir(), 'gw-it-'));
    writeFileSync(
      join(dir, 'config'),
      '[profile demo]\nregion = eu-west-2\n[profile deployer]\nrole_arn = arn:aws:iam::123456789012:role/Deployer\nsource_profile = demo\nregion = eu-west-2\n',
    );
    writeFileSync(
      join(dir, 'credentials'),
      `[demo]\naws_access_key_id = ${key.AccessKey!.AccessKeyId}\naws_secret_access_key = ${key.AccessKey!.SecretAccessKey}\n`,
    );
    env = {
      ...process.env,
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    };
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    delete env.AWS_PROFILE;
  });
  after(async () => moto && (await moto.stop()));

  function withEnv<T>(fn: () => Promise<T>): Promise<T> {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    return fn().finally(() => {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    });
  }

  it('returns the account and the ARN of the profile’s own user', async () => {
    const id = await withEnv(() =>
      getCallerIdentity(
        new AwsClientFactory({ profile: 'demo', endpointUrl: moto.endpoint, maxAttempts: 1 }, env),
      ),
    );
    assert.equal(id.account, '123456789012');
    assert.equal(id.arn, 'arn:aws:iam::123456789012:user/grantwise-it');
  });

  it('assumes the role of an assume-role profile through the configured endpoint, not real STS', async () => {
    const id = await withEnv(() =>
      getCallerIdentity(
        new AwsClientFactory(
          {
            profile: 'deployer',
            profileRegion: 'eu-west-2',
            endpointUrl: moto.endpoint,
            maxAttempts: 1,
            timeoutMs: 3000,
          },
          env,
        ),
      ),
    );
    assert.match(id.arn, /^arn:aws:sts::123456789012:assumed-role\/Deployer\//);
  });

  it('uses the profile’s region from the shared config file', () => {
    const f = new AwsClientFactory({ profile: 'demo', profileRegion: 'eu-west-2' }, {});
    assert.equal(f.region, 'eu-west-2');
  });

  it('fails with an actionable error for a profile that does not exist', async () => {
    await withEnv(async () => {
      await assert.rejects(
        getCallerIdentity(
          new AwsClientFactory({ profile: 'nope', endpointUrl: moto.endpoint, maxAttempts: 1 }, env),
        ),
        (e: unknown) => isGrantwiseError(e) && e.code === 'aws.no-credentials' && /nope/.test(e.display),
      );
    });
  });

  it('times out against an endpoint that never answers, and can be cancelled', async () => {
    const net = await import('node:net');
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    try {
      const factory = new AwsClientFactory(
        {
          endpointUrl: `http://127.0.0.1:${port}`,
          timeoutMs: 300,
          maxAttempts: 1,
          credentials: MOTO_ROOT_CREDENTIALS,
        },
        {},
      );
      await assert.rejects(
        getCallerIdentity(factory),
        (e: unknown) => isGrantwiseError(e) && e.code === 'aws.timeout',
      );
      const abort = new AbortController();
      const slow = new AwsClientFactory(
        {
          endpointUrl: `http://127.0.0.1:${port}`,
          timeoutMs: 5000,
          maxAttempts: 1,
          credentials: MOTO_ROOT_CREDENTIALS,
        },
        {},
      );
      setTimeout(() => abort.abort(), 100);
      const started = Date.now();
      await assert.rejects(
        getCallerIdentity(slow, abort.signal),
        (e: unknown) => isGrantwiseError(e) && e.code === 'aws.cancelled',
      );
      assert.ok(Date.now() - started < 2000, 'cancellation is prompt');
    } finally {
      silent.close();
    }
  });

  it('the built CLI prints the identity for a profile (grantwise identity)', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        join(__dirname, '../../../dist/cli.js'),
        'identity',
        '--profile',
        'demo',
        '--endpoint-url',
        moto.endpoint,
        '--format',
        'json',
      ],
      { env },
    );
    assert.deepEqual(JSON.parse(stdout).arn, 'arn:aws:iam::123456789012:user/grantwise-it');
  });
});
