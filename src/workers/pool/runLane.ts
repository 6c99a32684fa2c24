/**
 * One lane of a pooled frame loop: take the next frame (Atomics.add on the shared counter), run the
 * kernel on its views, count it done; stop when frames run out or the stop flag is set. The pool's
 * threads and the calling thread run this same loop, so a 2-core machine uses both cores.
 */
import { POOL_KERNELS, type FrameKernel, type PoolKernelId } from './poolKernels';
import { CTRL_DONE, CTRL_NEXT, CTRL_STOP, type FrameFailure } from './poolProtocol';

export interface LaneJob {
  kernel: PoolKernelId;
  params: unknown;
  input: Uint8Array | Uint16Array | Float32Array | Float64Array;
  /** Pixels out (frames × plane), or null when the kernel writes only per-frame values. */
  output: Float32Array | null;
  /** Values out (frames × valuesPerFrame), or null. */
  values: Float64Array | null;
  valuesPerFrame: number;
  width: number;
  height: number;
  frames: number;
  control: Int32Array;
}

const NO_PIXELS = new Float32Array(0);
const NO_VALUES = new Float64Array(0);

/**
 * Runs frames until none are left; `afterFrame` (may be async: the calling thread yields there
 * for cancel messages and progress) follows each. Returns the failure of a frame, or null.
 */
export async function runLane(job: LaneJob, afterFrame?: () => Promise<void> | void): Promise<FrameFailure | null> {
  const { control, width, height, output, values, valuesPerFrame: k } = job;
  const plane = width * height;
  const kernel = POOL_KERNELS[job.kernel] as FrameKernel<unknown>;
  for (;;) {
    if (Atomics.load(control, CTRL_STOP) !== 0) return null;
    const f = Atomics.add(control, CTRL_NEXT, 1);
    if (f >= job.frames) return null;
    try {
      kernel(
        job.input.subarray(f * plane, (f + 1) * plane),
        width,
        height,
        job.params,
        output ? output.subarray(f * plane, (f + 1) * plane) : NO_PIXELS,
        f,
        values ? values.subarray(f * k, (f + 1) * k) : NO_VALUES,
      );
    } catch (e) {
      Atomics.store(control, CTRL_STOP, 2); // the other lanes stop at their next frame
      return { frame: f, name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) };
    }
    Atomics.add(control, CTRL_DONE, 1);
    if (afterFrame) await afterFrame();
  }
}
