import * as assert from 'node:assert/strict';
import { parseEnvFile } from '../../../../../src/core/deployment/jsonnet/envFile';

describe('parseEnvFile', () => {
  it('reads the capideploy .rc style: export, comments, quoted and unquoted values', () => {
    const text = [
      '# Variables used in jsonnet',
      'export CAPIDEPLOY_DEPLOYMENT_NAME="sampleaws001"',
      '  # indented comment',
      'export CAPIDEPLOY_SSH_USER=ubuntu',
      'export CAPIDEPLOY_BASTION_ALLOWED_IPS="135.23.0.0/16,136.104.0.21"',
      'export URL=https://example.invalid/latest#anchor',
      '',
    ].join('\n');
    const { vars, problems } = parseEnvFile(text, 'capideploy_aws.rc');
    assert.deepEqual(problems, []);
    assert.deepEqual(vars, {
      CAPIDEPLOY_DEPLOYMENT_NAME: 'sampleaws001',
      CAPIDEPLOY_SSH_USER: 'ubuntu',
      CAPIDEPLOY_BASTION_ALLOWED_IPS: '135.23.0.0/16,136.104.0.21',
      URL: 'https://example.invalid/latest#anchor',
    });
  });

  it('handles quotes: escapes in double quotes, literal single quotes, multi-line values, trailing comments', () => {
    const text = [
      `A="line1\\nline2 \\"q\\" \\\\ \\$HOME"  # comment`,
      `B='no \\n escapes # here'`,
      `C="multi`,
      `line"`,
      `D=plain value # trailing comment`,
      `E=a#b`,
    ].join('\n');
    const { vars, problems } = parseEnvFile(text, '.env');
    assert.deepEqual(problems, []);
    assert.deepEqual(vars, {
      A: 'line1\nline2 "q" \\ $HOME',
      B: 'no \\n escapes # here',
      C: 'multi\nline',
      D: 'plain value',
      E: 'a#b',
    });
  });

  it('keeps empty values: K=, K="" and K=\'\'', () => {
    const { vars, problems } = parseEnvFile('export A=\nB=""\nC=\'\'\nD= # only a comment\n', 'x.env');
    assert.deepEqual(problems, []);
    assert.deepEqual(vars, { A: '', B: '', C: '', D: '' });
  });

  it('reads CRLF files without carrying \\r into values', () => {
    const { vars, problems } = parseEnvFile('export A=one\r\nB="two"\r\n# c\r\nC=\r\n', 'win.env');
    assert.deepEqual(problems, []);
    assert.deepEqual(vars, { A: 'one', B: 'two', C: '' });
  });

  it('reports a line that is not an assignment with its range, and goes on', () => {
    const { vars, problems } = parseEnvFile('A=1\n  not an assignment\n1BAD=2\nB=2\n', 'dev.rc');
    assert.deepEqual(vars, { A: '1', B: '2' });
    assert.deepEqual(
      problems.map((p) => [
        p.check,
        p.range.start.line,
        p.range.start.character,
        p.range.end.character,
        p.data?.file,
      ]),
      [
        ['env-file-invalid-line', 1, 2, 19, 'dev.rc'],
        ['env-file-invalid-line', 2, 0, 6, 'dev.rc'],
      ],
    );
    assert.match(problems[0].message, /dev\.rc line 2 is not an assignment: write it as export NAME=value/);
  });

  it('reports an unclosed quote and text after a closing quote, without the value in the message', () => {
    const { vars, problems } = parseEnvFile("SECRET=\"s3cr3t\nB='x' junk\n", 'a.env');
    assert.deepEqual(vars, {});
    assert.deepEqual(
      problems.map((p) => [p.check, p.path, p.range.start.line, p.range.start.character]),
      [
        ['env-file-invalid-value', '/SECRET', 0, 7],
        ['env-file-invalid-value', '/B', 1, 6],
      ],
    );
    assert.ok(problems.every((p) => !p.message.includes('s3cr3t')));
  });

  it('warns about a repeated name (the later value wins) and about $NAME, which is not expanded', () => {
    const { vars, problems } = parseEnvFile("A=1\nA=2\nB=$HOME/x\nC='$HOME'\n", 'a.env');
    assert.deepEqual(vars, { A: '2', B: '$HOME/x', C: '$HOME' });
    assert.deepEqual(
      problems.map((p) => [p.check, p.severity, p.range.start.line]),
      [
        ['env-file-duplicate', 'warning', 1],
        ['env-file-no-expansion', 'warning', 2],
      ],
    );
  });
});
