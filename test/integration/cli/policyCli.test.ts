import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'policies');

/** Runs the built `grantwise` as a pipeline would: a child process, an argument array, no shell. */
function grantwise(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: FIXTURES }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('grantwise validate and simulate (built dist/cli.js)', function () {
  before(() => {
    if (!existsSync(CLI))
      throw new Error(`${CLI} is missing: run 'npm run build' before the integration tests`);
  });

  it('validate: exit 0 and a clean summary for a clean policy', async () => {
    const r = await grantwise('validate', 'bucket-access.policy.json');
    assert.deepEqual(r, { code: 0, stdout: 'No problems in 1 file.\n', stderr: '' });
  });

  it('validate --format text: file:line:col lines and exit 1 for an unknown action', async () => {
    const r = await grantwise('validate', 'faulty.policy.json');
    assert.equal(r.code, 1);
    const [line, summary] = r.stdout.trimEnd().split('\n');
    assert.match(line, /^faulty\.policy\.json:7:9: error unknown-action: .*"s3:GetObject"/);
    assert.equal(summary, '1 problem (1 error) in 1 file.');
  });

  it('validate --format json over a policy, a CloudFormation template and a Terraform file', async () => {
    const r = await grantwise('validate', 'faulty.policy.json', 'stack.yaml', 'main.tf', '--format', 'json');
    assert.equal(r.code, 1);
    const rows = JSON.parse(r.stdout);
    assert.deepEqual(
      rows.map((x: { file: string; check: string; path: string }) => [x.file, x.check, x.path]),
      [
        ['faulty.policy.json', 'unknown-action', '/Statement/0/Action/0'],
        ['main.tf', 'unknown-action', '/Statement/0/Action/1'],
        ['stack.yaml', 'unknown-action', '/Statement/0/Action'],
      ],
    );
  });

  it('validate --format sarif: a SARIF 2.1.0 log with relative URIs and 1-based regions', async () => {
    const r = await grantwise('validate', 'saas.trust.json', '--format', 'sarif');
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const [result] = log.runs[0].results;
    assert.equal(result.ruleId, 'cross-account-trust-without-external-id');
    assert.equal(result.level, 'error');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'saas.trust.json');
    assert.ok(result.locations[0].physicalLocation.region.startLine >= 1);
    assert.deepEqual(log.runs[0].tool.driver.rules[0].properties.tags, ['iam', 'security']);
  });

  it('validate --fail-on error lets a security finding pass; a missing file exits 2', async () => {
    assert.equal((await grantwise('validate', 'saas.trust.json', '--fail-on', 'error')).code, 0);
    const missing = await grantwise('validate', 'nope.policy.json');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /file nope\.policy\.json does not exist/);
  });

  it('simulate --format json with --context-file: an explicit Deny outside the office, Allowed inside', async () => {
    const args = [
      'simulate',
      '--policy',
      'bucket-access.policy.json',
      '--policy',
      'deny-outside-vpn.policy.json',
      '--action',
      's3:DeleteObject',
      '--resource',
      'arn:aws:s3:::capillaries-testbucket/x',
      '--format',
      'json',
    ];
    const home = await grantwise(...args, '--context-file', 'home.ctx.json');
    assert.equal(home.code, 1);
    assert.deepEqual(JSON.parse(home.stdout), {
      decision: 'ExplicitDeny',
      matched: [
        { file: 'bucket-access.policy.json', path: '/Statement/1', effect: 'Allow' },
        { file: 'deny-outside-vpn.policy.json', path: '/Statement/0', effect: 'Deny' },
      ],
    });
    const office = await grantwise(...args, '--context-file', 'office.ctx.json');
    assert.equal(office.code, 0);
    assert.deepEqual(JSON.parse(office.stdout), {
      decision: 'Allowed',
      matched: [{ file: 'bucket-access.policy.json', path: '/Statement/1', effect: 'Allow' }],
    });
  });
});
