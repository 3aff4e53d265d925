// Lazily loaded bundle: the jsonnet engine supervisor, the import sandbox, env files and run profiles.
// The engine itself runs in dist/workers/jsonnet.js, forked by the supervisor.
export {
  createEvaluator,
  type EvalResult,
  type JsonnetDiagnostic,
  type JsonnetEvaluator,
  type SupervisedJsonnetEvaluator,
} from '../core/deployment/jsonnet/evaluator';
export {
  definedExtVars,
  resolveInputs,
  type JsonnetInputs,
  type ResolvedInputs,
} from '../core/deployment/jsonnet/inputs';
export {
  loadProfiles,
  PROFILES_FILE,
  type LoadedProfiles,
  type RunProfile,
} from '../core/deployment/jsonnet/profiles';
export { staticDiagnostics } from '../core/deployment/jsonnet/staticChecks';
