import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as NodeJsonnet from '@hanazuki/node-jsonnet';

type Addon = typeof NodeJsonnet;

/**
 * Where the libjsonnet Node-API addon is: next to the bundles (`dist/native/node-jsonnet.node`, copied by
 * scripts/build-steps/10-native-jsonnet.mjs, because the VSIX ships no node_modules), or in the package
 * when running from source under tsx.
 */
export function addonCandidates(): string[] {
  const out = [
    path.join(__dirname, '..', 'native', 'node-jsonnet.node'),
    path.join(__dirname, 'native', 'node-jsonnet.node'),
  ];
  try {
    const pkgMain = require.resolve('@hanazuki/node-jsonnet');
    out.push(path.join(path.dirname(pkgMain), '..', 'build', 'Release', 'node-jsonnet.node'));
  } catch {
    /* bundled without node_modules: only the dist copy exists */
  }
  return out;
}

/**
 * Loads the raw addon by path (the package's `bindings` lookup cannot work inside a bundle) and adds what
 * the package's lib/index.js adds on top of it: the `JsonnetError` class the native code instantiates for
 * evaluation errors (it aborts the process without it), and the async wrapper for native callbacks
 * (a throwing callback would otherwise kill the VM).
 */
export function loadJsonnetAddon(): Addon {
  const file = addonCandidates().find((f) => existsSync(f));
  if (!file) {
    throw new Error(
      `The jsonnet engine (node-jsonnet.node) is missing; looked in ${addonCandidates().join(', ')}. Rebuild with 'npm run build' after 'npm ci' with cmake and g++ installed.`,
    );
  }
  const binding = createRequire(__filename)(file) as Addon & Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(binding, 'JsonnetError')) {
    class JsonnetError extends Error {
      constructor(message?: string) {
        super(message);
        this.name = 'JsonnetError';
      }
    }
    Object.defineProperty(binding, 'JsonnetError', { value: JsonnetError });
    const proto = binding.Jsonnet.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    const raw = proto._nativeCallback;
    proto.nativeCallback = function (this: unknown, name: unknown, func: unknown, ...params: unknown[]) {
      const f = func as (...a: unknown[]) => unknown;
      const wrapped = async function (this: unknown, ...args: unknown[]) {
        return f.call(this, ...args);
      };
      return raw.call(this, name, wrapped, ...params);
    };
  }
  return binding;
}
