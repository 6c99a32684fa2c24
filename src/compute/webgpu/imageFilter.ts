/// <reference types="@webgpu/types" />
/**
 * A w × h → w × h image kernel on the GPU, or tile by tile through host memory when the image is
 * larger than one binding (padded tiles, `planTiles2d`, the kernel's own edge rule in the halo).
 */
import type { ArrayInput, DeviceArray, TileRunOptions } from '../computeBackend';
import { planTiles2d, type EdgeMode } from '../tiles2d';
import { onGpu, onHost, withInputs } from './gpuArrays';
import type { GpuContext } from './gpuContext';
import { mapPaddedTiles, maxPaddedArea } from './paddedTiles';

/** Writes the w × h result of the w × h image in `src` into `dst`. */
export type ImageKernel = (src: GPUBuffer, dst: GPUBuffer, w: number, h: number) => Promise<void>;

export function filterImage(
  ctx: GpuContext,
  op: string,
  input: ArrayInput,
  width: number,
  height: number,
  halo: number,
  mode: EdgeMode,
  kernel: ImageKernel,
  options?: TileRunOptions,
): Promise<DeviceArray> {
  return withInputs(ctx, op, [input], async ([x]) => {
    const src = x.buffer;
    if (src) return onGpu(ctx, width * height, (dst) => kernel(src, dst, width, height));
    const tiles = planTiles2d(op, width, height, halo, ctx.maxValues);
    const bytes = maxPaddedArea(tiles, halo) * 4;
    const out = await ctx.withBuffers([bytes, bytes], ([tileSrc, tileDst]) =>
      mapPaddedTiles(x.host!, width, height, tiles, halo, mode, halo, async (padded, t) => {
        ctx.write(tileSrc, padded);
        await kernel(tileSrc, tileDst, t.w + 2 * halo, t.h + 2 * halo);
        return ctx.download(tileDst, padded.length, padded);
      }, options),
    );
    return onHost(ctx, out);
  });
}
