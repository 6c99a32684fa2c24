/**
 * The frame pool of this thread, if one was set up: the engine worker installs one of module
 * workers, the CLI one of worker_threads (`setFramePool`). Nodes ask `getFramePool()`; null (unit
 * tests, pages without cross-origin isolation) means the one-thread path. The only module state of
 * the pool.
 */
import type { FramePool } from './framePool';

let pool: FramePool | null = null;

export function setFramePool(p: FramePool | null): void {
  if (pool && pool !== p) pool.dispose();
  pool = p;
}

export function getFramePool(): FramePool | null {
  return pool;
}
