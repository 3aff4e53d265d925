/**
 * Activation cost of the extension, measured where users pay it: code-server (real VS Code) activates
 * Grantwise when its view opens, and activate() logs "Grantwise activated in X ms" to its LogOutputChannel,
 * which this bench reads back from the user-data-dir's logs. Reference, same run: activate() of the same
 * dist/extension.js in plain Node against a do-nothing `vscode` stub, i.e. the bundle's own cost without
 * the editor's; the require() of the bundle (which activate()'s own timer cannot see) is its own row. Also the size of dist/extension.js against the heavy bundles split out of it.
 * Measures the dist/ that is there (`npm run build` first; `npm run package` ships a minified one).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from './harness';
import { launchBrowser, openPage } from '../test/e2e/harness/browser';
import { installCodeServer, repoRoot, startCodeServer } from '../test/e2e/harness/codeServer';
import { Workbench, until } from '../test/e2e/harness/workbench';

const RUNS = 3;
const dist = join(repoRoot, 'dist');
const bundle = join(dist, 'extension.js');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kib = (file: string) => statSync(file).size / 1024;

/** The top-level names of the vscode API, so the stub can list them as esbuild's namespace import copies keys. */
function vscodeApiNames(): string[] {
  const dts = readFileSync(join(repoRoot, 'node_modules/@types/vscode/index.d.ts'), 'utf8');
  const names = new Set<string>();
  for (const m of dts.matchAll(/^\s*export (?:class|namespace|enum|const|function) (\w+)/gm)) names.add(m[1]);
  return [...names].sort();
}

/** require() + activate() in a fresh Node process with a stub vscode that accepts any call. */
function plainNodeActivation(names: string[]): { requireMs: number; activateMs: number } {
  const script = `
    const Module = require('node:module');
    const names = ${JSON.stringify(names)};
    const stub = (top) => new Proxy(function () {}, {
      get: (t, k) => top && api.has(k) ? api.get(k) : k === Symbol.iterator ? function* () {} : k === Symbol.toPrimitive ? () => '' : k === 'then' || k === 'prototype' ? t[k] : stub(),
      set: () => true,
      apply: () => stub(),
      construct: () => stub(),
      ownKeys: (t) => top ? [...new Set([...Reflect.ownKeys(t), ...names])] : Reflect.ownKeys(t),
      getOwnPropertyDescriptor: (t, k) => top && api.has(k) ? { configurable: true, enumerable: true, value: api.get(k) } : Reflect.getOwnPropertyDescriptor(t, k),
    });
    const api = new Map(names.map((n) => [n, stub()]));
    const vscode = stub(true);
    const load = Module._load;
    Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
    // The extension host has Node's built-in modules loaded already; so does this process before timing.
    process.noDeprecation = true;
    for (const m of Module.builtinModules) if (!m.startsWith('_')) { try { require(m); } catch {} }
    const t0 = performance.now();
    const ext = require(${JSON.stringify(bundle)});
    const t1 = performance.now();
    ext.activate({ subscriptions: [], extensionUri: stub(), extensionPath: ${JSON.stringify(repoRoot)}, globalState: stub(), workspaceState: stub(), secrets: stub(), asAbsolutePath: (p) => p });
    const t2 = performance.now();
    process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1 }));
  `;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  );
}

function jsFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dir, f));
}

async function codeServerActivations(): Promise<number[]> {
  const temp = mkdtempSync(join(tmpdir(), 'gw-bench-'));
  const vsix = join(temp, 'grantwise.vsix');
  execFileSync(process.execPath, [join(repoRoot, 'scripts/package.mjs'), '--no-build', '--out', vsix], {
    stdio: 'ignore',
  });
  const workspace = join(temp, 'workspace');
  mkdirSync(workspace);
  const codeServer = await startCodeServer({
    binary: await installCodeServer(),
    vsix,
    workspace,
    env: { AWS_CONFIG_FILE: join(temp, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(temp, 'none') },
  });
  const browser = await launchBrowser();
  try {
    const workbench = new Workbench(await openPage(browser, codeServer.url));
    const times: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      // Each page load gets a fresh extension host; opening the view is what activates Grantwise.
      if (run > 1) await workbench.page.reload({ waitUntil: 'domcontentloaded' });
      await workbench.ready();
      await workbench.openViewContainer('Grantwise');
      const lines = await until(
        () => Promise.resolve(activationLines(codeServer.userDataDir, run)),
        `activation ${run}`,
        90_000,
      );
      times.push(lines[run - 1]);
    }
    return times;
  } finally {
    await browser.close();
    await codeServer.stop();
    rmSync(temp, { recursive: true, force: true });
  }
}

/** Every "Grantwise activated in X ms" logged so far, oldest first; undefined until there are `count`. */
function activationLines(userDataDir: string, count: number): number[] | undefined {
  const found: Array<{ at: string; ms: number }> = [];
  for (const file of readdirSync(join(userDataDir, 'logs'), { recursive: true, encoding: 'utf8' })) {
    if (!/Grantwise\.log$/.test(file)) continue;
    const text = readFileSync(join(userDataDir, 'logs', file), 'utf8');
    for (const m of text.matchAll(/^(\S+ \S+) \[info\] Grantwise activated in ([\d.]+) ms$/gm)) {
      found.push({ at: m[1], ms: Number(m[2]) });
    }
  }
  found.sort((a, b) => a.at.localeCompare(b.at));
  return found.length >= count ? found.map((f) => f.ms) : undefined;
}

(async () => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
  const names = vscodeApiNames();
  const plain = Array.from({ length: 5 }, () => plainNodeActivation(names));
  const inCodeServer = await codeServerActivations();
  const activateMs = median(inCodeServer);
  console.error(`activation: code-server runs ${inCodeServer.map((t) => t.toFixed(2)).join(', ')} ms`);
  report({
    name: `activate() in code-server, median of ${RUNS} (extension log)`,
    value: activateMs,
    unit: 'ms',
    reference: { name: 'activate() in Node, stub vscode', value: median(plain.map((p) => p.activateMs)) },
    target: '< 50 ms',
    pass: activateMs < 50,
  });
  const requireMs = median(plain.map((p) => p.requireMs));
  report({
    name: 'require(dist/extension.js) in Node (builtins loaded), stub vscode, median of 5',
    value: requireMs,
    unit: 'ms',
    target: '< 50 ms',
    pass: requireMs < 50,
  });
  const heavy = [...jsFilesUnder(join(dist, 'heavy')), ...jsFilesUnder(join(dist, 'workers'))];
  const heavyKiB = heavy.reduce((sum, f) => sum + kib(f), 0);
  report({
    name: 'dist/extension.js size',
    value: kib(bundle),
    unit: 'KiB',
    reference: { name: `${heavy.length} heavy bundles split out`, value: heavyKiB },
    target: '< 1024 KiB',
    pass: kib(bundle) < 1024,
  });
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
