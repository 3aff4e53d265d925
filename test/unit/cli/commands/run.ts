import * as path from 'node:path';
import { main } from '../../../../src/cli/main';

export const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures', 'policies');

/** Runs `grantwise <argv>` in-process with the fixtures folder as working directory. */
export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: FIXTURES, env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
