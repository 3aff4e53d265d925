import type { RawSdkCall } from './sdkCall';

const SERVICE_IMPORT = /(?:^|[\s(])(?:(\w+)\s+)?"github\.com\/aws\/aws-sdk-go-v2\/service\/([\w-]+)"/g;
// Methods of *Client that are not operations.
const NOT_OPERATIONS = new Set(['Options']);

/**
 * AWS SDK for Go v2 calls: clients declared from a service package (`ec2.NewFromConfig(cfg)`,
 * `c *ec2.Client`, `ec2.New(opts)`), their calls (`ec2Client.RunInstances(ctx, ...)`) and paginators
 * (`ec2.NewDescribeInstancesPaginator`). A `<svc>Client.Op(` call whose client is declared elsewhere is
 * attributed by its name, the convention seed 001's grep relies on; other names are reported unmapped.
 */
export function goSdkCalls(text: string): RawSdkCall[] {
  const packages = new Map<string, string>(); // package identifier in this file → service path segment
  for (const m of text.matchAll(SERVICE_IMPORT)) packages.set(m[1] ?? m[2].replace(/-/g, ''), m[2]);

  const clients = new Map<string, string>();
  const calls: RawSdkCall[] = [];
  if (packages.size > 0) {
    const pkgs = [...packages.keys()].join('|');
    const declared = new RegExp(
      `\\b(\\w+)\\s*(?::?=\\s*(${pkgs})\\.(?:NewFromConfig|New)\\s*\\(|,?\\s+\\*(${pkgs})\\.Client\\b)`,
      'g',
    );
    for (const m of text.matchAll(declared)) clients.set(m[1], packages.get(m[2] ?? m[3])!);
    const paginator = new RegExp(`\\b(${pkgs})\\.New(\\w+?)(Paginator|Waiter)\\s*\\(`, 'g');
    for (const m of text.matchAll(paginator)) {
      const start = m.index + m[1].length + 1;
      const call: RawSdkCall = {
        offset: start,
        length: m[0].length - m[1].length - 2,
        sdk: 'go-v2',
        client: packages.get(m[1]),
        operation: m[2],
      };
      if (m[3] === 'Waiter')
        call.note = `waiter '${m[2]}' polls describe operations that depend on the waiter`;
      calls.push(call);
    }
  }
  const method = /\b(\w+)\s*\.\s*([A-Z]\w*)\s*\(\s*(\w+)?/g;
  for (const m of text.matchAll(method)) {
    const [, receiver, name] = m;
    if (NOT_OPERATIONS.has(name) || packages.has(receiver)) continue;
    let client = clients.get(receiver);
    let note: string | undefined;
    if (client === undefined) {
      // Only `<something>Client.Op(ctx` counts without a declaration: every SDK v2 operation takes a context first.
      if (!/Client$/.test(receiver) || !m[3] || !/^ctx|context\b|^c$/i.test(m[3])) continue;
      const named = receiver.replace(/Client$/, '').toLowerCase();
      if (named && [...packages.values(), ...KNOWN_GO_PACKAGES].includes(named)) client = named;
      else note = `the service of '${receiver}' is not declared in this file and its name does not tell it`;
    }
    const start = m.index + m[0].indexOf(name, receiver.length);
    calls.push({
      offset: start,
      length: name.length,
      sdk: 'go-v2',
      client,
      operation: name,
      ...(note ? { note } : {}),
    });
  }
  return calls;
}

/** Service packages recognised from a `<pkg>Client` variable name when the file does not import them. */
const KNOWN_GO_PACKAGES = [
  'autoscaling',
  'cloudformation',
  'cloudfront',
  'cloudwatch',
  'dynamodb',
  'ec2',
  'ecr',
  'ecs',
  'eks',
  'elasticache',
  'iam',
  'kms',
  'lambda',
  'rds',
  'route53',
  's3',
  'secretsmanager',
  'sns',
  'sqs',
  'ssm',
  'sts',
];
