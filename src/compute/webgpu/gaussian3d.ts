/// <reference types="@webgpu/types" />
/**
 * The 3-D Gaussian: three passes (x, y within planes, z) of the 2-D kernel's weights. A volume
 * over one binding goes through host memory in padded boxes (`planTiles3d`, 'nearest' halos): all
 * three passes per box with an r-voxel halo on every split axis, or, when that moves more values
 * (or does not fit: (2r + 1)³ > the limit), an x–y round trip with in-plane halos and then a z
 * round trip with z halos. Each box runs the same passes in the same order as the resident
 * volume, so the interior equals the untiled result exactly.
 */
import { checkVolumeArgs, type ArrayInput, type DeviceArray, type GaussianFilter2dOptions } from '../computeBackend';
import { gatherTile3d, planTiles3d, scatterTile3d, type Plan3d, type Tile3d } from '../tiles2d';
import { gaussianPasses3d, gaussianWeights, type GaussianAxis } from './gaussian';
import { gpuResult, onHost, withInputs } from './gpuArrays';
import type { GpuContext } from './gpuContext';

export function gaussianFilter3d(
  ctx: GpuContext,
  input: ArrayInput,
  width: number,
  height: number,
  depth: number,
  options: GaussianFilter2dOptions,
): Promise<DeviceArray> {
  checkVolumeArgs('gaussianFilter3d', input, width, height, depth);
  const { weights, radius } = gaussianWeights(ctx, 'gaussianFilter3d', options);
  const n = width * height * depth;
  return withInputs(ctx, 'gaussianFilter3d', [input], async ([x]) => {
    if (x.buffer) return gpuResult(ctx, n, await gaussianPasses3d(ctx, x.buffer, weights, radius, ['x', 'y', 'z'], width, height, depth));
    const tiled = (data: Float32Array, passes: GaussianAxis[], plan: Plan3d) =>
      gaussianBoxes(ctx, data, weights, radius, passes, plan, width, height, depth);
    const plan = (xy: number, z: number) => {
      try {
        return planTiles3d('gaussianFilter3d', width, height, depth, { xy, z }, ctx.maxValues);
      } catch {
        return null;
      }
    };
    const all = plan(radius, radius);
    const inPlane = plan(radius, 0);
    const across = plan(0, radius);
    const split = inPlane && across ? inPlane.padded + across.padded : Infinity;
    if (all && all.padded <= split) return onHost(ctx, await tiled(x.host!, ['x', 'y', 'z'], all));
    if (!inPlane || !across) {
      planTiles3d('gaussianFilter3d', width, height, depth, { xy: radius, z: 0 }, ctx.maxValues); // throws with the reason
      planTiles3d('gaussianFilter3d', width, height, depth, { xy: 0, z: radius }, ctx.maxValues);
    }
    const xy = await tiled(x.host!, ['x', 'y'], inPlane!);
    return onHost(ctx, await tiled(xy, ['z'], across!));
  });
}

/** The passes box by box through host memory (`plan` from `planTiles3d`); returns the volume. */
async function gaussianBoxes(
  ctx: GpuContext,
  data: Float32Array,
  weights: GPUBuffer,
  radius: number,
  passes: readonly GaussianAxis[],
  plan: Plan3d,
  w: number,
  h: number,
  d: number,
): Promise<Float32Array> {
  const { halo } = plan;
  const size = (t: Tile3d) => [t.w + 2 * halo.xy, t.h + 2 * halo.xy, t.d + 2 * halo.z] as const;
  const maxBox = plan.tiles.reduce((m, t) => Math.max(m, size(t).reduce((a, b) => a * b, 1)), 0);
  const box = new Float32Array(maxBox);
  const out = new Float32Array(w * h * d);
  await ctx.withBuffers([maxBox * 4], async ([src]) => {
    for (const t of plan.tiles) {
      const [pw, ph, pd] = size(t);
      const view = box.subarray(0, pw * ph * pd);
      gatherTile3d(data, w, h, d, t, halo, 'nearest', view);
      ctx.write(src, view);
      const dst = await gaussianPasses3d(ctx, src, weights, radius, passes, pw, ph, pd);
      try {
        scatterTile3d(await ctx.download(dst, view.length, view), t, halo, out, w, h);
      } finally {
        ctx.pool.release(dst);
      }
    }
  });
  return out;
}
