// Bundles the extension, the CLI, the heavy lazily-loaded modules, workers and the webview with esbuild.
//
// Layout of dist/:
//   extension.js      activation path only (vscode external); must stay small
//   heavy/<name>.js   one bundle per src/heavy/<name>.ts (AWS SDK, IAM engine, jsonnet, nunjucks...),
//                     loaded on first use through `await import('../heavy/<name>')`
//   workers/<name>.js one bundle per src/**/<name>.worker.ts, run as child processes
//   cli.js            the `grantwise` command
//   webview/<name>.js browser bundles for webview panels
// Extra steps (catalog index, native addon copy, templates) live in scripts/build-steps/*.mjs.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, basename, dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Keeps src/heavy/* out of every bundle but its own: the importer gets a runtime require of dist/heavy/<name>.js. */
const splitHeavy = {
  name: 'split-heavy',
  setup(build) {
    build.onResolve({ filter: /(^|\/)heavy\/[\w-]+$/ }, (args) => {
      const target = join(args.resolveDir, args.path);
      const heavyDir = join(root, 'src', 'heavy');
      if (dirname(target) !== heavyDir) return undefined;
      const outFile = build.initialOptions.outfile;
      const fromDir = dirname(outFile);
      let rel = relative(fromDir, join(dist, 'heavy', basename(target) + '.js'));
      if (!rel.startsWith('.')) rel = './' + rel;
      return { path: rel, external: true };
    });
  },
};

const nodeCommon = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  keepNames: true,
  legalComments: 'none',
  external: ['vscode'],
  // jsonc-parser's UMD main does runtime requires of its own files; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  plugins: [splitHeavy],
  // Native addons stay as runtime requires; build-steps copy them into dist/native.
  loader: { '.node': 'copy' },
  metafile: true,
};

const builds = [
  { ...nodeCommon, entryPoints: [join(root, 'src/extension/main.ts')], outfile: join(dist, 'extension.js') },
  {
    ...nodeCommon,
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile: join(dist, 'cli.js'),
    banner: { js: '#!/usr/bin/env node' },
  },
];
for (const file of walk(join(root, 'src/heavy')).filter((f) => f.endsWith('.ts'))) {
  builds.push({
    ...nodeCommon,
    entryPoints: [file],
    outfile: join(dist, 'heavy', basename(file, '.ts') + '.js'),
  });
}
for (const file of walk(join(root, 'src')).filter((f) => f.endsWith('.worker.ts'))) {
  builds.push({
    ...nodeCommon,
    entryPoints: [file],
    outfile: join(dist, 'workers', basename(file, '.worker.ts') + '.js'),
  });
}
for (const file of walk(join(root, 'webview')).filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts'))) {
  if (dirname(file) !== join(root, 'webview')) continue;
  builds.push({
    entryPoints: [file],
    outfile: join(dist, 'webview', basename(file).replace(/\.tsx?$/, '.js')),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
  });
}

if (!watch) rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const stepsDir = join(root, 'scripts/build-steps');
const steps = existsSync(stepsDir)
  ? readdirSync(stepsDir)
      .filter((f) => f.endsWith('.mjs'))
      .sort()
  : [];
async function runSteps() {
  for (const step of steps) {
    const mod = await import(pathToFileURL(join(stepsDir, step)).href);
    await mod.default({ root, dist, production });
  }
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await runSteps();
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`build: watching ${contexts.length} bundles`);
} else {
  const started = Date.now();
  await runSteps();
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  const sizes = builds.map((b, i) => {
    const out = Object.entries(results[i].metafile.outputs).find(([p]) => p.endsWith('.js'));
    return `${relative(root, b.outfile)} ${(out[1].bytes / 1024).toFixed(0)} KiB`;
  });
  console.log(`build: ${builds.length} bundles in ${Date.now() - started} ms\n  ${sizes.join('\n  ')}`);
}
