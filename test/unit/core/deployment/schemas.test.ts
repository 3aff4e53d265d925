import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CANVAS_TYPES } from '../../../../src/core/deployment/canvasTypes';
import { SERVICE_TYPES } from '../../../../src/core/deployment/model';
import { canvasJsonSchema, rolesJsonSchema } from '../../../../src/core/deployment/schemas';

const root = path.join(__dirname, '../../../..');
const read = (f: string) => JSON.parse(readFileSync(path.join(root, f), 'utf8')) as Record<string, unknown>;

describe('deployment JSON schemas', () => {
  it('the checked-in canvas schema equals the one generated from the config spec table', () => {
    assert.deepEqual(
      read('schemas/canvas.schema.json'),
      canvasJsonSchema(),
      'run: node --import tsx scripts/generate-schemas.ts',
    );
  });

  it('the checked-in roles schema equals the generated one', () => {
    assert.deepEqual(
      read('schemas/roles.schema.json'),
      rolesJsonSchema(),
      'run: node --import tsx scripts/generate-schemas.ts',
    );
  });

  it('types the config of all 19 resource types, closed to unknown fields', () => {
    const defs = canvasJsonSchema().definitions as Record<
      string,
      { properties: Record<string, unknown>; additionalProperties: boolean }
    >;
    assert.equal(SERVICE_TYPES.length, 19);
    for (const type of SERVICE_TYPES) {
      assert.deepEqual(
        Object.keys(defs[type].properties),
        Object.keys(CANVAS_TYPES[type].fields).sort(),
        type,
      );
      assert.equal(defs[type].additionalProperties, false, type);
    }
    assert.deepEqual(defs.EC2.properties.count, {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      description: 'Number of identical instances.',
      default: 1,
    });
  });

  it('is registered for *.canvas.json and .grantwise/roles.json', () => {
    const pkg = read('package.json') as {
      contributes: { jsonValidation: { fileMatch: string; url: string }[] };
    };
    assert.deepEqual(
      pkg.contributes.jsonValidation.filter((j) => j.url.includes('canvas') || j.url.includes('roles')),
      [
        { fileMatch: '*.canvas.json', url: './schemas/canvas.schema.json' },
        { fileMatch: '**/.grantwise/roles.json', url: './schemas/roles.schema.json' },
      ],
    );
  });
});
