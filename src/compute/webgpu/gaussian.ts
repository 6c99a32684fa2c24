/// <reference types="@webgpu/types" />
/**
 * Separable Gaussian: the weights table, the 2-D filter ('nearest' edges, rows then columns) and
 * the passes over a resident volume that the 3-D filter (`gaussian3d.ts`) runs.
 */
import { checkImageArgs, checkSigma, type ArrayInput, type DeviceArray, type GaussianFilter2dOptions } from '../computeBackend';
import { gaussianKernel1d } from '../../ops/image/gaussianKernel1d';
import { gaussianWgsl } from '../wgsl/gaussian.wgsl';
import { params, type GpuContext } from './gpuContext';
import { filterImage } from './imageFilter';

/** The 1-D weights (a constant table) and their radius, checked for `op`. */
export function gaussianWeights(ctx: GpuContext, op: string, options: GaussianFilter2dOptions): { weights: GPUBuffer; radius: number } {
  const truncate = options.truncate ?? 4;
  checkSigma(op, options.sigma, truncate);
  const weights = ctx.table(`gauss:${options.sigma}:${truncate}`, () => Float32Array.from(gaussianKernel1d({ sigma: options.sigma, truncate })));
  return { weights, radius: Math.floor(truncate * options.sigma + 0.5) };
}

export function gaussianFilter2d(ctx: GpuContext, input: ArrayInput, width: number, height: number, options: GaussianFilter2dOptions): Promise<DeviceArray> {
  checkImageArgs('gaussianFilter2d', input, width, height);
  const { weights, radius } = gaussianWeights(ctx, 'gaussianFilter2d', options);
  return filterImage(ctx, 'gaussianFilter2d', input, width, height, radius, 'nearest', (src, dst, w, h) => {
    const count = w * h;
    const bytes = count * 4;
    const u = params(w, h, radius, count);
    return ctx.withBuffers([bytes], async ([tmp]) => {
      await ctx.dispatch(gaussianWgsl, 'rows', [{ buffer: src, size: bytes }, { buffer: tmp, size: bytes }, weights], u, count);
      await ctx.dispatch(gaussianWgsl, 'cols', [{ buffer: tmp, size: bytes }, { buffer: dst, size: bytes }, weights], u, count);
    });
  }, options);
}

export type GaussianAxis = 'x' | 'y' | 'z';

/** The given Gaussian passes over a resident w × h × d volume; returns a new pooled buffer. */
export async function gaussianPasses3d(
  ctx: GpuContext,
  src: GPUBuffer,
  weights: GPUBuffer,
  radius: number,
  passes: readonly GaussianAxis[],
  w: number,
  h: number,
  d: number,
): Promise<GPUBuffer> {
  const n = w * h * d;
  const bytes = n * 4;
  const a = ctx.pool.acquire(bytes);
  let b: GPUBuffer | null = null;
  let from = src;
  for (const [i, axis] of passes.entries()) {
    const to = i % 2 === 0 ? a : (b ??= ctx.pool.acquire(bytes));
    // z: a 'cols' pass whose rows are whole planes.
    const [entry, pw, ph] = axis === 'x' ? (['rows', w, h * d] as const) : axis === 'y' ? (['planeCols', w, h] as const) : (['cols', w * h, d] as const);
    await ctx.dispatch(gaussianWgsl, entry, [{ buffer: from, size: bytes }, { buffer: to, size: bytes }, weights], params(pw, ph, radius, n), n);
    from = to;
  }
  if (b && b !== from) ctx.pool.release(b);
  if (a !== from) ctx.pool.release(a);
  return from;
}
