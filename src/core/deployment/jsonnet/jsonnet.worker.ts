/**
 * The jsonnet evaluation child process. libjsonnet runs here, never in the extension host or the CLI's own
 * process: a native crash (very deep nesting overflows its C stack), a runaway evaluation or a memory bomb
 * only takes this process down, and the supervisor restarts it. One request at a time.
 */
import type { EvalRequest, WorkerMessage } from './protocol';
import { loadJsonnetAddon } from './nativeAddon';

const send = (m: WorkerMessage) => process.send?.(m);

// Without a parent there is nobody to answer; exit rather than linger.
process.on('disconnect', () => process.exit(0));

let addon: ReturnType<typeof loadJsonnetAddon>;
try {
  addon = loadJsonnetAddon();
} catch (e) {
  send({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
  process.exit(70);
}

// Memory reports while evaluating: the evaluation runs on a libuv thread, so this thread stays free.
let busy = false;
setInterval(() => {
  if (busy) send({ type: 'rss', bytes: process.memoryUsage.rss() });
}, 50).unref();

process.on('message', (m: EvalRequest) => {
  if (m?.type !== 'eval') return;
  const vm = new addon.Jsonnet();
  for (const [k, v] of Object.entries(m.inputs.extVars)) vm.extString(k, v);
  for (const [k, v] of Object.entries(m.inputs.extCode)) vm.extCode(k, v);
  for (const [k, v] of Object.entries(m.inputs.tlaVars)) vm.tlaString(k, v);
  for (const [k, v] of Object.entries(m.inputs.tlaCode)) vm.tlaCode(k, v);
  // Only the sandbox-checked library paths: no JSONNET_PATH, no implicit search folders.
  for (const j of m.inputs.jpath) vm.addJpath(j);
  busy = true;
  vm.evaluateFile(m.file).then(
    (text) => {
      busy = false;
      send({ type: 'result', id: m.id, ok: true, text });
    },
    (e: unknown) => {
      busy = false;
      send({ type: 'result', id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) });
    },
  );
});

send({ type: 'ready', version: addon.Jsonnet.version });
