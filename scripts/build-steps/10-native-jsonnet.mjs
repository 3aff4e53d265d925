// Copies the libjsonnet Node-API addon next to the bundles: the VSIX ships no node_modules.
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export default function copyNativeJsonnet({ root, dist }) {
  const src = join(root, 'node_modules/@hanazuki/node-jsonnet/build/Release/node-jsonnet.node');
  if (!existsSync(src)) {
    throw new Error(
      `build: ${src} is missing; run 'npm ci' with cmake and g++ installed so the jsonnet addon builds`,
    );
  }
  mkdirSync(join(dist, 'native'), { recursive: true });
  copyFileSync(src, join(dist, 'native', 'node-jsonnet.node'));
}
