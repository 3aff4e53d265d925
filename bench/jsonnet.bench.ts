// Evaluating the example jsonnet deployment: the warm supervised engine (libjsonnet in a worker process,
// through the sandbox pass) against Debian's jsonnet CLI on the same file with the same inputs.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { report, time } from './harness';
import { createEvaluator } from '../src/core/deployment/jsonnet/evaluator';
import { resolveInputs } from '../src/core/deployment/jsonnet/inputs';
import { loadProfiles } from '../src/core/deployment/jsonnet/profiles';
import { cliArgs, exampleDeployment, JSONNET_CLI } from '../test/integration/jsonnet/exampleWorkspace';

const run = promisify(execFile);

async function main(): Promise<void> {
  if (!existsSync(JSONNET_CLI)) throw new Error(`${JSONNET_CLI} is missing: apt-get install jsonnet`);
  const { workspace, file } = exampleDeployment();
  const loaded = await loadProfiles(workspace);
  const profile = loaded.profiles.find((p) => p.name === loaded.defaultProfile) ?? loaded.profiles[0];
  const { inputs } = await resolveInputs({ workspaceRoot: workspace, profile });
  const args = [...cliArgs(inputs), file];
  const evaluator = createEvaluator({ timeoutMs: 60_000 });
  try {
    const cli = await time(() => run(JSONNET_CLI, args, { cwd: workspace, maxBuffer: 64 << 20 }), {
      runs: 30,
      warmup: 3,
    });
    const reference = { name: 'jsonnet CLI (p50)', value: cli.p50 };

    // A fresh ext var each run defeats the result cache: sandbox pass + IPC + libjsonnet, every time.
    let n = 0;
    const uncached = await time(
      async () => {
        const r = await evaluator.evaluateFile(
          file,
          { ...inputs, extVars: { ...inputs.extVars, BENCH_RUN: String(n++) } },
          { sandboxRoots: [workspace] },
        );
        if (!r.ok || r.cached) throw new Error(`unexpected result: ${JSON.stringify(r).slice(0, 300)}`);
      },
      { runs: 30, warmup: 3 },
    );
    report({
      name: 'jsonnet example, warm engine, uncached (p50)',
      value: uncached.p50,
      unit: 'ms',
      reference,
      target: 'ratio <= 1',
      pass: uncached.p50 <= cli.p50,
    });

    const cached = await time(
      async () => {
        const r = await evaluator.evaluateFile(file, inputs, { sandboxRoots: [workspace] });
        if (!r.ok) throw new Error('evaluation failed');
      },
      { runs: 50, warmup: 2 },
    );
    report({
      name: 'jsonnet example, cache hit incl. closure hash (p50)',
      value: cached.p50,
      unit: 'ms',
      reference,
      target: 'ratio <= 0.2',
      pass: cached.p50 <= cli.p50 * 0.2,
    });
  } finally {
    evaluator.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
