/** Frame-pool threads in the browser: module workers that Vite builds from framePool.worker.ts. */
import type { PoolReply } from './poolProtocol';
import type { PoolThread } from './poolThread';

export function spawnBrowserPoolThread(): PoolThread {
  const worker = new Worker(new URL('./framePool.worker.ts', import.meta.url), { type: 'module', name: 'frame-pool' });
  return {
    post: (task) => worker.postMessage(task),
    listen(onReply, onFail) {
      worker.onmessage = (e: MessageEvent<PoolReply>) => onReply(e.data);
      worker.onerror = (e) => onFail(new Error(`frame-pool worker failed: ${e.message || 'could not start'}`));
    },
    hold: () => {},
    terminate: () => worker.terminate(),
  };
}

/** Pool size in the browser: the cores less one for the engine thread, at least 1. */
export function browserPoolSize(): number {
  return Math.max(1, (navigator.hardwareConcurrency || 2) - 1);
}
