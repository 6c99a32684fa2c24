import { setFramePool } from '../defaultFramePool';
import type { FramePool } from '../framePool';

/** Runs `fn` once on one thread and once with `pool` set as the frame pool (unset after). */
export async function oneThreadThenPool<T>(pool: FramePool, fn: () => Promise<T>): Promise<[T, T]> {
  setFramePool(null);
  const one = await fn();
  setFramePool(pool);
  try {
    return [one, await fn()];
  } finally {
    setFramePool(null);
  }
}
