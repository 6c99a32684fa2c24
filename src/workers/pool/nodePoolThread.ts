/**
 * Frame-pool threads in Node (CLI, bench, tests): worker_threads running framePool.node.ts through
 * tsx's loader, registered inside the thread (a worker does not inherit the parent's `--import`).
 * Node only: never imported by the browser bundle.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PoolReply } from './poolProtocol';
import type { PoolThread } from './poolThread';

const entry = new URL('./framePool.node.ts', import.meta.url).href;
// Resolved here, so the thread finds tsx whatever the working directory: the ESM build of
// 'tsx/esm/api' as tsx's package.json exports it (require.resolve would pick the CJS build).
const tsxApi = (() => {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('tsx/package.json');
  const { exports } = require(pkg) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkg), exports['./esm/api'].import.default)).href;
})();

export function spawnNodePoolThread(): PoolThread {
  const worker = new Worker(
    `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`,
    { eval: true, name: 'frame-pool' },
  );
  worker.unref();
  return {
    post: (task) => worker.postMessage(task),
    listen(onReply, onFail) {
      worker.on('message', (r: PoolReply) => onReply(r));
      worker.on('error', (e) => onFail(new Error(`frame-pool worker failed: ${e.message}`)));
    },
    hold: (busy) => (busy ? worker.ref() : worker.unref()),
    terminate: () => void worker.terminate(),
  };
}

/** Pool size in Node: the cores less one for the calling thread, at least 1. */
export function nodePoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}
