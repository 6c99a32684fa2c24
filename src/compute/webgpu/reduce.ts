/// <reference types="@webgpu/types" />
/** Reductions: min, max, Σx, Σx² of a float32 array (chunks over one binding combined in float64). */
import type { ArrayInput, ReduceResult } from '../computeBackend';
import { REDUCE_FOLD, reduceFirstWgsl, reduceNextWgsl } from '../wgsl/reduce.wgsl';
import { WG_REDUCE } from '../wgsl/common.wgsl';
import { withInputs } from './gpuArrays';
import { f32, params, type GpuContext } from './gpuContext';
import { forEachChunk } from './hostChunks';

/** Reduces a GPU-resident float32 array of `count` values to (min, max, sum, sum of squares). */
async function reduceBuffer(ctx: GpuContext, src: GPUBuffer, count: number): Promise<[number, number, number, number]> {
  // Word 3: the fold's start value for min (+∞).
  const u = (c: number, partials: number) => params(c, partials, 0, f32(Infinity));
  let values = Math.ceil(count / REDUCE_FOLD);
  let from = ctx.pool.acquire(values * 16);
  await ctx.dispatch(reduceFirstWgsl, 'main', [{ buffer: src, size: count * 4 }, { buffer: from, size: values * 16 }], u(count, values), values, WG_REDUCE);
  while (values > 1) {
    const next = Math.ceil(values / REDUCE_FOLD);
    const to = ctx.pool.acquire(next * 16);
    await ctx.dispatch(reduceNextWgsl, 'main', [{ buffer: from, size: values * 16 }, { buffer: to, size: next * 16 }], u(values, next), next, WG_REDUCE);
    ctx.pool.release(from);
    from = to;
    values = next;
  }
  const r = await ctx.download(from, 4);
  ctx.pool.release(from);
  return [r[0], r[1], r[2], r[3]];
}

export function reduce(ctx: GpuContext, input: ArrayInput): Promise<ReduceResult> {
  if (input.length === 0) throw new RangeError('reduce: input has 0 values, expected at least 1');
  return withInputs(ctx, 'reduce', [input], async ([x]) => {
    if (x.buffer) {
      const [min, max, sum, sumSquares] = await reduceBuffer(ctx, x.buffer, x.length);
      return { min, max, sum, sumSquares, count: x.length };
    }
    // Chunks, combined in float64 on the host.
    const r = { min: Infinity, max: -Infinity, sum: 0, sumSquares: 0, count: x.length };
    await forEachChunk(ctx, [x.host!], 1, 0, async ([buf], _i0, values) => {
      const [mn, mx, s, ss] = await reduceBuffer(ctx, buf, values);
      r.min = Math.min(r.min, mn);
      r.max = Math.max(r.max, mx);
      r.sum += s;
      r.sumSquares += ss;
    });
    return r;
  });
}
