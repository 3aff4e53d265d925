import { strict as assert } from 'node:assert';
import { formatText } from '../../../../src/cli/format/text';
import { SAMPLE } from './sample';

describe('cli text format', () => {
  it('prints file:line:column (1-based) severity check: message, sorted, then a summary', () => {
    assert.equal(
      formatText(SAMPLE, 2),
      [
        "policies/a.trust.json:3:15: error unknown-action: Unknown action 'sts:AssumeRol'. Did you mean 'sts:AssumeRole'?",
        'policies/a.trust.json:4:5: security cross-account-trust-without-external-id: Add an sts:ExternalId condition.',
        "policies/b.policy.json:7:9: warning redundant-action: 's3:GetObject' repeats /Statement/0/Action/0; remove it.",
        '3 problems (1 error, 1 security, 1 warning) in 2 files.',
      ].join('\n'),
    );
  });

  it('says so when clean, with the singular file', () => {
    assert.equal(formatText([], 1), 'No problems in 1 file.');
  });

  it('is the same text whatever the input order', () => {
    assert.equal(formatText([...SAMPLE].reverse(), 2), formatText(SAMPLE, 2));
  });
});
