// Writes schemas/canvas.schema.json and schemas/roles.schema.json (validating, for other tools) and their
// completion-only copies under schemas/editor/ (what the extension contributes) from the tables in
// src/core/deployment (run: node --import tsx scripts/generate-schemas.ts), formatted like the rest of the
// repository. A unit test fails when the checked-in files differ from what this generates.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as prettier from 'prettier';
import { canvasJsonSchema, editorSchema, rolesJsonSchema } from '../src/core/deployment/schemas';

async function write(file: string, schema: unknown): Promise<void> {
  const path = join(__dirname, '..', file);
  mkdirSync(dirname(path), { recursive: true });
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(JSON.stringify(schema), { ...options, filepath: path }));
  process.stdout.write(`schemas: wrote ${file}\n`);
}

void (async () => {
  for (const [name, schema] of [
    ['canvas', canvasJsonSchema()],
    ['roles', rolesJsonSchema()],
  ] as const) {
    await write(`schemas/${name}.schema.json`, schema);
    await write(`schemas/editor/${name}.schema.json`, editorSchema(schema));
  }
})();
