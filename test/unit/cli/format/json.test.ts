import { strict as assert } from 'node:assert';
import { formatJson } from '../../../../src/cli/format/json';
import { SAMPLE } from './sample';

describe('cli json format', () => {
  it('is an array of {file, severity, check, path, range, message} in a stable order', () => {
    const rows = JSON.parse(formatJson(SAMPLE));
    assert.deepEqual(rows, [
      {
        file: 'policies/a.trust.json',
        severity: 'error',
        check: 'unknown-action',
        path: '/Statement/0/Action',
        range: { start: { line: 2, character: 14 }, end: { line: 2, character: 30 } },
        message: "Unknown action 'sts:AssumeRol'. Did you mean 'sts:AssumeRole'?",
      },
      {
        file: 'policies/a.trust.json',
        severity: 'security',
        check: 'cross-account-trust-without-external-id',
        path: '/Statement/0',
        range: { start: { line: 3, character: 4 }, end: { line: 9, character: 5 } },
        message: 'Add an sts:ExternalId condition.',
      },
      {
        file: 'policies/b.policy.json',
        severity: 'warning',
        check: 'redundant-action',
        path: '/Statement/0/Action/2',
        range: { start: { line: 6, character: 8 }, end: { line: 6, character: 22 } },
        message: "'s3:GetObject' repeats /Statement/0/Action/0; remove it.",
      },
    ]);
    assert.deepEqual(Object.keys(rows[0]), ['file', 'severity', 'check', 'path', 'range', 'message']);
  });

  it('prints [] when clean and is byte-stable', () => {
    assert.equal(formatJson([]), '[]');
    assert.equal(formatJson([...SAMPLE].reverse()), formatJson(SAMPLE));
  });
});
