import { strict as assert } from 'node:assert';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGrantwiseError } from '../../../../src/core/errors';
import {
  runTerraform,
  terraformArgs,
  terraformEnv,
  writeTerraformFiles,
} from '../../../../src/core/terraform/run';

/**
 * A stand-in for the terraform binary that reports its argv, cwd and environment and then behaves as the
 * first argument says; the real binary is exercised in test/integration/terraform.
 */
const FAKE = `#!${process.execPath}
const [command] = process.argv.slice(2);
// Before any output: the test aborts on the env line, and an early SIGINT would otherwise kill the stand-in.
if (command === 'destroy') process.on('SIGINT', () => { console.log('interrupted'); process.exit(130); });
console.log('args ' + JSON.stringify(process.argv.slice(2)));
console.log('cwd ' + process.cwd());
console.log('env ' + JSON.stringify({ key: process.env.AWS_ACCESS_KEY_ID, ci: process.env.TF_IN_AUTOMATION, cp: process.env.CHECKPOINT_DISABLE, leak: process.env.GRANTWISE_LEAK }));
if (command === 'apply') {
  process.stdout.write('partial ');
  setTimeout(() => {
    process.stdout.write('line\\r\\nlast without newline');
    console.error('Error: creating EC2 VPC: api error AccessDenied: User: arn:aws:iam::1:user/u is not authorized to perform: ec2:CreateVpc');
    console.error('Error: again: is not authorized to perform: ec2:CreateVpc');
    process.exitCode = 1;
  }, 50);
}
if (command === 'destroy') setInterval(() => {}, 1000);
`;

describe('terraform runner', () => {
  let dir: string;
  let bin: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'grantwise-run-'));
    bin = join(dir, 'terraform');
    await writeFile(bin, FAKE);
    await chmod(bin, 0o755);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('builds argument arrays: non-interactive, sorted vars and targets, plugin mirror on init only', () => {
    assert.deepEqual(terraformArgs('init', { pluginDir: '/opt/tf-plugins' }), [
      'init',
      '-input=false',
      '-no-color',
      '-plugin-dir=/opt/tf-plugins',
    ]);
    assert.deepEqual(terraformArgs('plan', { pluginDir: '/opt/tf-plugins' }), [
      'plan',
      '-input=false',
      '-no-color',
    ]);
    assert.deepEqual(
      terraformArgs('apply', {
        vars: { aws_region: 'eu-west-1', aws_profile: 'ops; rm -rf /' },
        targets: ['aws_vpc.main', 'aws_instance.db'],
      }),
      [
        'apply',
        '-input=false',
        '-no-color',
        '-auto-approve',
        '-var',
        'aws_profile=ops; rm -rf /',
        '-var',
        'aws_region=eu-west-1',
        '-target=aws_instance.db',
        '-target=aws_vpc.main',
      ],
    );
    assert.deepEqual(terraformArgs('destroy'), ['destroy', '-input=false', '-no-color', '-auto-approve']);
  });

  it('adds the automation switches to exactly the environment it is given', () => {
    assert.deepEqual(terraformEnv({ AWS_PROFILE: 'ops' }), {
      AWS_PROFILE: 'ops',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
    });
  });

  it('streams whole lines as they come and reports the exit code and the denied actions', async () => {
    process.env.GRANTWISE_LEAK = 'parent secret';
    const streamed: string[] = [];
    const r = await runTerraform('apply', {
      cwd: dir,
      terraformPath: bin,
      env: { AWS_ACCESS_KEY_ID: 'AKIATEST' },
      onLine: (line, stream) => streamed.push(`${stream}: ${line}`),
    });
    delete process.env.GRANTWISE_LEAK;
    assert.equal(r.exitCode, 1);
    assert.equal(r.ok, false);
    assert.equal(r.cancelled, false);
    assert.deepEqual(r.args, ['apply', '-input=false', '-no-color', '-auto-approve']);
    assert.deepEqual(r.deniedActions, ['ec2:CreateVpc']);
    assert.deepEqual(
      streamed.filter((l) => l.startsWith('stdout')),
      [
        'stdout: args ["apply","-input=false","-no-color","-auto-approve"]',
        `stdout: cwd ${dir}`,
        'stdout: env {"key":"AKIATEST","ci":"1","cp":"1"}',
        'stdout: partial line',
        'stdout: last without newline',
      ],
    );
    assert.equal(streamed.filter((l) => l.startsWith('stderr')).length, 2);
    assert.equal(r.lines.length, 7);
  });

  it('cancels with SIGINT so terraform can release its state lock', async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const running = runTerraform('destroy', {
      cwd: dir,
      terraformPath: bin,
      signal: controller.signal,
      onLine: (line) => {
        lines.push(line);
        if (line.startsWith('env ')) controller.abort();
      },
    });
    const r = await running;
    assert.equal(r.cancelled, true);
    assert.equal(r.ok, false);
    assert.equal(r.exitCode, 130);
    assert.equal(lines.at(-1), 'interrupted');
  });

  it('names the missing binary', async () => {
    await assert.rejects(
      runTerraform('plan', { cwd: dir, terraformPath: join(dir, 'no-terraform') }),
      (e: unknown) => isGrantwiseError(e) && e.code === 'terraform.missing' && /no-terraform/.test(e.message),
    );
  });

  it('writes rendered files and removes .tf files the render no longer has', async () => {
    const work = join(dir, 'work');
    await writeTerraformFiles(work, { 'main.tf': 'a', 'ec2.tf': 'b' });
    await writeFile(join(work, 'terraform.tfstate'), '{}');
    await writeTerraformFiles(work, { 'main.tf': 'c' });
    assert.deepEqual((await readdir(work)).sort(), ['main.tf', 'terraform.tfstate']);
  });
});
