import type { Range } from '../range';
import type { DeploymentProblem } from './model';

/** Finds the source range of a JSON Pointer: the property name (`key`) or its value. */
export type Locate = (pointer: string, part: 'key' | 'value') => Range;

/** Reports a problem about the element at a JSON Pointer, on its property name (`key`) or its value. */
export type Report = (
  severity: 'error' | 'warning',
  check: string,
  pointer: string,
  part: 'key' | 'value',
  message: string,
) => void;

/** A Report that appends to `problems`, each placed in `file` at the range `locate` finds for it. */
export function reportInto(problems: DeploymentProblem[], file: string, locate: Locate): Report {
  return (severity, check, pointer, part, message) => {
    problems.push({ severity, check, path: pointer, range: locate(pointer, part), message, file });
  };
}
