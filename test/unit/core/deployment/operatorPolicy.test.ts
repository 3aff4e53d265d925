import { strict as assert } from 'node:assert';
import type { Deployment } from '../../../../src/core/deployment/model';
import { generateOperatorPolicy } from '../../../../src/core/deployment/operatorPolicy';
import { isGrantwiseError } from '../../../../src/core/errors';
import { loadCatalogSync } from '../../../../src/core/iam/catalog';
import { parsePolicy } from '../../../../src/core/iam/parse';
import { validatePolicy } from '../../../../src/core/iam/validate';
import { sampleDeployment } from '../../../support/sampleDeployment';

/** One public subnet behind an internet gateway, one ingress-only group, one instance with a profile. */
function small(): Deployment {
  const base = sampleDeployment();
  const [, bastion, , , group] = base.resources;
  return {
    ...base,
    network: {
      name: 'small',
      vpcCidr: '10.0.0.0/16',
      subnets: [{ name: 'public', cidr: '10.0.1.0/24', availabilityZone: 'us-east-1a', public: true }],
      internetGateway: true,
    },
    resources: [
      { ...bastion, config: { ...bastion.config, publicIp: false } },
      {
        ...group,
        config: {
          rules: [
            { cidr: '203.0.113.0/24', direction: 'ingress', fromPort: 22, protocol: 'tcp', toPort: 22 },
          ],
        },
      },
    ],
  };
}

describe('generateOperatorPolicy', () => {
  it('grants exactly what terraform calls for a small deployment, one statement per verb', () => {
    const { policy, statements } = generateOperatorPolicy(small());
    assert.deepEqual(
      statements.map((s) => [s.sid, s.actions]),
      [
        [
          'TerraformCreate',
          [
            'ec2:AssociateRouteTable',
            'ec2:AttachInternetGateway',
            'ec2:AuthorizeSecurityGroupIngress',
            'ec2:CreateInternetGateway',
            'ec2:CreateRoute',
            'ec2:CreateRouteTable',
            'ec2:CreateSecurityGroup',
            'ec2:CreateSubnet',
            'ec2:CreateVpc',
            'ec2:DescribeImages',
            'ec2:ModifySubnetAttribute',
            'ec2:RevokeSecurityGroupEgress',
            'ec2:RunInstances',
          ],
        ],
        [
          'TerraformRead',
          [
            'ec2:DescribeInstanceAttribute',
            'ec2:DescribeInstanceCreditSpecifications',
            'ec2:DescribeInstanceTypes',
            'ec2:DescribeInstances',
            'ec2:DescribeInternetGateways',
            'ec2:DescribeRouteTables',
            'ec2:DescribeSecurityGroups',
            'ec2:DescribeSubnets',
            'ec2:DescribeTags',
            'ec2:DescribeVolumes',
            'ec2:DescribeVpcAttribute',
            'ec2:DescribeVpcs',
          ],
        ],
        [
          'TerraformDelete',
          [
            'ec2:DeleteInternetGateway',
            'ec2:DeleteRoute',
            'ec2:DeleteRouteTable',
            'ec2:DeleteSecurityGroup',
            'ec2:DeleteSubnet',
            'ec2:DeleteVpc',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DetachInternetGateway',
            'ec2:DisassociateRouteTable',
            'ec2:TerminateInstances',
          ],
        ],
        [
          'TerraformUpdate',
          [
            'ec2:AuthorizeSecurityGroupEgress',
            'ec2:DescribeVolumesModifications',
            'ec2:ModifyInstanceAttribute',
            'ec2:ModifyNetworkInterfaceAttribute',
            'ec2:ModifyVolume',
            'ec2:ReplaceRoute',
            'ec2:ReplaceRouteTableAssociation',
            'ec2:RevokeSecurityGroupIngress',
            'ec2:StartInstances',
            'ec2:StopInstances',
          ],
        ],
        ['TerraformTagging', ['ec2:CreateTags']],
        ['PassInstanceProfileRoles', ['iam:PassRole']],
      ],
    );
    // No NAT, no elastic address, no volume: none of their actions.
    const all = statements.flatMap((s) => s.actions);
    for (const absent of [
      'ec2:AllocateAddress',
      'ec2:CreateNatGateway',
      'ec2:CreateVolume',
      'ec2:AttachVolume',
    ]) {
      assert.ok(!all.includes(absent), absent);
    }
    assert.deepEqual(
      policy.Statement.map((s) => s.Resource),
      ['*', '*', '*', '*', '*', 'arn:aws:iam::123456789012:role/RoleAccessSampleBucket'],
    );
  });

  it('scopes iam:PassRole to the instance profile roles, passed to EC2 only', () => {
    const { policy } = generateOperatorPolicy(sampleDeployment(), {
      partition: 'aws-us-gov',
      accountId: '210987654321',
      instanceProfileRoles: { RoleAccessSampleBucket: 'SampleBucketRole' },
    });
    assert.deepEqual(policy.Statement.at(-1), {
      Sid: 'PassInstanceProfileRoles',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: 'arn:aws-us-gov:iam::210987654321:role/SampleBucketRole',
      Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
    });
    assert.equal(
      policy.Statement.filter((s) => s.Action.some((a) => a.startsWith('iam:'))).length,
      1,
      'iam:PassRole is the only IAM action',
    );
  });

  it('uses any account for the role when the deployment names none, and has no PassRole without profiles', () => {
    const noAccount = generateOperatorPolicy({ ...sampleDeployment(), accountId: undefined });
    assert.equal(noAccount.policy.Statement.at(-1)!.Resource, 'arn:aws:iam::*:role/RoleAccessSampleBucket');
    const d = sampleDeployment();
    d.resources = d.resources.map((r) => ({ ...r, config: { ...r.config, instanceProfile: undefined } }));
    assert.ok(!generateOperatorPolicy(d).statements.some((s) => s.sid === 'PassInstanceProfileRoles'));
  });

  it('gives the reason for every action: the rendered resources that need it and when', () => {
    const { statements } = generateOperatorPolicy(sampleDeployment());
    for (const s of statements)
      assert.equal(s.reason.length, s.sid === 'PassInstanceProfileRoles' ? 1 : s.actions.length);
    const create = statements.find((s) => s.sid === 'TerraformCreate')!;
    assert.ok(create.reason.includes("ec2:AssociateAddress: create aws_eip.bastion (EC2 'bastion')"));
    // Only the public subnet sets map_public_ip_on_launch at create; either may change it later.
    assert.ok(
      create.reason.includes(
        "ec2:ModifySubnetAttribute: create aws_subnet.public (network 'sample'); update in place aws_subnet.private (network 'sample'), aws_subnet.public (network 'sample')",
      ),
    );
    assert.deepEqual(statements.at(-1)!.reason, [
      "iam:PassRole on arn:aws:iam::123456789012:role/RoleAccessSampleBucket, only to ec2.amazonaws.com: create aws_instance.bastion (EC2 'bastion', profile 'RoleAccessSampleBucket')",
    ]);
  });

  it('is deterministic: same deployment, same bytes, whatever the order of its resources', () => {
    const a = generateOperatorPolicy(sampleDeployment()).policyJson;
    const shuffled = sampleDeployment();
    shuffled.resources = [...shuffled.resources].reverse();
    assert.equal(generateOperatorPolicy(shuffled).policyJson, a);
    assert.ok(a.endsWith('}\n'));
    assert.equal(a, JSON.stringify(JSON.parse(a), null, 2) + '\n');
  });

  it('passes the IAM validator with zero findings', () => {
    const catalog = loadCatalogSync();
    for (const d of [small(), sampleDeployment()]) {
      const doc = parsePolicy(generateOperatorPolicy(d).policyJson, { fileName: 'operator.policy.json' });
      assert.deepEqual(validatePolicy(doc, catalog), []);
    }
  });

  it('refuses a type with no template yet, naming the file, line and resource', () => {
    const d = sampleDeployment();
    d.resources.push({
      ...d.resources[0],
      id: 's3:assets',
      type: 'S3',
      name: 'assets',
      label: 'assets',
      config: {},
    });
    assert.throws(
      () => generateOperatorPolicy(d),
      (e: unknown) =>
        isGrantwiseError(e) &&
        e.code === 'terraform.unsupported-type' &&
        e.message.startsWith("/work/examples/deployments/sample.jsonnet:41:3: resource 'assets' has type S3"),
    );
  });
});
