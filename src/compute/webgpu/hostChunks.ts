/// <reference types="@webgpu/types" />
/**
 * Elementwise kernels and reductions over arrays larger than one binding: consecutive chunks of
 * the host inputs are uploaded into reused pooled buffers and handed to `run`.
 */
import type { GpuContext } from './gpuContext';

/**
 * For each chunk [i0, i0 + values) of the equally long `inputs` (a multiple of `step` values, as
 * many as fit one binding), `run` gets one buffer per input holding its chunk, then `outputs`
 * more chunk-sized buffers for its results.
 */
export async function forEachChunk(
  ctx: GpuContext,
  inputs: readonly Float32Array[],
  step: number,
  outputs: number,
  run: (buffers: GPUBuffer[], i0: number, values: number) => Promise<void>,
): Promise<void> {
  const length = inputs[0].length;
  const chunk = Math.floor(ctx.maxValues / step) * step;
  const sizes = Array.from({ length: inputs.length + outputs }, () => Math.min(length, chunk) * 4);
  await ctx.withBuffers(sizes, async (buffers) => {
    for (let i0 = 0; i0 < length; i0 += chunk) {
      const values = Math.min(chunk, length - i0);
      inputs.forEach((h, k) => ctx.write(buffers[k], h.subarray(i0, i0 + values)));
      await run(buffers, i0, values);
    }
  });
}
