import { camelToPascal, type RawSdkCall } from './sdkCall';

// Import forms that bind names to an @aws-sdk package or to the v2 `aws-sdk` package.
const NAMED_IMPORT = /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](@aws-sdk\/[\w-]+)['"]/g;
const NAMED_REQUIRE = /\{([^}]*)\}\s*=\s*require\(\s*['"](@aws-sdk\/[\w-]+)['"]\s*\)/g;
const NAMESPACE_IMPORT =
  /import\s+(?:\*\s+as\s+)?(\w+)\s+from\s*['"](@aws-sdk\/[\w-]+|aws-sdk(?:\/clients\/\w+)?)['"]|(\w+)\s*=\s*require\(\s*['"](@aws-sdk\/[\w-]+|aws-sdk(?:\/clients\/\w+)?)['"]\s*\)/g;
const NEW_INSTANCE = /\bnew\s+(?:(\w+)\.)?(\w+)\s*\(/g;
const PAGINATE = /\b(?:(\w+)\.)?paginate(\w+)\s*\(/g;
const NEW_CLIENT = /\b(\w+)\s*=\s*new\s+([\w.]+)\s*\(/g;

// Methods of v2 and v3 aggregated clients that are not service operations.
const NOT_OPERATIONS = new Set([
  'send',
  'promise',
  'on',
  'destroy',
  'config',
  'middlewareStack',
  'makeRequest',
  'makeUnauthenticatedRequest',
  'setupRequestListeners',
  'createPresignedPost',
  'extractError',
  'createSet',
  'then',
]);

// DynamoDB document clients (v2 DocumentClient methods, v3 lib-dynamodb commands) wrap table operations.
const DOCUMENT_OPERATIONS: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Query: 'Query',
  Scan: 'Scan',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
  ExecuteStatement: 'ExecuteStatement',
  BatchExecuteStatement: 'BatchExecuteStatement',
  ExecuteTransaction: 'ExecuteTransaction',
};

function importedNames(
  list: string,
  pkg: string,
  into: Map<string, string>,
  originals: Map<string, string>,
  renameSep: RegExp,
): void {
  for (const part of list.split(',')) {
    const [orig, local] = part
      .replace(/^\s*type\s+/, '')
      .split(renameSep)
      .map((s) => s.trim());
    if (!orig) continue;
    into.set(local || orig, pkg);
    if (local) originals.set(local, orig);
  }
}

/** The client a `new X(` constructs, when X is an AWS SDK client that has one method per operation. */
function clientOfConstructor(
  expr: string,
  names: Map<string, string>,
  namespaces: Map<string, string>,
): string | undefined {
  const parts = expr.split('.');
  const ns = namespaces.get(parts[0]);
  if (ns === 'aws-sdk' && parts.length >= 2) return parts.slice(1).join('.'); // new AWS.S3(), new AWS.DynamoDB.DocumentClient()
  if (ns?.startsWith('aws-sdk/clients/')) return [ns.slice(16), ...parts.slice(1)].join('.'); // v2 per-client import
  const pkg = names.get(parts[0]) ?? (ns?.startsWith('@aws-sdk/') && parts.length === 2 ? ns : undefined);
  const cls = parts[parts.length - 1];
  // v3 aggregated clients (`new S3()` from @aws-sdk/client-s3) have methods; `S3Client` only has send().
  if (pkg?.startsWith('@aws-sdk/client-') && !cls.endsWith('Client')) return pkg;
  return undefined;
}

/**
 * AWS SDK calls in JavaScript/TypeScript text: v3 commands (`new GetObjectCommand(`, usually inside
 * `client.send(...)`) and paginators, v3 aggregated clients and v2 clients (`s3.getObject(`), with the
 * service told by the import the name comes from.
 */
export function jsSdkCalls(text: string): RawSdkCall[] {
  const names = new Map<string, string>(); // local name → @aws-sdk package
  const namespaces = new Map<string, string>(); // local name → package, for `pkg.Name` and v2 `AWS.S3`
  const originals = new Map<string, string>(); // renamed local name → exported name
  for (const m of text.matchAll(NAMED_IMPORT)) importedNames(m[1], m[2], names, originals, /\s+as\s+/);
  for (const m of text.matchAll(NAMED_REQUIRE)) importedNames(m[1], m[2], names, originals, /:/);
  for (const m of text.matchAll(NAMESPACE_IMPORT)) namespaces.set(m[1] ?? m[3], m[2] ?? m[4]);

  const calls: RawSdkCall[] = [];
  const packageOf = (ns: string | undefined, name: string) => (ns ? namespaces.get(ns) : names.get(name));
  for (const m of text.matchAll(NEW_INSTANCE)) {
    const [, ns, local] = m;
    // Renamed imports (`QueryCommand as DocQuery`) keep the command name in `originals`.
    const original = ns ? local : (originals.get(local) ?? local);
    if (!original.endsWith('Command') || original === 'Command') continue;
    const operation = original.slice(0, -7);
    const pkg = packageOf(ns, local);
    const start = m.index + m[0].lastIndexOf(local);
    const call: RawSdkCall = { offset: start, length: local.length, sdk: 'js-v3', operation };
    if (pkg === '@aws-sdk/lib-dynamodb') call.operation = DOCUMENT_OPERATIONS[operation] ?? operation;
    if (pkg?.startsWith('@aws-sdk/')) call.client = pkg;
    else call.note = `${original} is not imported from an @aws-sdk package in this file`;
    calls.push(call);
  }
  for (const m of text.matchAll(PAGINATE)) {
    const pkg = packageOf(m[1], 'paginate' + m[2]);
    if (!pkg?.startsWith('@aws-sdk/')) continue; // some other library's paginate*
    const start = m.index + m[0].indexOf('paginate');
    calls.push({ offset: start, length: m[2].length + 8, sdk: 'js-v3', client: pkg, operation: m[2] });
  }

  const clients = new Map<string, { client: string; sdk: 'js-v2' | 'js-v3' }>();
  for (const m of text.matchAll(NEW_CLIENT)) {
    const client = clientOfConstructor(m[2], names, namespaces);
    if (client) clients.set(m[1], { client, sdk: client.startsWith('@aws-sdk/') ? 'js-v3' : 'js-v2' });
  }
  if (clients.size === 0) return calls;
  const vars = [...clients.keys()].join('|');
  const method = new RegExp(`\\b(${vars})\\s*\\.\\s*([a-zA-Z]\\w*)\\s*\\(\\s*(?:['"](\\w+)['"])?`, 'g');
  for (const m of text.matchAll(method)) {
    const { client, sdk } = clients.get(m[1])!;
    const name = m[2];
    if (NOT_OPERATIONS.has(name)) continue;
    const start = m.index + m[0].lastIndexOf(name, m[0].indexOf('('));
    const call: RawSdkCall = {
      offset: start,
      length: name.length,
      sdk,
      client,
      operation: camelToPascal(name),
    };
    if (name === 'getSignedUrl' || name === 'getSignedUrlPromise') {
      if (m[3])
        call.operation = camelToPascal(m[3]); // presigned URLs carry the permission of the operation they sign
      else call.note = 'the signed operation is not a string literal';
    } else if (name === 'waitFor') {
      call.note = `waiter '${m[3] ?? '?'}' calls describe operations that depend on the waiter`;
    } else if (client.endsWith('DocumentClient')) {
      call.operation = DOCUMENT_OPERATIONS[camelToPascal(name)] ?? camelToPascal(name);
    }
    calls.push(call);
  }
  return calls;
}
