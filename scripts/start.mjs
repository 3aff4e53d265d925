// `npm start`: the main job on an embedded default. Builds, starts moto_server on a free 127.0.0.1 port
// seeded with a demo IAM user (profile `grantwise-demo`) and a role it may assume (`grantwise-demo-admin`),
// installs code-server if needed and the freshly packaged VSIX into a throwaway extensions dir, and serves
// VS Code with examples/ open and grantwise.aws.endpointUrl pointed at the emulator. Prints the URL;
// Ctrl-C (or SIGTERM) stops both servers by PID and removes every temp dir.
//   npm start [-- --port N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { require as tsRequire } from 'tsx/cjs/api';
import { packageVsix, root, mib } from './package.mjs';

// The same launchers the e2e suite uses, so `npm start` and the tests run VS Code the same way.
const { startMoto } = tsRequire('../test/support/moto.ts', import.meta.url);
const { seedAwsFiles } = tsRequire('../test/e2e/harness/awsFiles.ts', import.meta.url);
const { installCodeServer, startCodeServer } = tsRequire(
  '../test/e2e/harness/codeServer.ts',
  import.meta.url,
);

const DEMO = { profile: 'grantwise-demo', role: 'grantwise-demo-admin', region: 'us-east-1' };
const portAt = process.argv.indexOf('--port');
const port = portAt >= 0 ? Number(process.argv[portAt + 1]) : undefined;
if (port !== undefined && !(port > 0 && port < 65536)) {
  console.error(`start: --port needs a port number, got '${process.argv[portAt + 1]}'`);
  process.exit(2);
}

const cleanups = [];
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (e) {
      console.error(`start: cleanup failed: ${e.message}`);
    }
  }
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.log(`\nstart: ${signal}, stopping code-server and moto_server`);
    void stop(0);
  });
}

try {
  console.log('start: building');
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the build failed (see above)');

  const temp = mkdtempSync(join(tmpdir(), 'gw-start-'));
  cleanups.push(() => rmSync(temp, { recursive: true, force: true }));
  const vsix = packageVsix({ build: false, out: join(temp, 'grantwise.vsix') });
  console.log(`start: packaged ${mib(vsix.bytes)} VSIX`);

  const binary = await installCodeServer();

  const moto = await startMoto();
  cleanups.push(() => moto.stop());
  const aws = await seedAwsFiles(moto.endpoint, {
    profile: DEMO.profile,
    userName: 'grantwise-demo',
    region: DEMO.region,
    assumeRole: { profile: DEMO.role, roleName: 'GrantwiseDemoAdmin' },
  });
  cleanups.push(() => aws.remove());
  console.log(`start: moto_server ${moto.endpoint} (pid ${moto.pid}), demo user ${aws.userArn}`);

  const codeServer = await startCodeServer({
    binary,
    vsix: vsix.file,
    workspace: join(root, 'examples'),
    env: aws.env,
    port,
    userSettings: { 'grantwise.aws.endpointUrl': moto.endpoint, 'grantwise.aws.profile': DEMO.profile },
  });
  cleanups.push(() => codeServer.stop());
  console.log(`start: code-server pid ${codeServer.pid}, AWS profiles from ${aws.dir}`);
  console.log(`\n  Grantwise is running: ${codeServer.url}\n\n  Press Ctrl-C to stop.\n`);
} catch (e) {
  console.error(`start: ${e.message}`);
  await stop(1);
}
