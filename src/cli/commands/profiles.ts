import { listAwsProfiles } from '../../core/accounts/profiles';
import { AwsClientFactory } from '../../core/aws/clientFactory';
import { getCallerIdentity } from '../../core/aws/identity';
import { isGrantwiseError } from '../../core/errors';
import { EXIT_OK, EXIT_UNUSABLE, flag, parseArgs, type CliCommand } from '../command';

export const profilesCommand: CliCommand = {
  name: 'profiles',
  usage: 'grantwise profiles [--format text|json]',
  summary: 'List AWS profiles from the shared config and credentials files (no secrets).',
  async run(args, io) {
    const p = parseArgs(args);
    const profiles = await listAwsProfiles();
    if (flag(p, 'format') === 'json') io.out(JSON.stringify(profiles, null, 2));
    else for (const pr of profiles) io.out(`${pr.name}\t${pr.kind}\t${pr.region ?? ''}`);
    return EXIT_OK;
  },
};

export const identityCommand: CliCommand = {
  name: 'identity',
  usage: 'grantwise identity [--profile NAME] [--region R] [--endpoint-url URL] [--format text|json]',
  summary: 'Call STS GetCallerIdentity with a profile and print the account and ARN.',
  async run(args, io) {
    const p = parseArgs(args);
    const factory = new AwsClientFactory(
      { profile: flag(p, 'profile'), region: flag(p, 'region'), endpointUrl: flag(p, 'endpoint-url') },
      io.env,
    );
    try {
      const id = await getCallerIdentity(factory);
      io.out(flag(p, 'format') === 'json' ? JSON.stringify(id, null, 2) : `${id.account}\t${id.arn}`);
      return EXIT_OK;
    } catch (e) {
      io.err(isGrantwiseError(e) ? e.display : String(e));
      return EXIT_UNUSABLE;
    }
  },
};
