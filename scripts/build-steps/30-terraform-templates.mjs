// Copies the Terraform templates next to the bundles: render.ts reads them at run time from
// dist/terraform-templates (the CLI and the heavy terraform bundle both find them there).
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export default function copyTerraformTemplates({ root, dist }) {
  const src = join(root, 'src/core/terraform/templates');
  if (!existsSync(join(src, 'main.tf.njk'))) throw new Error(`build: ${src}/main.tf.njk is missing`);
  cpSync(src, join(dist, 'terraform-templates'), {
    recursive: true,
    filter: (f) => !f.includes('.') || f.endsWith('.tf.njk'),
  });
}
