import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  createEvaluator,
  type SupervisedJsonnetEvaluator,
} from '../../../../src/core/deployment/jsonnet/evaluator';
import { loadDeployment, unusableProblems } from '../../../../src/core/deployment/load';
import { rangeOf } from './rangeOf';

const EXAMPLES = path.resolve(__dirname, '../../../../examples');
const PIPELINE = path.join(EXAMPLES, 'deployments/pipeline.jsonnet');

describe('loadDeployment (jsonnet through the engine)', function () {
  this.timeout(60_000);
  let evaluator: SupervisedJsonnetEvaluator;
  let tmp: string;
  before(() => {
    evaluator = createEvaluator();
    tmp = mkdtempSync(path.join(tmpdir(), 'grantwise-load-'));
    mkdirSync(path.join(tmp, '.grantwise'));
  });
  after(() => {
    evaluator.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });
  const write = (name: string, text: string) => {
    writeFileSync(path.join(tmp, name), text);
    return path.join(tmp, name);
  };

  it('maps the example pipeline with the dev profile onto the model', async () => {
    const d = await loadDeployment(PIPELINE, { workspaceRoot: EXAMPLES, evaluator });
    assert.deepEqual(d.problems, []);
    assert.deepEqual(
      [d.kind, d.name, d.region, d.profile, d.file],
      ['jsonnet', 'pipelinedev', 'us-east-1', 'dev', PIPELINE],
    );
    assert.deepEqual(
      d.resources.map((r) => `${r.type} ${r.name} ${r.id}`),
      [
        'EBS pipelinedev_db01_data volume:db01:data',
        'EBS pipelinedev_db02_data volume:db02:data',
        'EBS pipelinedev_logs volume:bastion:logs',
        'EC2 pipelinedev_bastion instance:bastion',
        'EC2 pipelinedev_broker instance:broker',
        'EC2 pipelinedev_db01 instance:db01',
        'EC2 pipelinedev_db02 instance:db02',
        'EC2 pipelinedev_worker01 instance:worker01',
        'NAT_GATEWAY pipelinedev_natgw nat_gateway:pipelinedev_natgw',
        'SECURITY_GROUP pipelinedev_bastion_sg security_group:bastion',
        'SECURITY_GROUP pipelinedev_internal_sg security_group:internal',
      ],
    );
    const worker = d.resources.find((r) => r.id === 'instance:worker01')!;
    assert.deepEqual(worker.config, {
      ami: 'ami-04681a1dbd79675a5',
      count: 1,
      instanceProfile: 'PipelineBucketAccess',
      instanceType: 't3.medium',
      keyName: 'pipelinedev-root',
      privateIp: '10.20.0.101',
      publicIp: false,
      rootVolumeSize: 8,
      securityGroups: ['pipelinedev_internal_sg'],
      subnet: 'pipelinedev_private_subnet',
    });
    assert.deepEqual(worker.dependsOn, ['nat_gateway:pipelinedev_natgw', 'security_group:internal']);
    const bastionSg = d.resources.find((r) => r.id === 'security_group:bastion')!;
    assert.deepEqual((bastionSg.config.rules as unknown[])[0], {
      cidr: '203.0.113.0/24',
      description: 'SSH from the admin network',
      direction: 'ingress',
      fromPort: 22,
      protocol: 'tcp',
      toPort: 22,
    });
    assert.deepEqual(d.network.subnets, [
      {
        name: 'pipelinedev_private_subnet',
        cidr: '10.20.0.0/24',
        public: false,
        availabilityZone: 'us-east-1a',
      },
      {
        name: 'pipelinedev_public_subnet',
        cidr: '10.20.1.0/24',
        public: true,
        availabilityZone: 'us-east-1a',
      },
    ]);
    assert.deepEqual(d.network.natGateway, { subnet: 'pipelinedev_public_subnet' });
    assert.deepEqual(
      d.resources.find((r) => r.id === 'instance:db02')!.source,
      { file: PIPELINE, range: rangeOf(readFileSync(PIPELINE, 'utf8'), "'db%02d'"), path: '/instances/db02' },
      'generated keys point at the format string that makes them',
    );
    // Deterministic: the same file and profile give the same bytes.
    assert.equal(
      JSON.stringify(await loadDeployment(PIPELINE, { workspaceRoot: EXAMPLES, evaluator })),
      JSON.stringify(d),
    );
  });

  it('the prod profile gives the bigger cluster', async () => {
    const d = await loadDeployment(PIPELINE, { workspaceRoot: EXAMPLES, evaluator, profile: 'prod' });
    assert.deepEqual(d.problems, []);
    const count = (type: string) => d.resources.filter((r) => r.type === type).length;
    assert.deepEqual(
      [d.name, count('EC2'), count('EBS'), d.network.subnets[0].availabilityZone],
      ['pipelineprod', 7, 4, 'us-east-1b'],
    );
    assert.equal(d.resources.find((r) => r.id === 'volume:db03:data')!.config.sizeGb, 200);
  });

  it('rejects an unknown profile naming the known ones', async () => {
    await assert.rejects(
      loadDeployment(PIPELINE, { workspaceRoot: EXAMPLES, evaluator, profile: 'staging' }),
      (e: Error & { remedy?: string }) => {
        assert.match(e.message, /Run profile 'staging' is not in .*profiles\.json/);
        assert.equal(e.remedy, 'Use one of: dev, prod.');
        return true;
      },
    );
  });

  it('maps a plain { resources: [...] } value with typed config, dependencies and ranges', async () => {
    const text = `local size = 50;
{
  name: 'reports',
  region: 'eu-west-1',
  resources: [
    { type: 'S3', name: 'report-files', config: { versioning: true, storageGb: size } },
    { type: 'LAMBDA', name: 'render', config: { memoryMb: '256' }, dependsOn: ['report-files', 'ghost'] },
    { type: 'QUEUE', name: 'jobs' },
  ],
}
`;
    const file = write('reports.jsonnet', text);
    const d = await loadDeployment(file, { workspaceRoot: tmp, evaluator });
    assert.deepEqual([d.name, d.region], ['reports', 'eu-west-1']);
    assert.deepEqual(
      d.resources.map((r) => [r.id, r.type, r.name, r.label, r.dependsOn, r.source.range]),
      [
        ['lambda:render', 'LAMBDA', 'render', 'render', ['s3:report-files'], rangeOf(text, "'render'")],
        ['s3:report-files', 'S3', 'report_files', 'report-files', [], rangeOf(text, "'report-files'")],
      ],
    );
    assert.deepEqual(d.resources[1].config, {
      blockPublicAccess: true,
      monthlyRequests: 1000000,
      storageClass: 'STANDARD',
      storageGb: 50,
      versioning: true,
    });
    assert.deepEqual(
      d.problems.map((p) => [p.check, p.path, p.range]),
      [
        ['config-wrong-type', '/resources/1/config/memoryMb', rangeOf(text, "'render'")],
        ['resources-unknown-dependency', '/resources/1/dependsOn/1', rangeOf(text, "'render'")],
        ['resources-unknown-type', '/resources/2/type', rangeOf(text, "'jobs'")],
      ],
    );
    assert.match(d.problems[2].message, /"QUEUE" is not a resource type/);
    assert.equal(d.network.subnets.length, 4, 'the default base network');
  });

  it('turns an evaluation error into an unusable problem at its line', async () => {
    const file = write('broken.jsonnet', "{\n  resources: [\n    { type: 'S3' name: 'x' },\n  ],\n}\n");
    const d = await loadDeployment(file, { workspaceRoot: tmp, evaluator });
    const blocking = unusableProblems(d);
    assert.equal(blocking.length, 1);
    assert.equal(blocking[0].check, 'jsonnet-syntax');
    assert.equal(blocking[0].file, file);
    assert.equal(blocking[0].range.start.line, 2);
    assert.deepEqual(d.resources, []);
  });

  it('says so when the value is not a deployment, or when nothing may be evaluated', async () => {
    const file = write('other.jsonnet', '{ answer: 42 }\n');
    const d = await loadDeployment(file, { workspaceRoot: tmp, evaluator });
    assert.deepEqual(
      d.problems.map((p) => p.check),
      ['deployment-not-a-deployment'],
    );
    const untrusted = await loadDeployment(PIPELINE, { workspaceRoot: EXAMPLES });
    assert.deepEqual(
      untrusted.problems.map((p) => [p.severity, p.check]),
      [['warning', 'deployment-not-evaluated']],
    );
    assert.deepEqual(unusableProblems(untrusted).length, 1);
  });
});
