import { CANVAS_FIELDS } from './canvas';
import { CANVAS_TYPES, type FieldSpec } from './canvasTypes';
import { SERVICE_TYPES } from './model';
import { ACCOUNT_PATTERN, PERMISSION_FIELDS, REGION_PATTERN, ROLE_FIELDS } from './roles';

/**
 * JSON Schemas for the editor's JSON language support (completion, hover), generated from the same tables
 * the checks use; `scripts/generate-schemas.ts` writes them to schemas/ and a unit test keeps them equal.
 */
type Schema = Record<string, unknown>;

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
