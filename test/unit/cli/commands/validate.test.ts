import { strict as assert } from 'node:assert';
import { exitCodeFor } from '../../../../src/cli/commands/validate';
import { runCli } from './run';

describe('grantwise validate', () => {
  it('fails at or above --fail-on; by default on errors and security findings', () => {
    const w = [{ severity: 'warning' as const }];
    const s = [{ severity: 'security' as const }];
    const e = [{ severity: 'error' as const }];
    const n = [{ severity: 'suggestion' as const }];
    assert.equal(exitCodeFor([]), 0);
    assert.equal(exitCodeFor(w), 0);
    assert.equal(exitCodeFor(s), 1);
    assert.equal(exitCodeFor(e), 1);
    assert.equal(exitCodeFor(s, 'error'), 0);
    assert.equal(exitCodeFor(e, 'error'), 1);
    assert.equal(exitCodeFor(w, 'warning'), 1);
    assert.equal(exitCodeFor(n, 'warning'), 0);
    assert.equal(exitCodeFor(n, 'suggestion'), 1);
  });

  it('exits 0 with a clean summary for the seed bucket/object policy', async () => {
    const r = await runCli(['validate', 'bucket-access.policy.json']);
    assert.equal(r.err, '');
    assert.equal(r.out, 'No problems in 1 file.');
    assert.equal(r.code, 0);
  });

  it('reports the misspelled action with its did-you-mean at its position (exit 1)', async () => {
    const r = await runCli(['validate', 'faulty.policy.json', '--format', 'json']);
    assert.equal(r.code, 1);
    const rows = JSON.parse(r.out);
    assert.equal(rows.length, 1);
    assert.deepEqual(
      { ...rows[0], message: undefined },
      {
        file: 'faulty.policy.json',
        severity: 'error',
        check: 'unknown-action',
        path: '/Statement/0/Action/0',
        range: { start: { line: 6, character: 8 }, end: { line: 6, character: 22 } },
        message: undefined,
      },
    );
    assert.match(rows[0].message, /s3:GetObject/);
  });

  it('treats a security finding as failing by default and passing with --fail-on error', async () => {
    const byDefault = await runCli(['validate', 'saas.trust.json']);
    assert.equal(byDefault.code, 1);
    assert.match(
      byDefault.out,
      /^saas\.trust\.json:\d+:\d+: security cross-account-trust-without-external-id: /m,
    );
    const onlyErrors = await runCli(['validate', 'saas.trust.json', '--fail-on', 'error']);
    assert.equal(onlyErrors.code, 0);
    assert.equal(onlyErrors.out, byDefault.out);
  });

  it('reports JSON syntax errors as findings (exit 1), not as unusable input', async () => {
    const r = await runCli(['validate', 'broken.policy.json', '--format', 'json']);
    assert.equal(r.code, 1);
    const rows = JSON.parse(r.out);
    const syntax = rows.filter((x: { check: string }) => x.check === 'json-syntax');
    assert.equal(syntax.length, 1);
    assert.deepEqual(syntax[0].range, { start: { line: 3, character: 25 }, end: { line: 3, character: 26 } });
    assert.match(syntax[0].message, /remove the trailing comma/);
  });

  it('writes SARIF whose results point at the files relative to the working directory', async () => {
    const r = await runCli(['validate', 'faulty.policy.json', 'saas.trust.json', '--format', 'sarif']);
    assert.equal(r.code, 1);
    const run = JSON.parse(r.out).runs[0];
    assert.deepEqual(
      run.results.map(
        (x: { ruleId: string; locations: [{ physicalLocation: { artifactLocation: { uri: string } } }] }) => [
          x.ruleId,
          x.locations[0].physicalLocation.artifactLocation.uri,
        ],
      ),
      [
        ['unknown-action', 'faulty.policy.json'],
        ['cross-account-trust-without-external-id', 'saas.trust.json'],
      ],
    );
    assert.equal(
      run.tool.driver.rules.find((x: { id: string }) => x.id === 'unknown-action').shortDescription.text,
      'Unknown action (actions check, error).',
    );
  });

  it('validates the policies inside CloudFormation YAML/JSON and Terraform at their host-file positions', async () => {
    const r = await runCli(['validate', 'stack.yaml', 'stack.json', 'main.tf', '--format', 'json']);
    assert.equal(r.code, 1);
    const rows = JSON.parse(r.out).map((x: { file: string; check: string; range: { start: unknown } }) => [
      x.file,
      x.check,
      x.range.start,
    ]);
    assert.deepEqual(rows, [
      ['main.tf', 'unknown-action', { line: 7, character: 36 }],
      ['stack.json', 'cross-account-trust-without-external-id', { line: 11, character: 36 }],
      ['stack.yaml', 'unknown-action', { line: 20, character: 24 }],
    ]);
  });

  it('exits 2 naming the missing file or the bad flag', async () => {
    const missing = await runCli(['validate', 'bucket-access.policy.json', 'gone.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /file gone\.json does not exist/);
    assert.equal(missing.out, '');
    const badFailOn = await runCli(['validate', 'faulty.policy.json', '--fail-on', 'fatal']);
    assert.equal(badFailOn.code, 2);
    assert.match(badFailOn.err, /--fail-on 'fatal' must be error, security, warning or suggestion/);
    const none = await runCli(['validate']);
    assert.equal(none.code, 2);
    assert.match(none.err, /name at least one policy file/);
  });
});
