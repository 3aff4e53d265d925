import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../../../src/cli/main';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => (out += t + '\n'),
    err: (t) => (err += t + '\n'),
    cwd: join(__dirname, '../../../fixtures/fromCode'),
    env: {},
  });
  return { code, out, err };
}

describe('grantwise generate', () => {
  it('s3 prints the bucket policy', async () => {
    const r = await cli('generate', 's3', '--bucket', 'data-b', '--prefix', 'in', '--read-only');
    assert.equal(r.code, 0);
    const p = JSON.parse(r.out);
    assert.deepEqual(
      p.Statement.map((s: { Resource: string }) => s.Resource),
      ['arn:aws:s3:::data-b', 'arn:aws:s3:::data-b/in/*'],
    );
  });

  it('service-set prints the same bytes twice and a JSON summary on request', async () => {
    const a = await cli('generate', 'service-set', '--services', 'EC2,S3');
    const b = await cli('generate', 'service-set', '--services', 's3,ec2');
    assert.equal(a.out, b.out);
    const j = JSON.parse((await cli('generate', 'service-set', '--services', 'SQS', '--format', 'json')).out);
    assert.deepEqual(Object.keys(j), [
      'policy',
      'totalActionsGranted',
      'perService',
      'withheld',
      'levels',
      'dataVersion',
    ]);
    assert.equal(j.perService[0].sid, 'GrantwiseSqs');
  });

  it('setup-guide prints Markdown, or the CloudFormation template', async () => {
    const args = [
      'generate',
      'setup-guide',
      '--role',
      'web',
      '--account',
      '123456789012',
      '--region',
      'us-east-1',
    ];
    const md = await cli(...args, '--services', 'SNS');
    assert.match(md.out, /^# Set up role `web` in account 123456789012/);
    const cfn = await cli(...args, '--services', 'SNS', '--format', 'cloudformation');
    assert.equal(parse(cfn.out).Resources.Role.Properties.RoleName, 'web');
  });

  it('ec2-role, cross-account and irsa print their documents', async () => {
    const role = JSON.parse(
      (await cli('generate', 'ec2-role', '--role', 'R', '--account', '123456789012', '--bucket', 'b-1')).out,
    );
    assert.equal(role.instanceProfileArn, 'arn:aws:iam::123456789012:instance-profile/R');
    const x = JSON.parse(
      (
        await cli(
          'generate',
          'cross-account',
          '--principal',
          '111122223333',
          '--role-arn',
          'arn:aws:iam::123456789012:role/R',
          '--external-id',
          'e-1',
        )
      ).out,
    );
    assert.equal(x.externalId, 'e-1');
    const irsa = await cli(
      ...['generate', 'irsa', '--issuer', 'oidc.eks.eu-west-1.amazonaws.com/id/AB12', '--namespace', 'ns'],
      ...[
        '--service-account',
        'sa',
        '--account',
        '123456789012',
        '--bucket',
        'b-1',
        '--format',
        'cloudformation',
      ],
    );
    assert.equal(parse(irsa.out).Resources.Role.Properties.RoleName, 'grantwise-irsa-ns-sa');
  });

  it('from-code scans a folder relative to the working directory', async () => {
    const r = await cli('generate', 'from-code', 'app');
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out);
    assert.equal(j.filesScanned, 5);
    assert.equal(j.unmappedCalls, 6);
  });

  it('exits 2 naming the flag and the fix for unusable input', async () => {
    const bad = await cli('generate', 'ec2-role', '--role', 'R', '--account', '12', '--bucket', 'b-1');
    assert.equal(bad.code, 2);
    assert.match(
      bad.err,
      /^grantwise generate ec2-role: --account: account '12' is not an AWS account id\. Pass the 12-digit/,
    );
    const missing = await cli('generate', 's3');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--bucket is required/);
    const folder = await cli('generate', 'from-code', 'nope');
    assert.equal(folder.code, 2);
    assert.match(folder.err, /'nope' is not a folder/);
    assert.equal((await cli('generate', 'wat')).code, 2);
  });
});
