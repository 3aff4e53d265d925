/** Which kind of policy a document is: it decides which elements are required and which checks apply. */
export type PolicyKind = 'identity' | 'trust' | 'resource';

/** Where the kind came from, so a hover or the CLI can say why a document was read as a trust policy. */
export type KindSource = 'option' | 'glob' | 'file-name' | 'content' | 'default';

export const POLICY_KINDS: readonly PolicyKind[] = ['identity', 'trust', 'resource'];

const globCache = new Map<string, RegExp>();

/** A files.associations-style glob: `*`, `?`, `**`, `{a,b}`; without a '/' it matches the base name. */
function globToRegExp(glob: string): RegExp {
  const cached = globCache.get(glob);
  if (cached) return cached;
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      src += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (ch === '*') src += '[^/]*';
    else if (ch === '?') src += '[^/]';
    else if (ch === '{') {
      const close = glob.indexOf('}', i);
      if (close > i) {
        src += `(?:${glob
          .slice(i + 1, close)
          .split(',')
          .map((alt) => alt.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
          .join('|')})`;
        i = close;
      } else src += '\\{';
    } else src += ch.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  const re = new RegExp(glob.includes('/') ? `(?:^|/)${src.replace(/^\//, '')}$` : `(?:^|/)${src}$`);
  globCache.set(glob, re);
  return re;
}

/**
 * The kind the `grantwise.iam.policyGlobs` setting gives a path. The most specific (longest) matching
 * glob wins, then the first in sorted order, so the answer never depends on the setting's key order.
 */
export function kindForPath(path: string, globs: Record<string, PolicyKind>): PolicyKind | undefined {
  const normalized = path.replace(/\\/g, '/');
  const matching = Object.keys(globs)
    .filter((g) => POLICY_KINDS.includes(globs[g]) && globToRegExp(g).test(normalized))
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return matching.length ? globs[matching[0]] : undefined;
}

/** The kind a file name implies: `*.trust.json` is a trust policy, `*.policy.json` an identity policy. */
export function kindFromFileName(path: string): PolicyKind | undefined {
  const base = path.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  if (/\.trust\.json[c]?$/.test(base)) return 'trust';
  if (/\.policy\.json[c]?$/.test(base)) return 'identity';
  return undefined;
}

const TRUST_ACTION = /^sts:(AssumeRole[A-Za-z]*|TagSession|SetSourceIdentity|SetContext|\*)$/i;

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

/**
 * The kind the content implies: a Principal with only sts:AssumeRole* (and the session actions that go
 * with it) is a trust policy; any other Principal makes a resource policy; no Principal, an identity one.
 */
export function kindFromContent(value: unknown): PolicyKind | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const statements = asList((value as Record<string, unknown>).Statement).filter(
    (s): s is Record<string, unknown> => !!s && typeof s === 'object' && !Array.isArray(s),
  );
  const withPrincipal = statements.filter((s) => 'Principal' in s || 'NotPrincipal' in s);
  if (withPrincipal.length === 0) return statements.length ? 'identity' : undefined;
  const actions = withPrincipal
    .flatMap((s) => asList(s.Action))
    .filter((a): a is string => typeof a === 'string');
  const assumes = actions.some((a) => /^sts:AssumeRole/i.test(a));
  return assumes && actions.every((a) => TRUST_ACTION.test(a)) ? 'trust' : 'resource';
}

export interface KindOptions {
  kind?: PolicyKind;
  fileName?: string;
  globs?: Record<string, PolicyKind>;
}

/** Explicit option, then the glob setting, then the file name, then the content; identity by default. */
export function detectKind(value: unknown, options: KindOptions): { kind: PolicyKind; source: KindSource } {
  if (options.kind) return { kind: options.kind, source: 'option' };
  if (options.fileName && options.globs) {
    const k = kindForPath(options.fileName, options.globs);
    if (k) return { kind: k, source: 'glob' };
  }
  const content = kindFromContent(value);
  const named = options.fileName ? kindFromFileName(options.fileName) : undefined;
  // A *.policy.json with a Principal is a resource (or trust) policy: the content is more specific.
  if (named === 'trust' || (named === 'identity' && (content === undefined || content === 'identity'))) {
    return { kind: named, source: 'file-name' };
  }
  if (content) return { kind: content, source: 'content' };
  return { kind: 'identity', source: 'default' };
}
