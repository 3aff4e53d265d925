// Lazily loaded bundle: deployment files (canvas, roles, jsonnet mapping) into the Deployment model, and
// the operator policy. The role policy comes from the IAM bundle, which owns the catalog; the jsonnet
// engine comes in through an evaluator the caller passes, so this bundle starts no worker.

export { canvasDeployment, checkCanvasRole, parseCanvas, CANVAS_SUFFIX } from '../core/deployment/canvas';
export { findDeploymentFiles, isDeploymentJsonnet } from '../core/deployment/index';
export { loadDeployment, unusableProblems, type LoadOptions } from '../core/deployment/load';
export {
  addServiceEdits,
  loadRoles,
  parseRoles,
  ROLES_FILE,
  type RolesFile,
  type TeamRole,
} from '../core/deployment/roles';
export { generateOperatorPolicy } from '../core/deployment/operatorPolicy';
