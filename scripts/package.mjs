// `npm run package`: production build, then `vsce package --no-dependencies` (the VSIX ships the bundled
// dist/ and no node_modules). Prints the size and fails at 5 MB or more.
//   node scripts/package.mjs [--no-build] [--out FILE]
// The e2e suite and `npm start` import packageVsix() to package the dist/ they just built.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, existsSync, mkdirSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MAX_VSIX_BYTES = 5 * 1024 * 1024;

function run(what, args) {
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) {
    throw new Error(`package: ${what} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  }
  return r.stdout;
}

/**
 * Packages the extension into `out` and returns its path and size. With `build`, makes a production build
 * first; without, packages the dist/ that is there (and fails if there is none).
 */
export function packageVsix({ out, build = true } = {}) {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const file = resolve(out ?? join(root, `${name}-${version}.vsix`));
  if (build) run('production build', [join(root, 'scripts/build.mjs'), '--production']);
  if (!existsSync(join(root, 'dist/extension.js'))) {
    throw new Error('package: dist/extension.js is missing; run `npm run build` first');
  }
  mkdirSync(dirname(file), { recursive: true });
  // README images are shipped in media/ and resolve relative to the installed extension, so links stay
  // relative (the repository URL is not a GitHub one vsce could rewrite them against).
  run('vsce package', [
    join(root, 'node_modules/@vscode/vsce/vsce'),
    'package',
    '--no-dependencies',
    '--no-rewrite-relative-links',
    '--out',
    file,
  ]);
  const bytes = statSync(file).size;
  if (bytes >= MAX_VSIX_BYTES) {
    throw new Error(
      `package: ${relative(root, file)} is ${mib(bytes)}, over the 5 MB limit; see .vscodeignore`,
    );
  }
  return { file, bytes };
}

export const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  try {
    const { file, bytes } = packageVsix({
      build: !args.includes('--no-build'),
      out: outAt >= 0 ? args[outAt + 1] : undefined,
    });
    console.log(`package: ${relative(root, file)} ${mib(bytes)} (${bytes} bytes, limit 5 MiB)`);
  } catch (e) {
    console.error(e.message);
    process.exitCode = 1;
  }
}
