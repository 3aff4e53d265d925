import { strict as assert } from 'node:assert';
import { formatSarif, SARIF_SCHEMA } from '../../../../src/cli/format/sarif';
import { SAMPLE } from './sample';

describe('cli sarif format', () => {
  const log = JSON.parse(formatSarif(SAMPLE, { toolVersion: '9.8.7' }));
  const run = log.runs[0];

  it('is a SARIF 2.1.0 log with one run by Grantwise', () => {
    assert.equal(log.$schema, SARIF_SCHEMA);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    assert.equal(run.tool.driver.name, 'Grantwise');
    assert.equal(run.tool.driver.semanticVersion, '9.8.7');
    assert.equal(run.columnKind, 'utf16CodeUnits');
  });

  it('lists each check that fired once as a rule, sorted by id, security ones tagged with a security-severity', () => {
    assert.deepEqual(run.tool.driver.rules, [
      {
        id: 'cross-account-trust-without-external-id',
        name: 'CrossAccountTrustWithoutExternalId',
        shortDescription: { text: 'Cross account trust without external id.' },
        helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html',
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['iam', 'security'], 'security-severity': '8.0' },
      },
      {
        id: 'redundant-action',
        name: 'RedundantAction',
        shortDescription: { text: 'Redundant action.' },
        defaultConfiguration: { level: 'warning' },
        properties: { tags: ['iam'] },
      },
      {
        id: 'unknown-action',
        name: 'UnknownAction',
        shortDescription: { text: 'Unknown action.' },
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['iam'] },
      },
    ]);
  });

  it('gives each result its rule, level, message and a relative location with a 1-based region', () => {
    assert.equal(run.results.length, 3);
    const [first, second, third] = run.results;
    assert.equal(first.ruleId, 'unknown-action');
    assert.equal(first.ruleIndex, 2);
    assert.equal(first.level, 'error');
    assert.equal(first.message.text, "Unknown action 'sts:AssumeRol'. Did you mean 'sts:AssumeRole'?");
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: { uri: 'policies/a.trust.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 15, endLine: 3, endColumn: 31 },
    });
    assert.deepEqual(first.locations[0].logicalLocations, [
      { fullyQualifiedName: '/Statement/0/Action', kind: 'element' },
    ]);
    assert.equal(second.ruleId, 'cross-account-trust-without-external-id');
    assert.equal(second.level, 'error');
    assert.equal(third.ruleId, 'redundant-action');
    assert.equal(third.level, 'warning');
    assert.match(third.partialFingerprints['grantwise/v1'], /^[0-9a-f]{32}$/);
  });

  it('uses the rule table when one is given, maps suggestions to note, and a file outside the root to a file URI', () => {
    const out = JSON.parse(
      formatSarif(
        [{ file: '/abs/x.policy.json', finding: { ...SAMPLE[2].finding, severity: 'suggestion' } }],
        {
          toolVersion: '1.0.0',
          rule: () => ({ description: 'Actions must exist.', helpUri: 'https://x.invalid/r' }),
        },
      ),
    );
    const r = out.runs[0];
    assert.deepEqual(r.tool.driver.rules[0].shortDescription, { text: 'Actions must exist.' });
    assert.equal(r.tool.driver.rules[0].helpUri, 'https://x.invalid/r');
    assert.equal(r.results[0].level, 'note');
    assert.deepEqual(r.results[0].locations[0].physicalLocation.artifactLocation, {
      uri: 'file:///abs/x.policy.json',
    });
  });

  it('is an empty but valid run when clean, and byte-stable', () => {
    const empty = JSON.parse(formatSarif([], { toolVersion: '1.0.0' }));
    assert.deepEqual(empty.runs[0].results, []);
    assert.deepEqual(empty.runs[0].tool.driver.rules, []);
    assert.equal(
      formatSarif([...SAMPLE].reverse(), { toolVersion: '1' }),
      formatSarif(SAMPLE, { toolVersion: '1' }),
    );
  });
});
