import * as assert from 'node:assert/strict';
import { addServiceEdits, parseRoles } from '../../../../src/core/deployment/roles';
import { rangeOf, valueRange } from './rangeOf';

function apply(text: string, edits: { offset: number; length: number; content: string }[]): string {
  return [...edits]
    .sort((a, b) => b.offset - a.offset)
    .reduce((t, e) => t.slice(0, e.offset) + e.content + t.slice(e.offset + e.length), text);
}

describe('roles.json', () => {
  it('reads roles with their allowed services in canonical order and their permissions', () => {
    const text = JSON.stringify({
      roles: [
        {
          name: 'web-team',
          description: 'Web tier',
          aws_region: 'us-east-1',
          aws_account_id: '123456789012',
          allowed_services: ['S3', 'EC2', 'ALB'],
          permissions: { can_deploy: true, can_view_cost: true, can_manage_roles: false },
        },
      ],
    });
    const { roles, problems } = parseRoles(text, '/ws/.grantwise/roles.json');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      roles.map(({ range: _r, ...r }) => r),
      [
        {
          name: 'web-team',
          description: 'Web tier',
          awsRegion: 'us-east-1',
          awsAccountId: '123456789012',
          allowedServices: ['ALB', 'EC2', 'S3'],
          permissions: { canDeploy: true, canViewCost: true, canManageRoles: false },
          index: 0,
        },
      ],
    );
  });

  it('reports each problem at its element', () => {
    const text = JSON.stringify(
      {
        roles: [
          {
            name: 'a',
            aws_region: 'us-east',
            aws_account_id: 123456789012,
            allowed_services: ['EC2', 'LAMDA', 'EC2'],
            permissions: { can_deploi: true, can_view_cost: 'yes' },
            team: 'x',
          },
          { name: 'a', allowed_services: [] },
          { description: 'no name' },
        ],
      },
      null,
      2,
    );
    const { roles, problems } = parseRoles(text, '/ws/.grantwise/roles.json');
    assert.deepEqual(
      problems.map((p) => [p.severity, p.check, p.path, p.range]),
      [
        ['error', 'roles-invalid-value', '/roles/0/aws_region', valueRange(text, 'aws_region', '"us-east"')],
        [
          'error',
          'roles-wrong-type',
          '/roles/0/aws_account_id',
          valueRange(text, 'aws_account_id', '123456789012'),
        ],
        ['error', 'roles-unknown-service', '/roles/0/allowed_services/1', rangeOf(text, '"LAMDA"')],
        ['warning', 'roles-duplicate-service', '/roles/0/allowed_services/2', rangeOf(text, '"EC2"', 1)],
        ['warning', 'roles-unknown-field', '/roles/0/permissions/can_deploi', rangeOf(text, '"can_deploi"')],
        ['error', 'roles-wrong-type', '/roles/0/permissions/can_view_cost', rangeOf(text, '"yes"')],
        ['warning', 'roles-unknown-field', '/roles/0/team', rangeOf(text, '"team"')],
        ['error', 'roles-duplicate-name', '/roles/1/name', valueRange(text, 'name', '"a"', 1)],
        [
          'error',
          'roles-missing-field',
          '/roles/2',
          rangeOf(text, '{\n      "description": "no name"\n    }'),
        ],
      ],
    );
    assert.match(problems[2].message, /Did you mean 'LAMBDA'\?/);
    assert.match(problems[1].message, /write "123456789012" in quotes/);
    assert.deepEqual(
      roles.map((r) => [r.name, r.allowedServices, r.awsRegion, r.awsAccountId]),
      [['a', ['EC2'], undefined, undefined]],
    );
  });

  it('leaves out a region or account id of the wrong form, saying how to write it', () => {
    const text = JSON.stringify(
      {
        roles: [
          { name: 'a', aws_region: 'moon-1', aws_account_id: '12345', allowed_services: [] },
          { name: 'b', aws_region: 'eu-west-2', aws_account_id: '210987654321', allowed_services: [] },
        ],
      },
      null,
      2,
    );
    const { roles, problems } = parseRoles(text, '/ws/.grantwise/roles.json');
    assert.deepEqual(
      problems.map((p) => [p.severity, p.check, p.path, p.file, p.range, p.message]),
      [
        [
          'error',
          'roles-invalid-value',
          '/roles/0/aws_region',
          '/ws/.grantwise/roles.json',
          valueRange(text, 'aws_region', '"moon-1"'),
          "Role 'a': 'moon-1' is not an AWS region; write it like us-east-1.",
        ],
        [
          'error',
          'roles-invalid-value',
          '/roles/0/aws_account_id',
          '/ws/.grantwise/roles.json',
          valueRange(text, 'aws_account_id', '"12345"'),
          `Role 'a': the account id must be exactly 12 digits, like "123456789012".`,
        ],
      ],
    );
    assert.deepEqual(
      roles.map((r) => [r.name, r.awsRegion, r.awsAccountId]),
      [
        ['a', undefined, undefined],
        ['b', 'eu-west-2', '210987654321'],
      ],
    );
  });

  it('rejects a file without a roles list', () => {
    const { problems } = parseRoles('[]', 'roles.json');
    assert.deepEqual(
      problems.map((p) => [p.check, p.range]),
      [['roles-wrong-type', rangeOf('[]', '[]')]],
    );
  });

  it('adds a service at its canonical place in a sorted list, keeping the layout', () => {
    const text =
      '{\n  "roles": [\n    {\n      "name": "data-team",\n      "allowed_services": ["DYNAMODB", "LAMBDA", "SQS"]\n    }\n  ]\n}\n';
    const out = apply(text, addServiceEdits(text, 0, 'ELASTICACHE'));
    assert.equal(out, text.replace('"DYNAMODB", "LAMBDA"', '"DYNAMODB", "ELASTICACHE", "LAMBDA"'));
    assert.deepEqual(parseRoles(out, 'r.json').roles[0].allowedServices, [
      'DYNAMODB',
      'ELASTICACHE',
      'LAMBDA',
      'SQS',
    ]);
  });

  it('appends to an unsorted list and creates a missing one', () => {
    const unsorted = '{ "roles": [ { "name": "x", "allowed_services": ["SQS", "EC2"] } ] }';
    assert.deepEqual(
      parseRoles(apply(unsorted, addServiceEdits(unsorted, 0, 'ALB')), 'r').roles[0].allowedServices,
      ['ALB', 'EC2', 'SQS'],
    );
    assert.match(apply(unsorted, addServiceEdits(unsorted, 0, 'ALB')), /\["SQS", "EC2", "ALB"\]/);
    const missing = '{\n  "roles": [\n    {\n      "name": "x"\n    }\n  ]\n}';
    const created = apply(missing, addServiceEdits(missing, 0, 'S3'));
    assert.deepEqual(parseRoles(created, 'r').roles[0].allowedServices, ['S3']);
  });
});
