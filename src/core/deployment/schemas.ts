import { CANVAS_FIELDS } from './canvas';
import { CANVAS_TYPES, type FieldSpec } from './canvasTypes';
import { SERVICE_TYPES } from './model';
import { ACCOUNT_PATTERN, PERMISSION_FIELDS, REGION_PATTERN, ROLE_FIELDS } from './roles';

/**
 * JSON Schemas generated from the same tables the checks use; `scripts/generate-schemas.ts` writes them to
 * schemas/ and a unit test keeps them equal. The full schemas validate (for other tools and CI). The
 * editor gets `editorSchema` copies that only complete and explain: Grantwise's own diagnostics already
 * report every problem, with ranges and fixes, and VS Code's JSON validation would repeat each one.
 */
type Schema = Record<string, unknown>;

/** Keywords that only ever produce validation errors; completion and hover do not read them. */
const VALIDATION_ONLY = new Set([
  'additionalProperties',
  'maximum',
  'minimum',
  'minLength',
  'pattern',
  'propertyNames',
  'required',
  'uniqueItems',
]);

/** What VS Code inserts for a property of this type, in place of the `type` it would validate. */
const SNIPPET_FOR_TYPE: Record<string, unknown> = {
  array: [],
  boolean: false,
  integer: 0,
  number: 0,
  object: {},
  string: '',
};

const SUBSCHEMA = new Set(['items', 'if', 'then', 'else', 'not']);
const SUBSCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf']);
const SUBSCHEMA_MAP = new Set(['properties', 'definitions']);

/**
 * The schema without its validation: `type` becomes the value VS Code inserts, `enum` becomes `examples`
 * (still offered as completions), and validation-only keywords go. `const` stays: it is only used in the
 * `if` that picks a node's config by its resourceType.
 */
export function editorSchema(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (VALIDATION_ONLY.has(key)) continue;
    if (key === 'type') {
      if (schema.default === undefined) out.defaultSnippets = [{ body: SNIPPET_FOR_TYPE[value as string] }];
    } else if (key === 'enum') out.examples = value;
    else if (SUBSCHEMA.has(key)) out[key] = editorSchema(value as Schema);
    else if (SUBSCHEMA_LIST.has(key)) out[key] = (value as Schema[]).map(editorSchema);
    else if (SUBSCHEMA_MAP.has(key)) {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, editorSchema(v)]),
      );
    } else out[key] = value;
  }
  return out;
}

export function canvasJsonSchema(): Schema {
  const definitions: Record<string, Schema> = {};
  for (const type of SERVICE_TYPES) {
    definitions[type] = {
      title: `${CANVAS_TYPES[type].title} (${type})`,
      ...objectSchema(CANVAS_TYPES[type].fields),
    };
  }
  const number = { type: 'number' };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://grantwise.invalid/schemas/canvas.schema.json',
    title: 'Grantwise canvas',
    description:
      'A deployment drawn as nodes (resources) and edges (which resource uses which), owned by a team role.',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      name: { type: 'string', description: 'Deployment name; defaults to the file name.' },
      role: {
        type: 'string',
        description: 'Team role from .grantwise/roles.json whose allowed services apply.',
      },
      region: {
        type: 'string',
        pattern: REGION_PATTERN,
        description: "AWS region; defaults to the role's region.",
      },
      nodes: { type: 'array', items: { $ref: '#/definitions/node' } },
      edges: { type: 'array', items: { $ref: '#/definitions/edge' } },
      viewport: {
        type: 'object',
        properties: { x: number, y: number, zoom: number },
        description: 'Where the canvas editor was scrolled and zoomed.',
      },
    },
    propertyNames: { enum: [...CANVAS_FIELDS] },
    required: ['nodes'],
    definitions: {
      node: {
        type: 'object',
        properties: {
          id: { type: 'string', minLength: 1, description: 'Unique node id that edges refer to.' },
          type: { type: 'string', description: 'Editor node kind, usually "resource".' },
          position: { type: 'object', properties: { x: number, y: number } },
          data: { $ref: '#/definitions/data' },
        },
        required: ['id', 'data'],
      },
      data: {
        type: 'object',
        properties: {
          resourceType: { enum: [...SERVICE_TYPES], description: 'One of the 19 resource types.' },
          label: {
            type: 'string',
            description: 'Resource name as shown; the Terraform name derives from it.',
          },
          config: { type: 'object' },
        },
        required: ['resourceType'],
        additionalProperties: false,
        allOf: SERVICE_TYPES.map((type) => ({
          if: { properties: { resourceType: { const: type } }, required: ['resourceType'] },
          then: { properties: { config: { $ref: `#/definitions/${type}` } } },
        })),
      },
      edge: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          source: { type: 'string', description: 'Id of the node that uses the target.' },
          target: { type: 'string', description: 'Id of the node being used.' },
        },
        required: ['id', 'source', 'target'],
      },
      ...definitions,
    },
  };
}

export function rolesJsonSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://grantwise.invalid/schemas/roles.schema.json',
    title: 'Grantwise team roles',
    description: 'Team roles and the service types their canvases may use.',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      roles: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, description: ROLE_FIELDS.name },
            description: { type: 'string', description: ROLE_FIELDS.description },
            aws_region: { type: 'string', pattern: REGION_PATTERN, description: ROLE_FIELDS.aws_region },
            aws_account_id: {
              type: 'string',
              pattern: ACCOUNT_PATTERN,
              description: ROLE_FIELDS.aws_account_id,
            },
            allowed_services: {
              type: 'array',
              items: { enum: [...SERVICE_TYPES] },
              uniqueItems: true,
              description: ROLE_FIELDS.allowed_services,
            },
            permissions: {
              type: 'object',
              description: ROLE_FIELDS.permissions,
              properties: Object.fromEntries(
                Object.entries(PERMISSION_FIELDS).map(([k, description]) => [
                  k,
                  { type: 'boolean', description },
                ]),
              ),
              additionalProperties: false,
            },
          },
          required: ['name', 'allowed_services'],
          additionalProperties: false,
        },
      },
    },
    required: ['roles'],
    additionalProperties: false,
  };
}

function objectSchema(fields: Readonly<Record<string, FieldSpec>>): Schema {
  const keys = Object.keys(fields).sort();
  const required = keys.filter((k) => fields[k].required);
  return {
    type: 'object',
    properties: Object.fromEntries(keys.map((k) => [k, fieldSchema(fields[k])])),
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

function fieldSchema(f: FieldSpec): Schema {
  const common: Schema = { description: f.description };
  if (f.default !== undefined) common.default = f.default;
  const str = (): Schema => ({
    type: 'string',
    ...(f.enum ? { enum: [...f.enum] } : {}),
    ...(f.pattern ? { pattern: f.pattern.source } : {}),
  });
  switch (f.kind) {
    case 'string':
      return { ...str(), ...common };
    case 'integer':
    case 'number':
      return {
        type: f.kind,
        ...(f.minimum !== undefined ? { minimum: f.minimum } : {}),
        ...(f.maximum !== undefined ? { maximum: f.maximum } : {}),
        ...common,
      };
    case 'boolean':
      return { type: 'boolean', ...common };
    case 'string[]':
      return { type: 'array', items: str(), ...common };
    case 'object[]':
      return { type: 'array', items: objectSchema(f.items ?? {}), ...common };
  }
}
