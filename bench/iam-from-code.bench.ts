// Policy from code over a generated 10,000-file tree, against ripgrep searching the same tree for the
// same SDK markers in the same run (issue 4 target: at most 2x rg).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogSync } from '../src/core/iam/catalog';
import { policyFromCode } from '../src/core/iam/fromCode/policyFromCode';
import { report, time } from './harness';

const FILES = 10_000;
// The markers the scanner's pre-filter and extractors look for, as one rg pattern.
const RG_PATTERN = String.raw`aws-sdk|client\(|resource\(|Client\.`;

const filler = (i: number) =>
  Array.from(
    { length: 60 },
    (_, j) =>
      `  const value${j} = compute(${i}, ${j}) + items.filter((x) => x.id !== ${j}).length; // line ${j}`,
  ).join('\n');

const SDK_FILES: Array<[string, (i: number) => string]> = [
  [
    'ts',
    (i) =>
      `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nexport async function f${i}() {\n  return s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k${i}' }));\n}\n`,
  ],
  [
    'py',
    (i) => `import boto3\nec2 = boto3.client('ec2')\n\ndef f${i}():\n    return ec2.describe_instances()\n`,
  ],
  [
    'go',
    (i) =>
      `package p\nimport "github.com/aws/aws-sdk-go-v2/service/ec2"\nfunc f${i}(ctx context.Context, ec2Client *ec2.Client) {\n\tec2Client.RunInstances(ctx, nil)\n}\n`,
  ],
  [
    'js',
    (i) => `const AWS = require('aws-sdk');\nconst sqs = new AWS.SQS();\nsqs.sendMessage({ n: ${i} });\n`,
  ],
];
const PLAIN_EXT = ['ts', 'js', 'py', 'go'];

function makeTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'gw-bench-fromcode-'));
  for (let i = 0; i < FILES; i++) {
    const dir = join(root, `pkg${i % 100}`, `mod${i % 7}`);
    mkdirSync(dir, { recursive: true });
    if (i % 20 === 0) {
      const [ext, body] = SDK_FILES[(i / 20) % SDK_FILES.length];
      writeFileSync(join(dir, `f${i}.${ext}`), body(i) + filler(i));
    } else {
      writeFileSync(join(dir, `f${i}.${PLAIN_EXT[i % 4]}`), `// module ${i}\n${filler(i)}\n`);
    }
  }
  return root;
}

async function main(): Promise<void> {
  const rg = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (rg.error)
    throw new Error('rg (ripgrep) is not installed; the from-code bench needs it as its reference.');
  const catalog = loadCatalogSync();
  const root = makeTree();
  try {
    let calls = 0;
    let rgLines = 0;
    const scan = await time(() => (calls = policyFromCode(catalog, root).calls.length), {
      runs: 7,
      warmup: 2,
    });
    const reference = await time(
      () => {
        const r = spawnSync('rg', ['-n', '--no-heading', '-e', RG_PATTERN, root], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        });
        rgLines = r.stdout.split('\n').length - 1;
      },
      { runs: 7, warmup: 2 },
    );
    if (calls === 0 || rgLines === 0)
      throw new Error(`bench tree found nothing: ${calls} calls, ${rgLines} rg lines`);
    process.stderr.write(`from-code: ${calls} calls in ${FILES} files; rg: ${rgLines} matching lines\n`);
    report({
      name: `policy from code, ${FILES} files (p50)`,
      value: scan.p50,
      unit: 'ms',
      reference: { name: 'rg same patterns', value: reference.p50 },
      target: 'ratio <= 2',
      pass: scan.p50 / reference.p50 <= 2,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
