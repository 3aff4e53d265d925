import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ec2InstanceRoleStackYaml, irsaStackYaml } from '../../core/cloudformation/identityStacks';
import { isGrantwiseError } from '../../core/errors';
import { loadCatalog } from '../../core/iam/catalog';
import { policyFromCode } from '../../core/iam/fromCode/policyFromCode';
import { generateCrossAccountTrust } from '../../core/iam/generate/crossAccount';
import { generateEc2InstanceRole } from '../../core/iam/generate/ec2InstanceRole';
import { invalidField } from '../../core/iam/generate/inputs';
import { generateIrsaRole } from '../../core/iam/generate/irsa';
import { generateS3AccessPolicy } from '../../core/iam/generate/s3Access';
import { policyJson } from '../../core/iam/generate/serialize';
import {
  generateServiceSetPolicy,
  parseAccessLevels,
  parseServiceTypes,
} from '../../core/iam/generate/serviceSet';
import { generateSetupGuide } from '../../core/iam/generate/setupGuide';
import {
  EXIT_OK,
  EXIT_UNUSABLE,
  UsageError,
  flag,
  parseArgs,
  type CliCommand,
  type CliIo,
  type ParsedArgs,
} from '../command';

const KINDS: Record<
  string,
  { usage: string; booleans?: string[]; run: (p: ParsedArgs, io: CliIo) => Promise<void> }
> = {
  'service-set': {
    usage:
      'service-set --services EC2,S3 [--levels list,read,write,tagging,permissions-management] [--format policy|json]',
    async run(p, io) {
      const format = oneOf(p, 'format', ['policy', 'json']);
      const r = generateServiceSetPolicy(await catalogFor(p), {
        services: parseServiceTypes(required(p, 'services')),
        levels: flag(p, 'levels') === undefined ? undefined : parseAccessLevels(flag(p, 'levels')!),
      });
      if (format === 'json') {
        const { policy, totalActionsGranted, perService, withheld, levels, dataVersion } = r;
        io.out(
          JSON.stringify({ policy, totalActionsGranted, perService, withheld, levels, dataVersion }, null, 2),
        );
      } else io.out(r.policyJson);
    },
  },
  'setup-guide': {
    usage:
      'setup-guide --role NAME --account ID --region R --services EC2,S3 [--levels ...] [--trusted-principal ARN] [--external-id X] [--format markdown|cloudformation|json]',
    async run(p, io) {
      const format = oneOf(p, 'format', ['markdown', 'cloudformation', 'json']);
      const g = generateSetupGuide(await catalogFor(p), {
        roleName: required(p, 'role'),
        accountId: required(p, 'account'),
        region: required(p, 'region'),
        services: parseServiceTypes(required(p, 'services')),
        levels: flag(p, 'levels') === undefined ? undefined : parseAccessLevels(flag(p, 'levels')!),
        trustedPrincipal: flag(p, 'trusted-principal'),
        externalId: flag(p, 'external-id'),
      });
      if (format === 'cloudformation') io.out(g.cloudFormationYaml.trimEnd());
      else if (format === 'json') {
        const { roleArn, stackName, trustPolicy, policies, externalId } = g;
        const out = {
          roleArn,
          stackName,
          trustPolicy,
          policies: policies.map(({ name, arn, document }) => ({ name, arn, document })),
          externalId,
        };
        io.out(JSON.stringify(out, null, 2));
      } else io.out(g.markdown.trimEnd());
    },
  },
  s3: {
    usage: 's3 --bucket B [--prefix P] [--read-only]',
    booleans: ['read-only'],
    async run(p, io) {
      const policy = generateS3AccessPolicy({
        bucket: required(p, 'bucket'),
        prefix: flag(p, 'prefix'),
        readOnly: flag(p, 'read-only') === 'true',
      });
      io.out(policyJson(policy));
    },
  },
  'ec2-role': {
    usage:
      'ec2-role --role NAME --account ID --bucket B [--prefix P] [--read-only] [--format json|cloudformation]',
    booleans: ['read-only'],
    async run(p, io) {
      const format = oneOf(p, 'format', ['json', 'cloudformation']);
      const permissions = generateS3AccessPolicy({
        bucket: required(p, 'bucket'),
        prefix: flag(p, 'prefix'),
        readOnly: flag(p, 'read-only') === 'true',
      });
      const role = generateEc2InstanceRole({
        roleName: required(p, 'role'),
        accountId: required(p, 'account'),
        permissions,
      });
      io.out(
        format === 'cloudformation'
          ? ec2InstanceRoleStackYaml(role).trimEnd()
          : JSON.stringify(role, null, 2),
      );
    },
  },
  'cross-account': {
    usage: 'cross-account --principal ARN --role-arn ARN [--external-id X]',
    async run(p, io) {
      const t = generateCrossAccountTrust({
        principal: required(p, 'principal'),
        roleArn: required(p, 'role-arn'),
        externalId: flag(p, 'external-id'),
      });
      io.out(JSON.stringify(t, null, 2));
    },
  },
  irsa: {
    usage:
      'irsa --issuer URL --namespace NS --service-account SA --account ID --bucket B [--prefix P] [--read-only] [--cluster NAME] [--region R] [--format json|cloudformation]',
    booleans: ['read-only'],
    async run(p, io) {
      const format = oneOf(p, 'format', ['json', 'cloudformation']);
      const r = generateIrsaRole({
        issuer: required(p, 'issuer'),
        namespace: required(p, 'namespace'),
        serviceAccount: required(p, 'service-account'),
        accountId: required(p, 'account'),
        bucket: required(p, 'bucket'),
        prefix: flag(p, 'prefix'),
        readOnly: flag(p, 'read-only') === 'true',
        clusterName: flag(p, 'cluster'),
        region: flag(p, 'region'),
      });
      io.out(format === 'cloudformation' ? irsaStackYaml(r).trimEnd() : JSON.stringify(r, null, 2));
    },
  },
  'from-code': {
    usage: 'from-code DIR [--format json|policy]',
    async run(p, io) {
      const format = oneOf(p, 'format', ['json', 'policy']);
      if (p.positionals.length !== 1) throw new UsageError('name exactly one folder to scan');
      const dir = resolve(io.cwd, p.positionals[0]);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        throw new UsageError(
          `'${p.positionals[0]}' is not a folder; pass the folder holding the source code`,
        );
      }
      const r = policyFromCode(await catalogFor(p), dir);
      if (format === 'policy') {
        if (!r.policyJson)
          io.err(`grantwise generate from-code: no AWS SDK call in ${r.filesScanned} files could be mapped.`);
        else io.out(r.policyJson);
      } else {
        const { policy, totalActionsGranted, unmappedCalls, filesScanned, dataVersion, calls } = r;
        io.out(
          JSON.stringify(
            { policy, totalActionsGranted, unmappedCalls, filesScanned, dataVersion, calls },
            null,
            2,
          ),
        );
      }
    },
  },
};

function required(p: ParsedArgs, name: string): string {
  const v = flag(p, name);
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

function oneOf(p: ParsedArgs, name: string, values: string[]): string {
  const v = flag(p, name) ?? values[0];
  if (!values.includes(v)) throw new UsageError(`--${name} '${v}' must be ${values.join(' or ')}`);
  return v;
}

function catalogFor(p: ParsedArgs) {
  return loadCatalog({ dataFolder: flag(p, 'data-folder') });
}

export const generateCommand: CliCommand = {
  name: 'generate',
  usage: `grantwise generate <kind> … where <kind> is one of:\n${Object.values(KINDS)
    .map((k) => `        ${k.usage}`)
    .join('\n')}`,
  summary:
    'Generate least-privilege policies, trust documents, setup guides and CloudFormation (deterministic output on stdout).',
  async run(args, io) {
    const [kind, ...rest] = args;
    const generator = kind === undefined ? undefined : KINDS[kind];
    if (!generator) {
      throw new UsageError(
        `${kind ? `unknown kind '${kind}'` : 'name what to generate'}; use one of ${Object.keys(KINDS).join(', ')}`,
      );
    }
    const p = parseArgs(rest, generator.booleans);
    try {
      await generator.run(p, io);
      return EXIT_OK;
    } catch (e) {
      const field = isGrantwiseError(e) ? invalidField(e.code) : undefined;
      if (!field || !isGrantwiseError(e)) throw e;
      // Name the flag the user typed, then the problem and the fix.
      io.err(`grantwise generate ${kind}: --${field}: ${e.display}`);
      return EXIT_UNUSABLE;
    }
  },
};
