import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readHeadVersion } from '../../../src/extension/commands/gitHead';
import { isGrantwiseError } from '../../../src/core/errors';

// A real git repository in a temp folder: the reader runs the git CLI, so nothing here is mocked.
function gitIn(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], {
    cwd,
    stdio: 'pipe',
  });
}

describe('readHeadVersion (git CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'grantwise-git-')));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the committed text, not the working copy', async () => {
    gitIn(dir, 'init', '-q');
    mkdirSync(path.join(dir, 'iam'));
    const file = path.join(dir, 'iam', 'app.policy.json');
    writeFileSync(file, '{"committed": true}\n');
    gitIn(dir, 'add', '.');
    gitIn(dir, 'commit', '-q', '-m', 'first');
    writeFileSync(file, '{"committed": false}\n');
    const head = await readHeadVersion(file);
    assert.deepEqual(head, {
      state: 'committed',
      text: '{"committed": true}\n',
      repoRoot: dir,
      relativePath: 'iam/app.policy.json',
    });
  });

  it('reports an untracked file as not in HEAD', async () => {
    gitIn(dir, 'init', '-q');
    writeFileSync(path.join(dir, 'a.txt'), 'a');
    gitIn(dir, 'add', '.');
    gitIn(dir, 'commit', '-q', '-m', 'first');
    const file = path.join(dir, 'new.policy.json');
    writeFileSync(file, '{}');
    assert.deepEqual(await readHeadVersion(file), {
      state: 'not-in-head',
      repoRoot: dir,
      relativePath: 'new.policy.json',
    });
  });

  it('reports a repository without commits as not in HEAD', async () => {
    gitIn(dir, 'init', '-q');
    const file = path.join(dir, 'x.policy.json');
    writeFileSync(file, '{}');
    assert.equal((await readHeadVersion(file)).state, 'not-in-head');
  });

  it('fails with a not-a-repo error naming the file outside any repository', async () => {
    const file = path.join(dir, 'x.policy.json');
    writeFileSync(file, '{}');
    await assert.rejects(readHeadVersion(file), (e: unknown) => {
      assert.ok(isGrantwiseError(e));
      assert.equal(e.code, 'not-a-repo');
      assert.ok(e.message.includes(file));
      return true;
    });
  });
});
