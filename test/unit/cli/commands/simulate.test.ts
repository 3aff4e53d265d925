import { strict as assert } from 'node:assert';
import { contextFromJson, principalFromFlag } from '../../../../src/cli/commands/simulate';
import { runCli } from './run';

const BUCKET = ['--policy', 'bucket-access.policy.json'];

describe('grantwise simulate', () => {
  it('allows an object read the policy grants, naming the statement (exit 0)', async () => {
    const r = await runCli([
      'simulate',
      ...BUCKET,
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::capillaries-testbucket/a.csv',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), {
      decision: 'Allowed',
      matched: [{ file: 'bucket-access.policy.json', path: '/Statement/1', effect: 'Allow' }],
    });
  });

  it('denies implicitly what no statement grants (exit 1)', async () => {
    const r = await runCli([
      'simulate',
      ...BUCKET,
      '--action',
      's3:GetObject',
      '--resource',
      'arn:aws:s3:::capillaries-testbucket',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.out), { decision: 'ImplicitDeny', matched: [] });
  });

  it('applies a Deny across policy files when the context file puts the caller outside the office', async () => {
    const args = [
      ...BUCKET,
      '--policy',
      'deny-outside-vpn.policy.json',
      '--action',
      's3:DeleteObject',
      '--resource',
      'arn:aws:s3:::capillaries-testbucket/a.csv',
      '--format',
      'json',
    ];
    const home = await runCli(['simulate', ...args, '--context-file', 'home.ctx.json']);
    assert.equal(home.code, 1);
    assert.deepEqual(JSON.parse(home.out), {
      decision: 'ExplicitDeny',
      matched: [
        { file: 'bucket-access.policy.json', path: '/Statement/1', effect: 'Allow' },
        { file: 'deny-outside-vpn.policy.json', path: '/Statement/0', effect: 'Deny' },
      ],
    });
    const office = await runCli(['simulate', ...args, '--context-file', 'office.ctx.json']);
    assert.equal(office.code, 0);
    assert.equal(JSON.parse(office.out).decision, 'Allowed');
  });

  it('prints the decision and the explanation lines as text', async () => {
    const r = await runCli([
      'simulate',
      ...BUCKET,
      '--action',
      's3:ListBucket',
      '--resource',
      'arn:aws:s3:::capillaries-testbucket',
    ]);
    assert.equal(r.code, 0);
    const lines = r.out.split('\n');
    assert.equal(lines[0], 'Allowed');
    assert.ok(lines.slice(1).every((l) => l.startsWith('  ')));
    assert.ok(
      lines.some((l) => l.includes('bucket-access.policy.json /Statement/0')),
      r.out,
    );
  });

  it('evaluates a trust policy for the principal given with --principal', async () => {
    const args = [
      'simulate',
      '--policy',
      'saas.trust.json',
      '--action',
      'sts:AssumeRole',
      '--resource',
      'arn:aws:iam::123456789012:role/Capideploy',
      '--format',
      'json',
    ];
    const saas = await runCli([
      ...args,
      '--principal',
      'arn:aws:iam::111122223333:user/UserSaasCapideployOperator',
    ]);
    assert.equal(JSON.parse(saas.out).decision, 'Allowed');
    const other = await runCli([...args, '--principal', 'arn:aws:iam::444455556666:user/Mallory']);
    assert.equal(JSON.parse(other.out).decision, 'ImplicitDeny');
    assert.equal(other.code, 1);
  });

  it('exits 2 naming the problem for unusable input', async () => {
    const missing = await runCli([
      'simulate',
      '--policy',
      'nope.json',
      '--action',
      's3:GetObject',
      '--resource',
      '*',
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--policy nope\.json does not exist/);
    const broken = await runCli([
      'simulate',
      '--policy',
      'broken.policy.json',
      '--action',
      's3:GetObject',
      '--resource',
      '*',
    ]);
    assert.equal(broken.code, 2);
    assert.match(broken.err, /broken\.policy\.json:4:26 is not valid JSON \(PropertyNameExpected\)/);
    const noAction = await runCli(['simulate', ...BUCKET, '--resource', '*']);
    assert.equal(noAction.code, 2);
    assert.match(noAction.err, /--action is required/);
    const badAction = await runCli(['simulate', ...BUCKET, '--action', 'GetObject', '--resource', '*']);
    assert.match(badAction.err, /must look like service:Action/);
  });

  it('reads context values as strings or lists and rejects objects', () => {
    assert.deepEqual(contextFromJson({ b: 1, a: ['x', true] }, 'ctx.json'), { a: ['x', 'true'], b: '1' });
    assert.throws(() => contextFromJson({ a: { x: 1 } }, 'ctx.json'), /ctx\.json: the value of "a" must be/);
    assert.throws(() => contextFromJson([], 'ctx.json'), /must be a JSON object/);
  });

  it('tells service, federated and AWS principals apart', () => {
    assert.deepEqual(principalFromFlag('ec2.amazonaws.com'), { type: 'Service', id: 'ec2.amazonaws.com' });
    const oidc = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC';
    assert.deepEqual(principalFromFlag(oidc), { type: 'Federated', id: oidc });
    assert.deepEqual(principalFromFlag('123456789012'), { type: 'AWS', id: '123456789012' });
  });
});
