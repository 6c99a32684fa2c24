/// <reference types="@webgpu/types" />
/**
 * The 3×3×3 median ('reflect' edges) of a volume: one kernel over the resident volume, or over
 * padded boxes (`planTiles3d`, 1-voxel halos gathered under 'reflect', `mapBoxes` — the 3-D
 * Gaussian's box loop) when it is larger than one binding. Inside a box the kernel reads only the
 * halo, never its own reflected edge (except along an axis the boxes do not split, where the
 * box's edge is the volume's), so every voxel sees the values of the whole volume.
 */
import { checkVolumeArgs, type ArrayInput, type DeviceArray, type TileRunOptions } from '../computeBackend';
import { planTiles3d } from '../tiles2d';
import { TileSteps } from '../tileSteps';
import { median3dWgsl } from '../wgsl/median3d.wgsl';
import { gpuResult, onHost, withInputs } from './gpuArrays';
import { params, type GpuContext } from './gpuContext';
import { mapBoxes } from './volumeBoxes';

export function medianFilter3d(ctx: GpuContext, input: ArrayInput, width: number, height: number, depth: number, options: TileRunOptions = {}): Promise<DeviceArray> {
  checkVolumeArgs('medianFilter3d', input, width, height, depth);
  return withInputs(ctx, 'medianFilter3d', [input], async ([x]) => {
    if (x.buffer) return gpuResult(ctx, width * height * depth, await median3dOn(ctx, x.buffer, width, height, depth));
    const plan = planTiles3d('medianFilter3d', width, height, depth, { xy: 1, z: 1 }, ctx.maxValues);
    const steps = new TileSteps(options, plan.tiles.length);
    return onHost(ctx, await mapBoxes(ctx, x.host!, width, height, depth, plan, 'reflect', (src, pw, ph, pd) => median3dOn(ctx, src, pw, ph, pd), steps));
  });
}

/** The median of a resident w × h × d volume into a new pooled buffer. */
async function median3dOn(ctx: GpuContext, src: GPUBuffer, w: number, h: number, d: number): Promise<GPUBuffer> {
  const n = w * h * d;
  const dst = ctx.pool.acquire(n * 4);
  try {
    await ctx.dispatch(median3dWgsl, 'main', [{ buffer: src, size: n * 4 }, { buffer: dst, size: n * 4 }], params(w, h, d, n), n);
  } catch (e) {
    ctx.pool.release(dst);
    throw e;
  }
  return dst;
}
