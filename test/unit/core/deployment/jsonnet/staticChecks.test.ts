import * as assert from 'node:assert/strict';
import type { RunProfile } from '../../../../../src/core/deployment/jsonnet/profiles';
import { staticDiagnostics } from '../../../../../src/core/deployment/jsonnet/staticChecks';

const dev: RunProfile = {
  name: 'dev',
  envFiles: ['env/dev.rc'],
  extVars: {},
  extCode: {},
  tlaVars: {},
  tlaCode: {},
  libPaths: [],
};

describe('static checks: std.extVar names without a value', () => {
  const text = [
    '{',
    '  name: std.extVar("CAPIDEPLOY_DEPLOYMENT_NAME"),',
    "  size: std.parseInt(std.extVar('CAPIDEPLOY_CASSANDRA_CLUSTER_SIZE')),",
    '  // std.extVar("IN_COMMENT")',
    '  s: "std.extVar(\'IN_STRING\')",',
    '}',
  ].join('\n');

  it('flags each call whose name has no value, at the call, naming the env file and the profile', () => {
    const diags = staticDiagnostics(text, '/ws/d.jsonnet', {
      defined: new Set(['CAPIDEPLOY_DEPLOYMENT_NAME']),
      profile: dev,
    });
    assert.equal(diags.length, 1);
    const d = diags[0];
    assert.equal(d.code, 'jsonnet-missing-ext-var');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, { start: { line: 2, character: 21 }, end: { line: 2, character: 68 } });
    assert.equal(
      d.message,
      'std.extVar("CAPIDEPLOY_CASSANDRA_CLUSTER_SIZE") has no value in profile "dev": add "export CAPIDEPLOY_CASSANDRA_CLUSTER_SIZE=..." to env file env/dev.rc, or add "CAPIDEPLOY_CASSANDRA_CLUSTER_SIZE" to "extVars" of profile "dev" in .grantwise/profiles.json.',
    );
  });

  it('says that no profile is active when there is none', () => {
    const diags = staticDiagnostics(text, '/ws/d.jsonnet', { defined: new Set() });
    assert.equal(diags.length, 2);
    assert.match(
      diags[0].message,
      /no run profile is active\. Choose a profile that defines CAPIDEPLOY_DEPLOYMENT_NAME/,
    );
  });

  it('reports nothing when every name has a value, and lexical errors with their range', () => {
    const all = new Set(['CAPIDEPLOY_DEPLOYMENT_NAME', 'CAPIDEPLOY_CASSANDRA_CLUSTER_SIZE']);
    assert.deepEqual(staticDiagnostics(text, '/ws/d.jsonnet', { defined: all, profile: dev }), []);
    const broken = staticDiagnostics('{\n  a: "never closed\n}', '/ws/b.jsonnet', { defined: all });
    assert.deepEqual(
      broken.map((d) => [d.code, d.range.start]),
      [['jsonnet-syntax', { line: 1, character: 5 }]],
    );
  });
});
