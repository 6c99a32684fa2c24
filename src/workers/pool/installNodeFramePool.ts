/**
 * The CLI's frame pool: worker_threads, one per core less the calling thread (`nodePoolSize`).
 * Called by the process entry (bin/operando-flow.mjs), not by `main()`, so in-process callers
 * (tests) stay on one thread unless they set a pool themselves.
 */
import { setFramePool } from './defaultFramePool';
import { FramePool } from './framePool';
import { nodePoolSize, spawnNodePoolThread } from './nodePoolThread';

export function installNodeFramePool(size = nodePoolSize()): FramePool {
  const pool = new FramePool(spawnNodePoolThread, size);
  setFramePool(pool);
  return pool;
}
