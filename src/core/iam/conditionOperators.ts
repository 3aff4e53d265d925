/**
 * The IAM condition operators: what type of value each compares, whether it negates, whether it honours
 * `*`/`?` wildcards, and how the ForAnyValue:/ForAllValues: qualifiers and the IfExists suffix combine
 * with it. Shared by the validator and the simulator.
 */
export type OperatorType = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

export interface ConditionOperatorInfo {
  name: string;
  type: OperatorType;
  /** True for the Not forms: the condition holds when no value matches. */
  negated: boolean;
  /** True when `*` and `?` in values are wildcards (StringLike, ArnLike, and ArnEquals which also honours them). */
  wildcards: boolean;
  /** Case-insensitive string comparison (StringEqualsIgnoreCase). */
  ignoreCase: boolean;
  /** The comparison for ordered types: eq, lt, lte, gt, gte; 'like' for pattern forms. */
  compare: 'eq' | 'lt' | 'lte' | 'gt' | 'gte' | 'like';
}

function op(
  name: string,
  type: OperatorType,
  compare: ConditionOperatorInfo['compare'],
  extra: Partial<ConditionOperatorInfo> = {},
): ConditionOperatorInfo {
  return { name, type, compare, negated: false, wildcards: compare === 'like', ignoreCase: false, ...extra };
}

/** Every base operator, keyed by its exact name. */
export const CONDITION_OPERATORS: Readonly<Record<string, ConditionOperatorInfo>> = Object.freeze(
  Object.fromEntries(
    [
      op('StringEquals', 'String', 'eq'),
      op('StringNotEquals', 'String', 'eq', { negated: true }),
      op('StringEqualsIgnoreCase', 'String', 'eq', { ignoreCase: true }),
      op('StringNotEqualsIgnoreCase', 'String', 'eq', { ignoreCase: true, negated: true }),
      op('StringLike', 'String', 'like'),
      op('StringNotLike', 'String', 'like', { negated: true }),
      op('NumericEquals', 'Numeric', 'eq'),
      op('NumericNotEquals', 'Numeric', 'eq', { negated: true }),
      op('NumericLessThan', 'Numeric', 'lt'),
      op('NumericLessThanEquals', 'Numeric', 'lte'),
      op('NumericGreaterThan', 'Numeric', 'gt'),
      op('NumericGreaterThanEquals', 'Numeric', 'gte'),
      op('DateEquals', 'Date', 'eq'),
      op('DateNotEquals', 'Date', 'eq', { negated: true }),
      op('DateLessThan', 'Date', 'lt'),
      op('DateLessThanEquals', 'Date', 'lte'),
      op('DateGreaterThan', 'Date', 'gt'),
      op('DateGreaterThanEquals', 'Date', 'gte'),
      op('Bool', 'Bool', 'eq'),
      op('BinaryEquals', 'Binary', 'eq'),
      op('IpAddress', 'IpAddress', 'eq'),
      op('NotIpAddress', 'IpAddress', 'eq', { negated: true }),
      op('ArnEquals', 'Arn', 'eq', { wildcards: true }),
      op('ArnLike', 'Arn', 'like'),
      op('ArnNotEquals', 'Arn', 'eq', { wildcards: true, negated: true }),
      op('ArnNotLike', 'Arn', 'like', { negated: true }),
      op('Null', 'Null', 'eq'),
    ].map((o) => [o.name, o]),
  ),
);

export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

export interface ParsedConditionOperator {
  /** The operator as written. */
  raw: string;
  base: ConditionOperatorInfo;
  qualifier?: SetQualifier;
  ifExists: boolean;
}

const BY_LOWER = new Map(Object.values(CONDITION_OPERATORS).map((o) => [o.name.toLowerCase(), o]));

/**
 * Splits `ForAnyValue:StringLikeIfExists` into qualifier, base operator and IfExists; undefined when the
 * name is not an operator. Like IAM, the match ignores case. `NullIfExists` parses (the validator reports
 * it) so the caller can name the exact problem.
 */
export function parseConditionOperator(raw: string): ParsedConditionOperator | undefined {
  let rest = raw;
  let qualifier: SetQualifier | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon).toLowerCase();
    if (q === 'foranyvalue') qualifier = 'ForAnyValue';
    else if (q === 'forallvalues') qualifier = 'ForAllValues';
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (/ifexists$/i.test(rest)) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = BY_LOWER.get(rest.toLowerCase());
  return base ? { raw, base, qualifier, ifExists } : undefined;
}

/** The operator types that fit a condition key type from the Service Authorization Reference. */
export function operatorTypesForKeyType(keyType: string): OperatorType[] {
  const t = keyType.replace(/^ArrayOf/, '');
  switch (t) {
    case 'String':
      return ['String'];
    case 'ARN':
    case 'Arn':
      return ['Arn', 'String'];
    case 'Numeric':
    case 'Long':
    case 'Integer':
      return ['Numeric'];
    case 'Date':
      return ['Date', 'Numeric'];
    case 'Bool':
    case 'Boolean':
      return ['Bool'];
    case 'IPAddress':
    case 'IpAddress':
      return ['IpAddress'];
    case 'Binary':
      return ['Binary'];
    default:
      return ['String'];
  }
}

/** Whether a key type holds a set of values (the only keys ForAnyValue/ForAllValues make sense for). */
export function isMultiValuedKeyType(keyType: string): boolean {
  return keyType.startsWith('ArrayOf');
}
