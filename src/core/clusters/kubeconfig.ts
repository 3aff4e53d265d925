import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { GrantwiseError } from '../errors';

export interface KubeContext {
  name: string;
  cluster: string;
  server?: string;
  user?: string;
  namespace?: string;
  /** EKS cluster ARN or name when the context points at EKS (aws eks update-kubeconfig names them so). */
  eks?: { arn?: string; name: string; region?: string };
  current: boolean;
  file: string;
}

/** The kubeconfig files kubectl would read: KUBECONFIG (path-list) or ~/.kube/config. */
export function kubeconfigPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = env.KUBECONFIG?.split(path.delimiter).filter(Boolean);
  return list?.length ? list : [path.join(os.homedir(), '.kube', 'config')];
}

interface RawKubeconfig {
  'current-context'?: string;
  contexts?: Array<{ name?: string; context?: { cluster?: string; user?: string; namespace?: string } }>;
  clusters?: Array<{ name?: string; cluster?: { server?: string } }>;
}

const EKS_ARN = /^arn:aws[\w-]*:eks:([a-z0-9-]+):\d{12}:cluster\/(.+)$/;
const EKS_HOST = /\.([a-z0-9-]+)\.eks\.amazonaws\.com(\.cn)?$/;

/** Parses one kubeconfig text; credentials (tokens, keys, certificates) are never read out. */
export function parseKubeconfig(text: string, file: string): KubeContext[] {
  let raw: RawKubeconfig;
  try {
    raw = (parse(text) ?? {}) as RawKubeconfig;
  } catch (e) {
    throw new GrantwiseError(
      'kubeconfig.invalid',
      `${file} is not valid YAML: ${(e as Error).message}`,
      'Fix the file or remove it from KUBECONFIG.',
    );
  }
  const servers = new Map<string, string | undefined>();
  for (const c of raw.clusters ?? []) if (c?.name) servers.set(c.name, c.cluster?.server);
  const out: KubeContext[] = [];
  for (const c of raw.contexts ?? []) {
    if (!c?.name) continue;
    const cluster = c.context?.cluster ?? '';
    const server = servers.get(cluster);
    let eks: KubeContext['eks'];
    const arn = EKS_ARN.exec(cluster);
    if (arn) eks = { arn: cluster, region: arn[1], name: arn[2] };
    else if (server) {
      const host = EKS_HOST.exec(new URL(server, 'https://invalid').hostname);
      if (host) eks = { name: cluster, region: host[1] };
    }
    out.push({
      name: c.name,
      cluster,
      server,
      user: c.context?.user,
      namespace: c.context?.namespace,
      eks,
      current: raw['current-context'] === c.name,
      file,
    });
  }
  return out;
}

/** Reads every kubeconfig file; a missing file is not an error, an unreadable one is. */
export async function listKubeContexts(env: NodeJS.ProcessEnv = process.env): Promise<KubeContext[]> {
  const seen = new Set<string>();
  const out: KubeContext[] = [];
  for (const file of kubeconfigPaths(env)) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new GrantwiseError('kubeconfig.unreadable', `Cannot read ${file}: ${(e as Error).message}`);
    }
    for (const ctx of parseKubeconfig(text, file)) {
      if (seen.has(ctx.name)) continue; // kubectl: the first file to define a name wins
      seen.add(ctx.name);
      out.push(ctx);
    }
  }
  return out;
}
