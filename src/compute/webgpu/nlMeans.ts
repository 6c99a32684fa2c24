/// <reference types="@webgpu/types" />
/**
 * Non-local means on the reflect-padded image (padded on the host, as the CPU op). An image whose
 * padded copy exceeds one binding is done in tiles, each gathered with a halo of patch radius +
 * search radius (the farthest pixel a sum reads) under numpy's 'reflect' (`mirror`): the same
 * padded values around every pixel, hence the same sums as the whole image.
 */
import { checkImageArgs, nlMeansSettings, type ArrayInput, type DeviceArray, type NlMeansBackendOptions } from '../computeBackend';
import { gatherTile2d, planTiles2d } from '../tiles2d';
import { nlMeansWgsl } from '../wgsl/nlMeans.wgsl';
import { hostValues, onGpu, onHost, withInputs } from './gpuArrays';
import { f32, params, type GpuContext } from './gpuContext';
import { mapPaddedTiles } from './paddedTiles';

/** The op's settings as the kernel takes them: h, patch size s, search distance d, noise σ. */
type NlmSettings = ReturnType<typeof nlMeansSettings>;

export function nlMeansDenoise2d(ctx: GpuContext, input: ArrayInput, width: number, height: number, options: NlMeansBackendOptions): Promise<DeviceArray> {
  checkImageArgs('nlMeansDenoise2d', input, width, height);
  const settings = nlMeansSettings(options);
  const { s, d } = settings;
  const offset = (s - 1) / 2;
  return withInputs(ctx, 'nlMeansDenoise2d', [input], async ([x]) => {
    const data = await hostValues(ctx, x);
    const pad = offset + d + 1;
    if (ctx.fits((height + 2 * pad) * (width + 2 * pad))) {
      const padded = new Float32Array((width + 2 * pad) * (height + 2 * pad));
      gatherTile2d(data, width, height, { x0: 0, y0: 0, w: width, h: height }, pad, 'mirror', padded);
      return onGpu(ctx, width * height, (dst) => nlMeansOn(ctx, padded, dst, width, height, pad, settings));
    }
    const halo = offset + d;
    const tiles = planTiles2d('nlMeansDenoise2d', width, height, halo, ctx.maxValues);
    const maxTile = tiles.reduce((m, t) => Math.max(m, t.w * t.h), 0);
    const out = await ctx.withBuffers([maxTile * 4], ([dst]) =>
      mapPaddedTiles(data, width, height, tiles, halo, 'mirror', 0, async (padded, t) => {
        await nlMeansOn(ctx, padded, dst, t.w, t.h, halo, settings);
        return ctx.download(dst, t.w * t.h, padded.subarray(0, t.w * t.h));
      }, options),
    );
    return onHost(ctx, out);
  });
}

/** One NLM dispatch: a w × h result from its padded image (halo `pad`, uploaded here). */
function nlMeansOn(ctx: GpuContext, padded: Float32Array, dst: GPUBuffer, w: number, h: number, pad: number, { h: hh, s, d, sigma }: NlmSettings): Promise<void> {
  const offset = (s - 1) / 2;
  const u = params(w, h, w + 2 * pad, w * h, pad, offset, d, 0, f32(hh * hh * s * s), f32(2 * sigma * sigma));
  return ctx.withUploaded(padded, (img) =>
    ctx.dispatch(nlMeansWgsl, 'main', [{ buffer: img, size: padded.byteLength }, { buffer: dst, size: w * h * 4 }], u, w * h),
  );
}
