// Lazily loaded bundle: deployment files (canvas, roles, jsonnet mapping) into the Deployment model, the
// role policy (service-set generator) and the operator policy. The jsonnet engine itself comes in through
// an evaluator the caller passes, so this bundle does not start a worker.
import { loadCatalog, type CatalogOptions } from '../core/iam/catalog';
import { generateServiceSetPolicy } from '../core/iam/generate/serviceSet';
import type { TeamRole } from '../core/deployment/roles';

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

/** The IAM policy a role's allowed services need (one statement per service), as pretty JSON. */
export async function generateRolePolicy(
  role: TeamRole,
  catalogOptions: CatalogOptions = {},
): Promise<string> {
  const catalog = await loadCatalog(catalogOptions);
  return generateServiceSetPolicy(catalog, { services: role.allowedServices }).policyJson;
}
