import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CANVAS_TYPES } from '../../../../src/core/deployment/canvasTypes';
import { SERVICE_TYPES } from '../../../../src/core/deployment/model';
import { canvasJsonSchema, editorSchema, rolesJsonSchema } from '../../../../src/core/deployment/schemas';

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

  it('contributes completion-only copies to the editor: same properties, descriptions and values, no validation', () => {
    for (const [name, full] of [
      ['canvas', canvasJsonSchema()],
      ['roles', rolesJsonSchema()],
    ] as const) {
      const editor = editorSchema(full);
      assert.deepEqual(
        read(`schemas/editor/${name}.schema.json`),
        editor,
        'run: node --import tsx scripts/generate-schemas.ts',
      );
      assert.deepEqual(paths(editor), paths(full), name);
      const keywords = new Set<string>();
      walk(editor, (k) => keywords.add(k));
      for (const k of [
        'type',
        'enum',
        'required',
        'additionalProperties',
        'pattern',
        'minimum',
        'propertyNames',
      ])
        assert.ok(!keywords.has(k), `${name}: ${k}`);
    }
    const ec2 = (
      editorSchema(canvasJsonSchema()).definitions as Record<string, { properties: Record<string, unknown> }>
    ).EC2;
    assert.deepEqual(ec2.properties.count, { description: 'Number of identical instances.', default: 1 });
    const data = (
      editorSchema(canvasJsonSchema()).definitions as Record<
        string,
        { properties: Record<string, { examples: unknown }> }
      >
    ).data;
    assert.deepEqual(data.properties.resourceType.examples, [...SERVICE_TYPES]);
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
        { fileMatch: '*.canvas.json', url: './schemas/editor/canvas.schema.json' },
        { fileMatch: '**/.grantwise/roles.json', url: './schemas/editor/roles.schema.json' },
      ],
    );
  });
});

/** Every `properties` key path, the part of a schema completion and hover use. */
function paths(schema: unknown, at = ''): string[] {
  const out: string[] = [];
  walk(
    schema,
    (key, value, where) => {
      if (key === 'properties') for (const k of Object.keys(value as object)) out.push(`${where}/${k}`);
    },
    at,
  );
  return out.sort();
}

function walk(node: unknown, visit: (key: string, value: unknown, at: string) => void, at = ''): void {
  if (typeof node !== 'object' || node === null) return;
  for (const [k, v] of Object.entries(node)) {
    visit(k, v, at);
    // Default and example values are data, not schema; under properties and definitions keys are names.
    if (k === 'default' || k === 'examples' || k === 'defaultSnippets') continue;
    if (k === 'properties' || k === 'definitions') {
      for (const [name, sub] of Object.entries(v as object)) walk(sub, visit, `${at}/${k}/${name}`);
    } else walk(v, visit, `${at}/${k}`);
  }
}
