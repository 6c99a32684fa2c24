/// <reference types="@webgpu/types" />
/**
 * 2-D convolution with a user kernel (zero edges, 'same' crop): the per-call kernel buffer and
 * the dispatch, shared with Richardson–Lucy, and `convolve2d`.
 */
import { checkConvolveKernel, checkImageArgs, type ArrayInput, type Convolve2dOptions, type DeviceArray } from '../computeBackend';
import { convolveWgsl } from '../wgsl/convolve.wgsl';
import { params, type GpuContext } from './gpuContext';
import { filterImage } from './imageFilter';

/** A convolution kernel in a pooled buffer, with its size. */
export interface GpuKernel {
  buffer: GPUBuffer;
  size: number;
  kw: number;
  kh: number;
}

/** A per-call kernel (a PSF, not a constant table) in a pooled buffer; release it after use. */
export function uploadKernel(ctx: GpuContext, op: string, kernel: ArrayLike<number>, kw: number, kh: number): GpuKernel {
  const k = Float32Array.from(kernel);
  if (!ctx.fits(k.length)) throw new RangeError(`${op}: a ${kw} × ${kh} kernel does not fit the GPU binding limit of ${ctx.maxBindingBytes} bytes`);
  const buffer = ctx.pool.acquire(k.byteLength);
  ctx.write(buffer, k);
  return { buffer, size: k.byteLength, kw, kh };
}

/** One 'same' convolution of the w × h image in `src` into `dst`. */
export function convolveOn(ctx: GpuContext, src: GPUBuffer, dst: GPUBuffer, w: number, h: number, k: GpuKernel): Promise<void> {
  const count = w * h;
  const u = params(w, h, k.kw, k.kh, Math.floor((k.kw - 1) / 2), Math.floor((k.kh - 1) / 2), count);
  return ctx.dispatch(convolveWgsl, 'main', [{ buffer: src, size: count * 4 }, { buffer: dst, size: count * 4 }, { buffer: k.buffer, size: k.size }], u, count);
}

export async function convolve2d(ctx: GpuContext, input: ArrayInput, width: number, height: number, options: Convolve2dOptions): Promise<DeviceArray> {
  checkImageArgs('convolve2d', input, width, height);
  checkConvolveKernel(options);
  const { kernelWidth: kw, kernelHeight: kh } = options;
  const k = uploadKernel(ctx, 'convolve2d', options.kernel, kw, kh);
  try {
    // Halo ≥ max(⌈(k − 1)/2⌉) on every side; a tile's zero-filled 'constant' halo is the image's zero edge.
    return await filterImage(ctx, 'convolve2d', input, width, height, Math.max(kw, kh) - 1, 'constant', (src, dst, w, h) => convolveOn(ctx, src, dst, w, h, k));
  } finally {
    ctx.pool.release(k.buffer);
  }
}
