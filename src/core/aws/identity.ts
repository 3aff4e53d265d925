import {
  GetCallerIdentityCommand,
  STSClient,
  type GetCallerIdentityCommandOutput,
} from '@aws-sdk/client-sts';
import type { AwsClientFactory } from './clientFactory';

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** STS GetCallerIdentity: needs no permission, so it tells whether the credentials work at all. */
export async function getCallerIdentity(
  factory: AwsClientFactory,
  signal?: AbortSignal,
): Promise<CallerIdentity> {
  const sts = factory.create(STSClient);
  try {
    const out = await factory.send<GetCallerIdentityCommandOutput>(sts, new GetCallerIdentityCommand({}), {
      action: 'sts:GetCallerIdentity',
      signal,
    });
    return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
  } finally {
    sts.destroy();
  }
}
