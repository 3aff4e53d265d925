// `npm test`: every check CI and users rely on, in order, stopping at the first stage that fails:
// typecheck, lint (eslint + prettier), build, unit, integration (moto, terraform, jsonnet CLI), e2e
// (real VS Code in Chromium). Ends with one line "tests: N passed, N failed, N skipped".
// `npm test -- unit integration` runs only the named stages.
import { spawn } from 'node:child_process';

const STAGES = [
  ['typecheck', 'npx', ['tsc', '-p', '.', '--noEmit']],
  ['lint', 'npx', ['eslint', '.']],
  ['format', 'npx', ['prettier', '--check', '.']],
  ['build', 'node', ['scripts/build.mjs']],
  ['unit', 'npx', ['mocha', '--config', 'test/unit/.mocharc.json']],
  ['integration', 'npx', ['mocha', '--config', 'test/integration/.mocharc.json']],
  ['e2e', 'node', ['scripts/e2e.mjs']],
];

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(name, cmd, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let tail = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      tail = (tail + d).slice(-20000);
    });
    child.on('close', (code, signal) => {
      // Mocha's spec reporter closes with "N passing", "N pending", "N failing".
      const plain = tail.replace(/\x1b\[[0-9;]*m/g, ''); // mocha colours its summary when forced to
      // The summary lines stand alone ("  12 passing (3s)"); test titles may contain the words too.
      const count = (word) =>
        [...plain.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
      if (['unit', 'integration', 'e2e'].includes(name)) {
        totals.passed += count('passing');
        totals.skipped += count('pending');
        totals.failed += count('failing');
      }
      console.log(
        `=== ${name}: ${code === 0 ? 'ok' : `FAILED (${signal ?? code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      resolve(code ?? 1);
    });
  });
}

let exit = 0;
for (const [name, cmd, args] of STAGES) {
  if (only.length && !only.includes(name)) continue;
  const code = await run(name, cmd, args);
  if (code !== 0) {
    if (!['unit', 'integration', 'e2e'].includes(name) || totals.failed === 0) totals.failed += 1;
    exit = code;
    break;
  }
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = exit;
