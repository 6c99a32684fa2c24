/**
 * What frame-parallel nodes call: `kernel` on every frame of `input` into `output`, on the frame
 * pool when there is one, the stack has several frames and both arrays are in SharedArrayBuffers;
 * otherwise frame by frame on this thread (`forEachFrame`). Either way the same kernel function
 * runs per frame, so results are identical; errors name the frame of a stack (`frame f: …`).
 */
import { forEachFrame } from '../../ops/stack/forEachFrame';
import { getFramePool } from './defaultFramePool';
import { isShared, type FramePool } from './framePool';
import { POOL_KERNELS, type PoolKernelId, type PoolKernelParams } from './poolKernels';

type Pixels = Uint8Array | Uint16Array | Float32Array | Float64Array;

export interface MapFramesOptions {
  signal?: AbortSignal;
  /** After each finished frame: count done and total (throwing here cancels, e.g. ctx.progress). */
  onFrame?: (done: number, frames: number) => Promise<void> | void;
  /** The pool to use; default `getFramePool()`; null forces one thread. */
  pool?: FramePool | null;
}

export async function mapFrames<K extends PoolKernelId>(
  kernel: K,
  params: PoolKernelParams[K],
  input: Pixels,
  output: Float32Array,
  width: number,
  height: number,
  options: MapFramesOptions = {},
): Promise<void> {
  const pool = options.pool === undefined ? getFramePool() : options.pool;
  const plane = width * height;
  if (pool && input.length >= 2 * plane && isShared(input) && isShared(output)) {
    await pool.map(kernel, params, input, output, width, height, options);
    return;
  }
  const run = POOL_KERNELS[kernel] as (frame: Pixels, w: number, h: number, p: PoolKernelParams[K], out: Float32Array, f: number) => void;
  await forEachFrame(
    input,
    width,
    height,
    (frame, f) => {
      try {
        run(frame, width, height, params, output.subarray(f * plane, (f + 1) * plane), f);
      } catch (e) {
        if (e instanceof RangeError && input.length > plane) throw new RangeError(`frame ${f}: ${e.message}`);
        throw e;
      }
    },
    options.onFrame,
  );
}
