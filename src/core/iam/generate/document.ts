/**
 * Plain JSON shapes of the documents the generators produce. They are data, not the source-mapped model
 * the parser builds from text: serialize them with `policyJson` and parse the text to validate it.
 */
export type StringOrList = string | string[];

/** Condition operator → condition key → value(s). */
export type ConditionBlock = Record<string, Record<string, StringOrList>>;

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Record<string, StringOrList>;
  Action: StringOrList;
  Resource?: StringOrList;
  Condition?: ConditionBlock;
}

export interface PolicyJson {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export const POLICY_VERSION = '2012-10-17';

export function policyOf(statements: PolicyStatement[]): PolicyJson {
  return { Version: POLICY_VERSION, Statement: statements };
}
