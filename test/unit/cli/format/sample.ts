import type { FileFinding } from '../../../../src/cli/format/fileFinding';

/** Three findings across two files, deliberately out of order, as the validator could return them. */
export const SAMPLE: FileFinding[] = [
  {
    file: 'policies/b.policy.json',
    finding: {
      severity: 'warning',
      check: 'redundant-action',
      path: '/Statement/0/Action/2',
      range: { start: { line: 6, character: 8 }, end: { line: 6, character: 22 } },
      message: "'s3:GetObject' repeats /Statement/0/Action/0; remove it.",
    },
  },
  {
    file: 'policies/a.trust.json',
    finding: {
      severity: 'security',
      check: 'cross-account-trust-without-external-id',
      path: '/Statement/0',
      range: { start: { line: 3, character: 4 }, end: { line: 9, character: 5 } },
      message: 'Add an sts:ExternalId condition.',
      learnMore: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html',
    },
  },
  {
    file: 'policies/a.trust.json',
    finding: {
      severity: 'error',
      check: 'unknown-action',
      path: '/Statement/0/Action',
      range: { start: { line: 2, character: 14 }, end: { line: 2, character: 30 } },
      message: "Unknown action 'sts:AssumeRol'. Did you mean 'sts:AssumeRole'?",
      data: { suggestion: 'sts:AssumeRole' },
    },
  },
];
