// Writes schemas/canvas.schema.json and schemas/roles.schema.json from the tables in
// src/core/deployment (run: node --import tsx scripts/generate-schemas.ts), formatted like the rest of the
// repository. A unit test fails when the checked-in files differ from what this generates.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { canvasJsonSchema, rolesJsonSchema } from '../src/core/deployment/schemas';

async function write(file: string, schema: unknown): Promise<void> {
  const path = join(__dirname, '..', file);
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(JSON.stringify(schema), { ...options, filepath: path }));
}

void (async () => {
  await write('schemas/canvas.schema.json', canvasJsonSchema());
  await write('schemas/roles.schema.json', rolesJsonSchema());
  process.stdout.write('schemas: wrote schemas/canvas.schema.json and schemas/roles.schema.json\n');
})();
