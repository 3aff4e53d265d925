import type { Range } from '../range';
import { CANVAS_TYPES, type FieldSpec } from './canvasTypes';
import type { DeploymentProblem, NetworkLayer, Resource, ServiceType } from './model';
import { closest } from './names';
import { reportInto, type Locate, type Report } from './pointerProblems';

export interface ConfigContext {
  type: ServiceType;
  file: string;
  /** JSON Pointer of the config object in its source document. */
  path: string;
  locate: Locate;
  /** Names the owner in messages, e.g. "node 'web-server'". */
  owner: string;
}

/**
 * Checks a config value against its type's spec and returns it normalized: known fields only, defaults
 * filled in, keys sorted. Unknown fields are warnings; wrong types, values outside the allowed set or range,
 * and missing required fields are errors. A bad value is replaced by the default so consumers still get a
 * usable config.
 */
export function normalizeConfig(
  raw: unknown,
  ctx: ConfigContext,
): { config: Record<string, unknown>; problems: DeploymentProblem[] } {
  const problems: DeploymentProblem[] = [];
  const report = reportInto(problems, ctx.file, ctx.locate);
  const spec = CANVAS_TYPES[ctx.type];
  if (raw !== undefined && !isPlainObject(raw)) {
    report(
      'error',
      'config-wrong-type',
      ctx.path,
      'value',
      `${ctx.owner}: config must be an object of ${ctx.type} settings, not ${describe(raw)}.`,
    );
    raw = undefined;
  }
  const config = normalizeObject(
    (raw ?? {}) as Record<string, unknown>,
    spec.fields,
    ctx.path,
    `${ctx.owner}: ${ctx.type} config`,
    report,
  );
  return { config, problems };
}

function normalizeObject(
  raw: Record<string, unknown>,
  fields: Readonly<Record<string, FieldSpec>>,
  path: string,
  what: string,
  report: Report,
): Record<string, unknown> {
  const known = Object.keys(fields);
  for (const key of Object.keys(raw).sort()) {
    if (key in fields) continue;
    const guess = closest(key, known);
    report(
      'warning',
      'config-unknown-field',
      `${path}/${escapePointer(key)}`,
      'key',
      `${what} has no field '${key}'; it is ignored.${guess ? ` Did you mean '${guess}'?` : ''} Known fields: ${known.join(', ')}.`,
    );
  }
  const out: Record<string, unknown> = {};
  for (const key of [...known].sort()) {
    const spec = fields[key];
    const pointer = `${path}/${escapePointer(key)}`;
    const value = raw[key];
    const checked =
      value === undefined ? undefined : checkValue(value, spec, pointer, `${what} field '${key}'`, report);
    if (checked !== undefined) out[key] = checked;
    else if (spec.default !== undefined) out[key] = Array.isArray(spec.default) ? [] : spec.default;
    else if (value === undefined && spec.required) {
      report(
        'error',
        'config-missing-field',
        path,
        'key',
        `${what} needs '${key}' (${spec.description.replace(/\.$/, '')}).`,
      );
    }
  }
  return out;
}

/** The value when it is valid, else undefined after reporting why. */
function checkValue(value: unknown, spec: FieldSpec, pointer: string, what: string, report: Report): unknown {
  const wrongType = (expected: string, hint = '') => {
    report(
      'error',
      'config-wrong-type',
      pointer,
      'value',
      `${what} must be ${expected}, not ${describe(value)}.${hint}`,
    );
    return undefined;
  };
  switch (spec.kind) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      return wrongType(
        'true or false',
        typeof value === 'string' && /^(true|false)$/.test(value) ? ` Write ${value} without quotes.` : '',
      );
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || (spec.kind === 'integer' && !Number.isInteger(value))) {
        const unquote = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
        return wrongType(
          spec.kind === 'integer' ? 'a whole number' : 'a number',
          unquote ? ` Write ${value} without quotes.` : '',
        );
      }
      if (
        (spec.minimum !== undefined && value < spec.minimum) ||
        (spec.maximum !== undefined && value > spec.maximum)
      ) {
        report(
          'error',
          'config-out-of-range',
          pointer,
          'value',
          `${what} is ${value}; it must be ${bounds(spec)}.`,
        );
        return undefined;
      }
      return value;
    }
    case 'string':
      if (typeof value !== 'string')
        return wrongType('a string', typeof value === 'number' ? ` Write "${value}" in quotes.` : '');
      return checkString(value, spec, pointer, what, report);
    case 'string[]': {
      if (!Array.isArray(value))
        return wrongType('a list of strings', typeof value === 'string' ? ` Write ["${value}"].` : '');
      const out: string[] = [];
      value.forEach((item, i) => {
        const itemPointer = `${pointer}/${i}`;
        if (typeof item !== 'string') {
          report(
            'error',
            'config-wrong-type',
            itemPointer,
            'value',
            `${what}[${i}] must be a string, not ${describe(item)}.`,
          );
        } else if (checkString(item, spec, itemPointer, `${what}[${i}]`, report) !== undefined)
          out.push(item);
      });
      return out;
    }
    case 'object[]': {
      if (!Array.isArray(value)) return wrongType('a list of objects');
      const out: Record<string, unknown>[] = [];
      value.forEach((item, i) => {
        const itemPointer = `${pointer}/${i}`;
        if (!isPlainObject(item)) {
          report(
            'error',
            'config-wrong-type',
            itemPointer,
            'value',
            `${what}[${i}] must be an object, not ${describe(item)}.`,
          );
        } else out.push(normalizeObject(item, spec.items ?? {}, itemPointer, `${what}[${i}]`, report));
      });
      return out;
    }
  }
}

function checkString(
  value: string,
  spec: FieldSpec,
  pointer: string,
  what: string,
  report: Report,
): string | undefined {
  if (spec.enum && !spec.enum.includes(value)) {
    const guess = closest(value, spec.enum);
    report(
      'error',
      'config-invalid-value',
      pointer,
      'value',
      `${what} is '${value}'; use one of ${spec.enum.join(', ')}.${guess ? ` Did you mean '${guess}'?` : ''}`,
    );
    return undefined;
  }
  if (spec.pattern && !new RegExp(spec.pattern.source).test(value)) {
    report(
      'error',
      'config-invalid-value',
      pointer,
      'value',
      `${what} is '${value}'; write it like '${spec.pattern.example}'.`,
    );
    return undefined;
  }
  return value;
}

function bounds(spec: FieldSpec): string {
  if (spec.minimum !== undefined && spec.maximum !== undefined)
    return `between ${spec.minimum} and ${spec.maximum}`;
  return spec.minimum !== undefined ? `at least ${spec.minimum}` : `at most ${spec.maximum}`;
}

export interface RefContext {
  file: (resource: Resource) => string;
  /** JSON Pointer of the resource's config in its source document. */
  configPath: (resource: Resource) => string;
  /** Range of an absolute pointer in the resource's source document. */
  locate: (resource: Resource, pointer: string) => Range;
}

/**
 * Resolves names in `ref` fields (EC2 `securityGroups`, EBS `attachTo`, `subnet`) to the referenced
 * element's model name, accepting either its label or its name; an unknown name is an error on the value.
 * Adds the referenced resource to `dependsOn`.
 */
export function resolveReferences(
  resources: Resource[],
  network: NetworkLayer,
  ctx: RefContext,
): DeploymentProblem[] {
  const problems: DeploymentProblem[] = [];
  const byType = new Map<string, Map<string, Resource>>();
  for (const r of resources) {
    const names = byType.get(r.type) ?? new Map<string, Resource>();
    names.set(r.label, r);
    names.set(r.name, r);
    byType.set(r.type, names);
  }
  const subnets = new Map(network.subnets.map((s) => [s.name, s]));
  for (const r of resources) {
    const fields = CANVAS_TYPES[r.type].fields;
    for (const [key, spec] of Object.entries(fields)) {
      if (!spec.ref || r.config[key] === undefined) continue;
      const resolve = (value: string, relative: string): string | undefined => {
        const pointer = ctx.configPath(r) + relative;
        if (spec.ref === 'subnet') {
          if (subnets.has(value)) return value;
          const guess = closest(value, [...subnets.keys()]);
          problems.push({
            severity: 'error',
            check: 'config-unknown-reference',
            path: pointer,
            range: ctx.locate(r, pointer),
            message: `${r.type} '${r.label}': there is no subnet '${value}'; use one of ${[...subnets.keys()].join(', ')}.${guess ? ` Did you mean '${guess}'?` : ''}`,
            file: ctx.file(r),
          });
          return undefined;
        }
        const target = byType.get(spec.ref!)?.get(value);
        if (target) {
          if (!r.dependsOn.includes(target.id)) r.dependsOn.push(target.id);
          return target.name;
        }
        const known = [...new Set([...(byType.get(spec.ref!)?.values() ?? [])].map((t) => t.label))].sort();
        problems.push({
          severity: 'error',
          check: 'config-unknown-reference',
          path: pointer,
          range: ctx.locate(r, pointer),
          message: `${r.type} '${r.label}': there is no ${spec.ref} named '${value}'${known.length ? `; known: ${known.join(', ')}` : `; add a ${spec.ref} resource first`}.`,
          file: ctx.file(r),
        });
        return undefined;
      };
      const value = r.config[key];
      if (Array.isArray(value)) {
        r.config[key] = value
          .map((v, i) => resolve(String(v), `/${key}/${i}`))
          .filter((v): v is string => v !== undefined);
      } else {
        const resolved = resolve(String(value), `/${key}`);
        if (resolved === undefined) delete r.config[key];
        else r.config[key] = resolved;
      }
    }
    r.dependsOn.sort();
  }
  return problems;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string "${v.length > 40 ? v.slice(0, 37) + '...' : v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
