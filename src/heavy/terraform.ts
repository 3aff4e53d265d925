// Lazily loaded bundle: the Terraform renderer (nunjucks), the runner and the operator policy generator.
// Templates are read at run time from dist/terraform-templates (scripts/build-steps/30-terraform-templates.mjs).
export {
  generateOperatorPolicy,
  type OperatorPolicy,
  type OperatorPolicyOptions,
} from '../core/deployment/operatorPolicy';
export { layoutDeployment, type TerraformResource } from '../core/terraform/layout';
export { renderTerraform, type RenderedTerraform, type RenderOptions } from '../core/terraform/render';
export {
  runTerraform,
  writeTerraformFiles,
  type TerraformCommand,
  type TerraformResult,
  type TerraformRunOptions,
} from '../core/terraform/run';
