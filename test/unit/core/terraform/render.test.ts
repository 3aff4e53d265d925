import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isGrantwiseError } from '../../../../src/core/errors';
import { hclString, renderTerraform } from '../../../../src/core/terraform/render';
import { sampleDeployment } from '../../../support/sampleDeployment';

const GOLDEN = join(__dirname, 'golden');
const ENDPOINT = 'http://127.0.0.1:5000';

describe('renderTerraform', () => {
  it('matches the golden files byte for byte (set GRANTWISE_UPDATE_GOLDEN=1 to rewrite them)', () => {
    const { files } = renderTerraform(sampleDeployment(), { endpoint: ENDPOINT });
    if (process.env.GRANTWISE_UPDATE_GOLDEN === '1') {
      for (const [name, hcl] of Object.entries(files)) writeFileSync(join(GOLDEN, name), hcl);
    }
    assert.deepEqual(Object.keys(files), readdirSync(GOLDEN).sort());
    for (const [name, hcl] of Object.entries(files))
      assert.equal(hcl, readFileSync(join(GOLDEN, name), 'utf8'), name);
  });

  it('writes one HCL resource per layout address, and nothing else', () => {
    const { files, layout } = renderTerraform(sampleDeployment());
    const declared = Object.values(files)
      .flatMap((hcl) => [...hcl.matchAll(/^resource "(\w+)" "(\w+)"/gm)].map((m) => `${m[1]}.${m[2]}`))
      .sort();
    assert.deepEqual(
      declared,
      layout.resources.map((r) => r.address),
    );
    assert.deepEqual(Object.keys(files), [
      'ebs.tf',
      'ec2.tf',
      'main.tf',
      'nat_gateway.tf',
      'network.tf',
      'security_group.tf',
    ]);
  });

  it('is deterministic and independent of the order of the resources', () => {
    const a = renderTerraform(sampleDeployment()).files;
    const d = sampleDeployment();
    d.resources = [...d.resources].reverse().sort((x, y) => (x.type < y.type ? -1 : x.type > y.type ? 1 : 0));
    assert.deepEqual(renderTerraform(d).files, a);
    assert.deepEqual(renderTerraform(sampleDeployment()).files, a);
  });

  it('has no credentials and no emulator settings for AWS itself; profile and region are variables', () => {
    const main = renderTerraform(sampleDeployment()).files['main.tf'];
    assert.doesNotMatch(main, /access_key|secret_key|token|endpoints|skip_credentials_validation/);
    assert.match(main, /^ {2}region {2}= var\.aws_region$/m);
    assert.match(main, /^ {2}profile = var\.aws_profile$/m);
    assert.match(main, /^ {2}skip_metadata_api_check = true$/m);
  });

  it('points EC2, IAM and STS at a local emulator and skips the lookups it cannot answer', () => {
    const main = renderTerraform(sampleDeployment(), { endpoint: ENDPOINT }).files['main.tf'];
    assert.match(main, /skip_credentials_validation = true\n {2}skip_requesting_account_id {2}= true/);
    assert.match(
      main,
      /endpoints \{\n {4}ec2 = "http:\/\/127\.0\.0\.1:5000"\n {4}iam = "[^"]+"\n {4}sts = "[^"]+"\n {2}\}/,
    );
  });

  it('refuses an endpoint that is not a local http address', () => {
    for (const endpoint of ['https://ec2.us-east-1.amazonaws.com', 'http://10.0.0.5:5000', 'not a url']) {
      assert.throws(
        () => renderTerraform(sampleDeployment(), { endpoint }),
        (e: unknown) => isGrantwiseError(e) && e.code === 'terraform.endpoint',
      );
    }
  });

  it('follows an instance count on its volumes and puts them in the zone of its subnet', () => {
    const ebs = renderTerraform(sampleDeployment()).files['ebs.tf'];
    assert.match(ebs, /count = 2\n\n {2}availability_zone = "us-east-1a"/);
    assert.match(ebs, /instance_id = aws_instance\.db\[count\.index\]\.id/);
    assert.match(ebs, /Name = "sample-db_data-\$\{count\.index \+ 1\}"/);
  });

  it('names the file, line and field of a reference to something the deployment lacks', () => {
    const d = sampleDeployment();
    d.resources[1] = { ...d.resources[1], config: { ...d.resources[1].config, securityGroups: ['web'] } };
    assert.throws(
      () => renderTerraform(d),
      (e: unknown) =>
        isGrantwiseError(e) &&
        e.message ===
          "/work/examples/deployments/sample.jsonnet:11:3: EC2 'bastion' field 'securityGroups' names security group 'web', which the deployment does not have." &&
        e.remedy === 'Use one of: bastion, internal.',
    );
  });

  it('refuses one fixed address for several instances', () => {
    const d = sampleDeployment();
    d.resources[2] = { ...d.resources[2], config: { ...d.resources[2].config, privateIp: '10.5.1.5' } };
    assert.throws(() => renderTerraform(d), /count 2 and one privateIp '10\.5\.1\.5'/);
  });

  it('escapes HCL template sequences in strings', () => {
    assert.equal(hclString('a "b" ${c} %{d}\n'), '"a \\"b\\" $${c} %%{d}\\n"');
    const d = sampleDeployment({ name: 'x${jsonencode(1)}' });
    assert.match(renderTerraform(d).files['main.tf'], /"grantwise:deployment" = "x\$\$\{jsonencode\(1\)\}"/);
  });
});
