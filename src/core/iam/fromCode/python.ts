import { snakeToPascal, type RawSdkCall } from './sdkCall';

// `s3 = boto3.client('s3')`, `self.ec2 = session.client(service_name="ec2", ...)`.
const CLIENT_ASSIGN = /\b(\w+)\s*=\s*[\w.()]*?\bclient\(\s*(?:service_name\s*=\s*)?['"]([\w-]+)['"]/g;
// `async with session.client('s3') as s3:` (aioboto3) and `with ... as s3`.
const CLIENT_WITH = /\bclient\(\s*(?:service_name\s*=\s*)?['"]([\w-]+)['"][^)]*\)\s+as\s+(\w+)/g;
const RESOURCE_ASSIGN = /\b(\w+)\s*=\s*[\w.()]*?\bresource\(\s*(?:service_name\s*=\s*)?['"]([\w-]+)['"]/g;
// `boto3.client('s3').get_object(`
const INLINE_CALL = /\bclient\(\s*(?:service_name\s*=\s*)?['"]([\w-]+)['"][^()]*\)\s*\.\s*([a-z_]\w*)\s*\(/g;

const NOT_OPERATIONS = new Set(['close', 'can_paginate', 'get_waiter', 'exceptions', 'meta']);

// boto3's S3 transfer helpers call S3 operations of their own.
const TRANSFER_OPERATIONS: Record<string, string> = {
  upload_file: 'PutObject',
  upload_fileobj: 'PutObject',
  download_file: 'GetObject',
  download_fileobj: 'GetObject',
  copy: 'CopyObject',
};

function operationCall(
  start: number,
  method: string,
  literal: string | undefined,
  client: string,
): RawSdkCall | undefined {
  if (NOT_OPERATIONS.has(method)) return undefined;
  const call: RawSdkCall = { offset: start, length: method.length, sdk: 'boto3', client, operation: '' };
  if (method === 'get_paginator' || method === 'generate_presigned_url') {
    if (literal) call.operation = snakeToPascal(literal);
    else {
      call.operation = snakeToPascal(method);
      call.note = `the operation passed to ${method} is not a string literal`;
    }
  } else call.operation = TRANSFER_OPERATIONS[method] ?? snakeToPascal(method);
  return call;
}

/**
 * boto3/botocore calls in Python text: clients bound to names (`s3 = boto3.client('s3')`, `with ... as`),
 * inline `boto3.client('s3').get_object(`, paginators, presigned URLs and S3 transfer helpers. Calls on
 * boto3 resources are reported unmapped: their methods are not operations.
 */
export function pythonSdkCalls(text: string): RawSdkCall[] {
  const clients = new Map<string, string>();
  const resources = new Map<string, string>();
  for (const m of text.matchAll(CLIENT_ASSIGN)) clients.set(m[1], m[2]);
  for (const m of text.matchAll(CLIENT_WITH)) clients.set(m[2], m[1]);
  for (const m of text.matchAll(RESOURCE_ASSIGN)) resources.set(m[1], m[2]);

  const calls: RawSdkCall[] = [];
  for (const m of text.matchAll(INLINE_CALL)) {
    const call = operationCall(m.index + m[0].lastIndexOf(m[2]), m[2], undefined, m[1]);
    if (call) calls.push(call);
  }
  const vars = [...clients.keys(), ...resources.keys()];
  if (vars.length === 0) return calls;
  const method = new RegExp(
    `\\b(${vars.join('|')})\\s*\\.\\s*(meta\\s*\\.\\s*client\\s*\\.\\s*)?([a-z_]\\w*)\\s*\\(\\s*(?:(?:ClientMethod|operation_name)\\s*=\\s*)?(?:['"](\\w+)['"])?`,
    'g',
  );
  for (const m of text.matchAll(method)) {
    const name = m[3];
    const start = m.index + m[0].lastIndexOf(name, m[0].indexOf('('));
    const client = clients.get(m[1]);
    if (client !== undefined) {
      const call = operationCall(start, name, m[4], client);
      if (call) calls.push(call);
    } else if (m[2]) {
      const call = operationCall(start, name, m[4], resources.get(m[1])!);
      if (call) calls.push(call);
    } else {
      calls.push({
        offset: start,
        length: name.length,
        sdk: 'boto3',
        client: resources.get(m[1]),
        operation: snakeToPascal(name),
        note: `boto3 resource method '${name}' does not name an API operation; use a client or map it by hand`,
      });
    }
  }
  return calls;
}
