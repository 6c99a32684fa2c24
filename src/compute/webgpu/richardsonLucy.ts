/// <reference types="@webgpu/types" />
/**
 * Richardson–Lucy with every iteration on the GPU (two convolutions, ratio, product). An image
 * over one binding is done in rounds of k iterations on clipped padded tiles
 * (`richardsonLucyTilePlan`): an iteration reads pixels up to `spread` away (two 'same'
 * convolutions), so after k iterations on a tile grown by k·spread the tile's own pixels are
 * exact; the growth is cut at the image border, where the kernel's zero edge is the op's. Between
 * rounds the estimate goes through host memory (float32, as it stays on the GPU), so each pixel
 * sees the same operations as in the resident run.
 */
import { checkImageArgs, type ArrayInput, type DeviceArray, type RichardsonLucyBackendOptions, type TileRunOptions } from '../computeBackend';
import { TileSteps } from '../tileSteps';
import { richardsonLucySettings } from '../../ops/image/richardsonLucy';
import { clippedRegion, copyRegion, scatterRegion } from '../tiles2d';
import { rlClipWgsl, rlRatioWgsl, rlUpdateWgsl } from '../wgsl/richardsonLucy.wgsl';
import { convolveOn, uploadKernel, type GpuKernel } from './convolve';
import { onGpu, onHost, withInputs } from './gpuArrays';
import { f32, params, type GpuContext } from './gpuContext';
import { richardsonLucyTilePlan } from './richardsonLucyPlan';

/** The PSF and its mirror, the two convolutions of an iteration. */
interface Psfs {
  k: GpuKernel;
  km: GpuKernel;
}

interface Iterations {
  clip: boolean;
  filterEpsilon: number;
}

export async function richardsonLucy(ctx: GpuContext, input: ArrayInput, width: number, height: number, options: RichardsonLucyBackendOptions): Promise<DeviceArray> {
  checkImageArgs('richardsonLucy', input, width, height);
  const { numIter, clip, filterEpsilon } = richardsonLucySettings(options);
  const { psf, psfWidth: kw, psfHeight: kh } = options;
  const n = width * height;
  const mirror = Float32Array.from({ length: kw * kh }, (_, i) => psf[kw * kh - 1 - i]);
  const k = uploadKernel(ctx, 'richardsonLucy', psf, kw, kh);
  const km = uploadKernel(ctx, 'richardsonLucy', mirror, kw, kh);
  const psfs = { k, km };
  try {
    return await withInputs(ctx, 'richardsonLucy', [input], async ([x]) => {
      const image = x.buffer;
      if (!image) return onHost(ctx, await rlTiled(ctx, x.host!, width, height, numIter, { clip, filterEpsilon }, psfs, options));
      return onGpu(ctx, n, async (u) => {
        ctx.write(u, new Float32Array(n).fill(0.5));
        await rlOn(ctx, image, u, width, height, numIter, { clip, filterEpsilon }, psfs);
      });
    });
  } finally {
    ctx.pool.release(k.buffer);
    ctx.pool.release(km.buffer);
  }
}

/** `iters` RL iterations in place on the resident estimate `u` of a w × h image, then the clip. */
function rlOn(ctx: GpuContext, image: GPUBuffer, u: GPUBuffer, w: number, h: number, iters: number, opts: Iterations, psfs: Psfs): Promise<void> {
  const n = w * h;
  const bytes = n * 4;
  return ctx.withBuffers([bytes, bytes], async ([r, r2]) => {
    const ratioParams = params(n, f32(opts.filterEpsilon));
    const countParams = params(n);
    const img = { buffer: image, size: bytes };
    for (let it = 0; it < iters; it++) {
      await convolveOn(ctx, u, r, w, h, psfs.k);
      await ctx.dispatch(rlRatioWgsl, 'main', [img, { buffer: r, size: bytes }], ratioParams, n);
      await convolveOn(ctx, r, r2, w, h, psfs.km);
      await ctx.dispatch(rlUpdateWgsl, 'main', [{ buffer: r2, size: bytes }, { buffer: u, size: bytes }], countParams, n);
    }
    if (opts.clip) await ctx.dispatch(rlClipWgsl, 'main', [{ buffer: u, size: bytes }], countParams, n);
  });
}

async function rlTiled(ctx: GpuContext, data: Float32Array, width: number, height: number, numIter: number, opts: Iterations, psfs: Psfs, options: TileRunOptions): Promise<Float32Array> {
  let u = new Float32Array(width * height).fill(0.5);
  if (numIter === 0) return u; // the start value; within [−1, 1], so clipping keeps it
  const { kw, kh } = psfs.k;
  // 'same' convolution offsets reach ⌊(k − 1)/2⌋ one way and ⌈(k − 1)/2⌉ the other; the mirrored
  // PSF's reach the same way, so an iteration reaches 2·⌈(k − 1)/2⌉.
  const spread = 2 * Math.ceil((Math.max(kw, kh) - 1) / 2);
  const { k, tiles } = richardsonLucyTilePlan(width, height, numIter, spread, kw * kh, ctx.maxValues);
  const halo = k * spread;
  const steps = new TileSteps(options, Math.ceil(numIter / k) * tiles.length); // rounds × tiles
  const regions = tiles.map((t) => clippedRegion(t, halo, width, height));
  const maxRegion = regions.reduce((m, r) => Math.max(m, r.w * r.h), 0);
  const imgHost = new Float32Array(maxRegion);
  const uHost = new Float32Array(maxRegion);
  let next = new Float32Array(width * height);
  await ctx.withBuffers([maxRegion * 4, maxRegion * 4], async ([img, ub]) => {
    for (let it0 = 0; it0 < numIter; it0 += k) {
      const iters = Math.min(k, numIter - it0);
      const last = it0 + iters === numIter;
      for (const [i, t] of tiles.entries()) {
        steps.before();
        const region = regions[i];
        const len = region.w * region.h;
        const imgView = imgHost.subarray(0, len);
        const uView = uHost.subarray(0, len);
        copyRegion(data, width, region, imgView);
        copyRegion(u, width, region, uView);
        ctx.write(img, imgView);
        ctx.write(ub, uView);
        await rlOn(ctx, img, ub, region.w, region.h, iters, { ...opts, clip: opts.clip && last }, psfs);
        scatterRegion(await ctx.download(ub, len, uView), region, t, next, width);
        await steps.after();
      }
      [u, next] = [next, u];
    }
  });
  return u;
}
