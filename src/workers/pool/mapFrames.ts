/**
 * What frame-parallel nodes call: `kernel` on every frame of `input` into `output` (pixels) and/or
 * `options.values` (a few float64 values per frame), on the frame pool when there is one, the stack
 * has several frames and every array is in a SharedArrayBuffer; otherwise frame by frame on this
 * thread (`forEachFrame`). Either way the same kernel function runs per frame, so results are
 * identical; errors name the frame of a stack (`frame f: …`).
 */
import { forEachFrame } from '../../ops/stack/forEachFrame';
import { getFramePool } from './defaultFramePool';
import { isShared, type FramePool } from './framePool';
import { POOL_KERNELS, type FrameKernel, type PoolKernelId, type PoolKernelParams } from './poolKernels';

type Pixels = Uint8Array | Uint16Array | Float32Array | Float64Array;

export interface MapFramesOptions {
  signal?: AbortSignal;
  /** After each finished frame: count done and total (throwing here cancels, e.g. ctx.progress). */
  onFrame?: (done: number, frames: number) => Promise<void> | void;
  /** The pool to use; default `getFramePool()`; null forces one thread. */
  pool?: FramePool | null;
  /** Per-frame values out: frames × k float64 (k = what the kernel writes per frame). */
  values?: Float64Array;
}

export async function mapFrames<K extends PoolKernelId>(
  kernel: K,
  params: PoolKernelParams[K],
  input: Pixels,
  output: Float32Array | null,
  width: number,
  height: number,
  options: MapFramesOptions = {},
): Promise<void> {
  const pool = options.pool === undefined ? getFramePool() : options.pool;
  const plane = width * height;
  const { values } = options;
  const shared = isShared(input) && (!output || isShared(output)) && (!values || isShared(values));
  if (pool && input.length >= 2 * plane && shared) {
    await pool.map(kernel, params, input, output, width, height, options);
    return;
  }
  const run = POOL_KERNELS[kernel] as FrameKernel<PoolKernelParams[K]>;
  const frames = plane > 0 ? input.length / plane : 0;
  const k = values && frames > 0 ? values.length / frames : 0;
  if (values && !Number.isInteger(k)) throw new RangeError(`mapFrames: values has ${values.length} entries, expected a multiple of the ${frames} frames`);
  const noPixels = new Float32Array(0);
  const noValues = new Float64Array(0);
  await forEachFrame(
    input,
    width,
    height,
    (frame, f) => {
      try {
        run(frame, width, height, params, output ? output.subarray(f * plane, (f + 1) * plane) : noPixels, f, values ? values.subarray(f * k, (f + 1) * k) : noValues);
      } catch (e) {
        if (e instanceof RangeError && input.length > plane) throw new RangeError(`frame ${f}: ${e.message}`);
        throw e;
      }
    },
    options.onFrame,
  );
}
