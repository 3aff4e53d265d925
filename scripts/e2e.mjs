// `npm run test:e2e`: real VS Code (code-server) driven by Debian chromium through playwright-core.
// Checks what the suite needs and names what is missing, installs code-server if needed, packages the
// VSIX fresh from the current dist/ (npm test builds before this), then runs mocha over
// test/e2e/**/*.e2e.ts. Extra arguments go to mocha, e.g. `npm run test:e2e -- --grep Accounts`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageVsix, root, mib } from './package.mjs';

const CHROMIUM = '/usr/bin/chromium';

function fail(message) {
  console.error(`test:e2e: ${message}`);
  process.exit(1);
}

const started = Date.now();
if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: apt-get install chromium`);
if (spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).error) {
  fail("moto_server is not on PATH: pip install 'moto[server]'");
}
if (!existsSync(join(root, 'dist/extension.js')))
  fail('dist/extension.js is missing: run `npm run build` first');

const install = spawnSync('bash', [join(root, 'scripts/install-code-server.sh')], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
const codeServer = install.stdout?.trim().split('\n').pop();
if (install.status !== 0 || !codeServer || !existsSync(codeServer)) {
  fail('code-server could not be installed by scripts/install-code-server.sh (see above)');
}

const resultsDir = join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });
let vsix;
try {
  vsix = packageVsix({ build: false, out: join(resultsDir, 'grantwise-e2e.vsix') });
} catch (e) {
  fail(`the VSIX could not be packaged: ${e.message}`);
}
console.log(`test:e2e: code-server ${codeServer}\ntest:e2e: VSIX ${vsix.file} (${mib(vsix.bytes)})`);

const mocha = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/mocha/bin/mocha.js'),
    '--config',
    join(root, 'test/e2e/.mocharc.json'),
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, GRANTWISE_CODE_SERVER: codeServer, GRANTWISE_E2E_VSIX: vsix.file },
  },
);
console.log(`test:e2e: finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(mocha.status ?? 1);
