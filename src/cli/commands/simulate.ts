import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { GrantwiseError } from '../../core/errors';
import { LineIndex } from '../../core/range';
import { detectKind } from '../../core/iam/kind';
import { simulate } from '../../core/iam/simulate/engine';
import type { ContextValue, PolicyInput, RequestPrincipal } from '../../core/iam/simulate/request';
import { EXIT_FINDINGS, EXIT_OK, UsageError, flag, flagList, parseArgs, type CliCommand } from '../command';
import { readInputFile, type InputFile } from './inputFiles';

const USAGE =
  'grantwise simulate --policy FILE [--policy FILE…] --action ACTION --resource ARN [--context-file ctx.json] [--principal ARN] [--format text|json]';

/** Parses a JSON input strictly enough for evaluation; a syntax error is unusable input naming the place. */
function parseJsonInput(file: InputFile, what: string): unknown {
  const errors: ParseError[] = [];
  const value = parse(file.text, errors, { disallowComments: false, allowTrailingComma: false });
  if (errors.length) {
    const at = new LineIndex(file.text).positionAt(errors[0].offset);
    throw new GrantwiseError(
      'input-not-json',
      `${what} ${file.display}:${at.line + 1}:${at.character + 1} is not valid JSON (${printParseErrorCode(errors[0].error)}).`,
      `Run 'grantwise validate ${file.display}' to see every syntax problem.`,
    );
  }
  return value;
}

/** `ec2.amazonaws.com` is a service, an oidc/saml provider ARN is federated, anything else an AWS principal. */
export function principalFromFlag(value: string): RequestPrincipal {
  if (/\.amazonaws\.com(\.cn)?$/.test(value)) return { type: 'Service', id: value };
  if (/:(oidc|saml)-provider\//.test(value)) return { type: 'Federated', id: value };
  return { type: 'AWS', id: value };
}

/** ctx.json: an object from condition key to a value or a list of values (numbers and booleans as text). */
export function contextFromJson(value: unknown, file: string): Record<string, ContextValue> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new GrantwiseError(
      'context-shape',
      `${file} must be a JSON object mapping condition keys to values.`,
      'Example: {"aws:SourceIp": "10.0.0.1", "aws:TagKeys": ["team"]}.',
    );
  }
  const scalar = (v: unknown) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  const out: Record<string, ContextValue> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    const list = Array.isArray(v) ? v.map(scalar) : undefined;
    const one = scalar(v);
    if (one !== undefined) out[key] = one;
    else if (list && list.every((x) => x !== undefined)) out[key] = list as string[];
    else {
      throw new GrantwiseError(
        'context-value',
        `${file}: the value of "${key}" must be a string, number, boolean or a list of them.`,
        'Replace objects and nulls with their string form.',
      );
    }
  }
  return out;
}

/**
 * `grantwise simulate`: evaluates one request against policy files offline. Exit 0 when the request is
 * allowed, 1 when it is denied (explicitly or implicitly), 2 when the input is unusable, so a pipeline can
 * assert "this role can still do X" or, with `!`, "can no longer do Y".
 */
export const simulateCommand: CliCommand = {
  name: 'simulate',
  usage: USAGE,
  summary:
    'Evaluate a request against policies offline: Allowed (exit 0), ExplicitDeny or ImplicitDeny (exit 1).',
  async run(args, io) {
    const p = parseArgs(args);
    const policyFiles = flagList(p, 'policy');
    const action = flag(p, 'action');
    const resource = flag(p, 'resource');
    const format = flag(p, 'format') ?? 'text';
    if (p.positionals.length)
      throw new UsageError(`unexpected argument '${p.positionals[0]}'; name policies with --policy FILE`);
    if (policyFiles.length === 0)
      throw new UsageError('--policy FILE is required (repeat it for several policies)');
    if (!action) throw new UsageError('--action is required, for example --action s3:GetObject');
    if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(action))
      throw new UsageError(`--action '${action}' must look like service:Action, for example s3:GetObject`);
    if (!resource)
      throw new UsageError('--resource is required, for example --resource arn:aws:s3:::bucket/key (or "*")');
    if (format !== 'text' && format !== 'json')
      throw new UsageError(`--format '${format}' must be text or json`);

    const policies: Array<PolicyInput & { file: InputFile }> = [];
    for (const name of policyFiles) {
      const file = await readInputFile(io.cwd, name, '--policy');
      const document = parseJsonInput(file, '--policy');
      policies.push({
        id: file.display,
        document,
        kind: detectKind(document, { fileName: file.absolute }).kind,
        file,
      });
    }
    const contextFile = flag(p, 'context-file');
    let context: Record<string, ContextValue> = {};
    if (contextFile) {
      const file = await readInputFile(io.cwd, contextFile, '--context-file');
      context = contextFromJson(parseJsonInput(file, '--context-file'), file.display);
    }
    const principalFlag = flag(p, 'principal');
    const decision = simulate(
      {
        action,
        resource,
        context,
        ...(principalFlag ? { principal: principalFromFlag(principalFlag) } : {}),
      },
      policies.map(({ id, document, kind }) => ({ id, document, kind })),
    );
    if (format === 'json') {
      const matched = decision.matched.map((m) => ({ file: m.policyId, path: m.path, effect: m.effect }));
      io.out(JSON.stringify({ decision: decision.decision, matched }, null, 2));
    } else {
      io.out(decision.decision);
      for (const line of decision.explanation) io.out(`  ${line}`);
    }
    return decision.decision === 'Allowed' ? EXIT_OK : EXIT_FINDINGS;
  },
};
