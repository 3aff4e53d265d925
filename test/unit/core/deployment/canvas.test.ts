import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { canvasDeployment, parseCanvas } from '../../../../src/core/deployment/canvas';
import { parseRoles } from '../../../../src/core/deployment/roles';
import { rangeOf, valueRange } from './rangeOf';

const ROLES_FILE = '/ws/.grantwise/roles.json';
const ROLES = parseRoles(
  JSON.stringify({
    roles: [
      {
        name: 'web-team',
        aws_region: 'eu-central-1',
        aws_account_id: '123456789012',
        allowed_services: ['EBS', 'EC2', 'RDS', 'S3', 'SECURITY_GROUP'],
      },
    ],
  }),
  ROLES_FILE,
);

function canvas(nodes: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    { role: 'web-team', nodes, edges: [], viewport: { x: 0, y: 0, zoom: 1 }, ...extra },
    null,
    2,
  );
}

function node(id: string, resourceType: string, label: string, config: Record<string, unknown>) {
  return { id, type: 'resource', position: { x: 0, y: 0 }, data: { resourceType, label, config } };
}

const load = (text: string, file = '/ws/app.canvas.json') => canvasDeployment(parseCanvas(text, file), ROLES);

describe('canvas files', () => {
  it('warns on an unknown config field at its key, and suggests the near name', () => {
    const text = canvas([
      node('n1', 'EC2', 'web', { ami: 'ami-0abc1234def567890', instanceTyp: 't3.small' }),
    ]);
    const d = load(text);
    assert.deepEqual(
      d.problems.map((p) => [p.severity, p.check, p.path, p.range]),
      [
        [
          'warning',
          'config-unknown-field',
          '/nodes/0/data/config/instanceTyp',
          rangeOf(text, '"instanceTyp"'),
        ],
      ],
    );
    assert.match(d.problems[0].message, /no field 'instanceTyp'.*Did you mean 'instanceType'\?/);
    assert.equal(
      d.resources[0].config.instanceType,
      't3.micro',
      'the default stands in for the misspelt field',
    );
  });

  it('reports a wrong type as an error on the value, with how to fix it', () => {
    const text = canvas([
      node('n1', 'EC2', 'web', { ami: 'ami-0abc1234def567890', count: '2', publicIp: 'yes' }),
    ]);
    const d = load(text);
    assert.deepEqual(
      d.problems.map((p) => [p.severity, p.check, p.path, p.range]),
      [
        ['error', 'config-wrong-type', '/nodes/0/data/config/count', rangeOf(text, '"2"')],
        ['error', 'config-wrong-type', '/nodes/0/data/config/publicIp', rangeOf(text, '"yes"')],
      ],
    );
    assert.equal(
      d.problems[0].message,
      `Node 'web': EC2 config field 'count' must be a whole number, not the string "2". Write 2 without quotes.`,
    );
  });

  it('checks enums, ranges, patterns and required fields', () => {
    const text = canvas([
      node('db', 'RDS', 'orders', { engine: 'postgress', storageGb: 5 }),
      node('vm', 'EC2', 'vm', { ami: 'ubuntu' }),
      node('fn', 'LAMBDA', 'fn', { timeoutSec: 2.5 }),
      node('vm2', 'EC2', 'vm2', {}),
    ]);
    const d = load(text);
    const got = d.problems.map((p) => [p.check, p.path, p.range]);
    assert.deepEqual(got, [
      ['config-invalid-value', '/nodes/0/data/config/engine', rangeOf(text, '"postgress"')],
      ['config-out-of-range', '/nodes/0/data/config/storageGb', valueRange(text, 'storageGb', '5')],
      ['config-invalid-value', '/nodes/1/data/config/ami', rangeOf(text, '"ubuntu"')],
      ['canvas-service-not-allowed', '/nodes/2/data/resourceType', rangeOf(text, '"LAMBDA"')],
      ['config-wrong-type', '/nodes/2/data/config/timeoutSec', rangeOf(text, '2.5')],
      ['config-missing-field', '/nodes/3/data/config', rangeOf(text, '"config"', 3)],
    ]);
    assert.match(d.problems[0].message, /use one of .*postgres.*Did you mean 'postgres'\?/);
    assert.match(d.problems[1].message, /is 5; it must be between 20 and 65536/);
    assert.match(d.problems[5].message, /EC2 config needs 'ami'/);
  });

  it('flags a node whose type the role does not allow, on its resourceType, and nothing when allowed', () => {
    const text = canvas([
      node('vm', 'EC2', 'web', { ami: 'ami-0abc1234def567890' }),
      node('q', 'SQS', 'jobs', {}),
    ]);
    const d = load(text);
    assert.equal(d.problems.length, 1);
    const p = d.problems[0];
    assert.deepEqual(
      [p.severity, p.check, p.path, p.range],
      ['error', 'canvas-service-not-allowed', '/nodes/1/data/resourceType', rangeOf(text, '"SQS"')],
    );
    assert.deepEqual(p.data, { role: 'web-team', roleIndex: 0, service: 'SQS', rolesFile: ROLES_FILE });
    assert.equal(d.role, 'web-team');
    assert.equal(d.region, 'eu-central-1');
    assert.equal(d.accountId, '123456789012');
  });

  it('reports an unknown role at the role value', () => {
    const text = canvas([], { role: 'web-teem' });
    const d = load(text);
    assert.deepEqual(
      d.problems.map((p) => [p.check, p.range]),
      [['canvas-unknown-role', rangeOf(text, '"web-teem"')]],
    );
    assert.match(d.problems[0].message, /Did you mean 'web-team'\?/);
  });

  it('reports dangling edges on the missing end and duplicate node ids on the second id', () => {
    const text = canvas([node('a', 'S3', 'a', {}), node('a', 'S3', 'b', {}), node('c', 'S3', 'c', {})], {
      edges: [
        { id: 'e1', source: 'a', target: 'missing' },
        { id: 'e2', source: 'c', target: 'a' },
      ],
    });
    const d = load(text);
    assert.deepEqual(
      d.problems.map((p) => [p.check, p.path, p.range]),
      [
        ['canvas-duplicate-id', '/nodes/1/id', valueRange(text, 'id', '"a"', 1)],
        ['canvas-dangling-edge', '/edges/0/target', rangeOf(text, '"missing"')],
      ],
    );
    assert.deepEqual(d.resources.find((r) => r.id === 'c')!.dependsOn, ['a']);
  });

  it('reports JSON syntax errors at their place and yields no resources', () => {
    const text = '{ "role": "web-team", "nodes": [ { "id": "x" ] }';
    const d = load(text);
    assert.equal(d.problems[0].check, 'canvas-syntax');
    assert.deepEqual(d.problems[0].range, rangeOf(text, ']'));
    assert.equal(d.problems.length, 1);
    assert.match(d.problems[0].message, /^JSON syntax error: comma expected\. Fix the JSON here/);
    assert.deepEqual(d.resources, []);
  });

  it('resolves references by label, fills defaults and sorts resources by type then name', () => {
    const text = canvas([
      node('n-vol', 'EBS', 'Data Volume', { sizeGb: 100, attachTo: 'Web Server' }),
      node('n-web', 'EC2', 'Web Server', {
        ami: 'ami-0abc1234def567890',
        securityGroups: ['web sg', 'nope'],
      }),
      node('n-sg', 'SECURITY_GROUP', 'web sg', {
        rules: [{ direction: 'ingress', protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '0.0.0.0/0' }],
      }),
      node('n-b', 'S3', 'Web Server', {}),
    ]);
    const d = load(text);
    assert.deepEqual(
      d.resources.map((r) => [r.type, r.name, r.id, r.dependsOn]),
      [
        ['EBS', 'data_volume', 'n-vol', ['n-web']],
        ['EC2', 'web_server', 'n-web', ['n-sg']],
        ['S3', 'web_server_2', 'n-b', []],
        ['SECURITY_GROUP', 'web_sg', 'n-sg', []],
      ],
    );
    const ec2 = d.resources[1];
    assert.deepEqual(ec2.config, {
      ami: 'ami-0abc1234def567890',
      count: 1,
      instanceType: 't3.micro',
      publicIp: false,
      rootVolumeSize: 8,
      securityGroups: ['web_sg'],
      subnet: 'public_a',
    });
    assert.deepEqual(
      d.problems.map((p) => [p.check, p.path, p.range]),
      [['config-unknown-reference', '/nodes/1/data/config/securityGroups/1', rangeOf(text, '"nope"')]],
    );
    assert.deepEqual(ec2.source, {
      file: '/ws/app.canvas.json',
      range: rangeOf(text, '"Web Server"', 1),
      path: '/nodes/1',
    });
    // Same input, same bytes.
    assert.equal(JSON.stringify(load(text)), JSON.stringify(d));
  });

  it('loads the example canvases: the web team one is clean, the data team one breaks its role on one node', () => {
    const dir = path.join(__dirname, '../../../../examples');
    const roles = parseRoles(
      readFileSync(path.join(dir, '.grantwise/roles.json'), 'utf8'),
      path.join(dir, '.grantwise/roles.json'),
    );
    const web = canvasDeployment(
      parseCanvas(readFileSync(path.join(dir, 'canvases/web-team.canvas.json'), 'utf8'), 'web.canvas.json'),
      roles,
    );
    assert.deepEqual(web.problems, []);
    assert.deepEqual(
      web.resources.map((r) => `${r.type}:${r.name}`),
      [
        'ALB:storefront_lb',
        'CLOUDFRONT:assets_cdn',
        'EC2:web_server',
        'RDS:orders_db',
        'S3:storefront_assets',
        'SECURITY_GROUP:web_sg',
      ],
    );
    const brokenText = readFileSync(path.join(dir, 'canvases/data-team-broken.canvas.json'), 'utf8');
    const broken = canvasDeployment(parseCanvas(brokenText, 'broken.canvas.json'), roles);
    assert.deepEqual(
      broken.problems.map((p) => [p.check, p.range]),
      [['canvas-service-not-allowed', rangeOf(brokenText, '"ELASTICACHE"')]],
    );
  });
});
