// Lazily loaded bundle: the IAM engine (catalog, parser, embedded-document finder, validator). The
// catalog index itself stays in dist/iam-catalog.idx and is read on first use.
export {
  loadCatalog,
  loadCatalogSync,
  wildcardToRegExp,
  type AccessLevel,
  type ActionInfo,
  type CatalogOptions,
  type ConditionKeyInfo,
  type IamCatalog,
  type ResourceTypeInfo,
  type ServiceInfo,
} from '../core/iam/catalog';
export {
  OpaqueValue,
  PolicyDocument,
  parsePolicy,
  parsePolicyAt,
  policyFromTree,
  escapePointerSegment,
  pointerSegments,
  type ParseOptions,
  type PolicyObject,
  type PolicyValue,
  type SourceSpan,
  type SpanNode,
} from '../core/iam/parse';
export {
  detectKind,
  kindForPath,
  kindFromContent,
  kindFromFileName,
  POLICY_KINDS,
  type KindSource,
  type PolicyKind,
} from '../core/iam/kind';
export { findEmbeddedPolicies, type EmbeddedPolicy } from '../core/iam/embedded';
export { validatePolicy, CHECKS, type CheckFamily, type ValidateOptions } from '../core/iam/validate';
export { parseArn, resourceMatchesFormat, PARTITIONS, type ParsedArn } from '../core/iam/arn';
export {
  CONDITION_OPERATORS,
  parseConditionOperator,
  operatorTypesForKeyType,
  isMultiValuedKeyType,
  type ConditionOperatorInfo,
  type OperatorType,
  type ParsedConditionOperator,
  type SetQualifier,
} from '../core/iam/conditionOperators';
export {
  findPolicyVariables,
  substitutePolicyVariables,
  hasPolicyVariable,
  type PolicyVariableRef,
} from '../core/iam/policyVariables';
export { simulate } from '../core/iam/simulate/engine';
export { simulateTrust, type TrustAction, type TrustSimulationInput } from '../core/iam/simulate/trust';
export type {
  ContextValue,
  Decision,
  DecisionKind,
  MatchedStatement,
  PolicyInput,
  PrincipalType,
  RequestPrincipal,
  SimulationRequest,
} from '../core/iam/simulate/request';
export {
  expandActions,
  expandStatementActions,
  type ExpandOptions,
  type StatementActions,
} from '../core/iam/expand';
export {
  diffPolicies,
  effectivePermissions,
  summarizeActions,
  type ActionDelta,
  type ConditionChange,
  type EffectivePermissions,
  type GrantQualifier,
  type PolicyDiff,
} from '../core/iam/diff';
export {
  hasWildcard,
  matchesAction,
  matchesPattern,
  matchesResource,
  matchesString,
  patternCovers,
  patternsOverlap,
  type Pattern,
  type PatternKind,
  type PatternPart,
} from '../core/iam/wildcard';
export {
  fixesForFinding,
  expandWildcardFix,
  statementPointer,
  EXPAND_LIMIT,
  type FixInput,
  type PlannedFix,
} from '../core/iam/fixes/forFinding';
export { JsonHost, jsonPathOfValueAt, topLevelKeys } from '../core/iam/fixes/jsonHost';
export { scopePassRole, roleArnProblem, servicePrincipalProblem } from '../core/iam/fixes/passRole';
export { minimalEdit, type TextEdit } from '../core/iam/fixes/textEdit';
// Generators (policies, trust documents, setup guide, CloudFormation) and policy-from-code.
export { SERVICE_TYPES, SERVICE_TYPE_SPECS, isServiceType, type ServiceType } from '../core/iam/serviceTypes';
export {
  generateServiceSetPolicy,
  parseServiceTypes,
  parseAccessLevels,
  DEFAULT_ACCESS_LEVELS,
  type AccessLevelName,
  type ServiceSetPolicy,
} from '../core/iam/generate/serviceSet';
export { generateSetupGuide, type SetupGuide, type SetupGuideOptions } from '../core/iam/generate/setupGuide';
export { generateS3AccessPolicy, type S3AccessOptions } from '../core/iam/generate/s3Access';
export { generateEc2InstanceRole, type Ec2InstanceRole } from '../core/iam/generate/ec2InstanceRole';
export { generateCrossAccountTrust, type CrossAccountTrust } from '../core/iam/generate/crossAccount';
export { generateIrsaRole, type IrsaRole } from '../core/iam/generate/irsa';
export { policyJson } from '../core/iam/generate/serialize';
export type { PolicyJson, PolicyStatement } from '../core/iam/generate/document';
export {
  ec2InstanceRoleStackYaml,
  irsaStackYaml,
  deployCommand,
} from '../core/cloudformation/identityStacks';
export { policyFromCode, type CodePolicy, type MappedCallSite } from '../core/iam/fromCode/policyFromCode';
export { sdkCallsInText } from '../core/iam/fromCode/scan';
