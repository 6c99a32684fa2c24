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
import { planTiles3d, type Plan3d } from '../tiles2d';
import { TileSteps } from '../tileSteps';
import { gaussianPasses3d, gaussianWeights, type GaussianAxis } from './gaussian';
import { gpuResult, onHost, withInputs } from './gpuArrays';
import type { GpuContext } from './gpuContext';
import { mapBoxes } from './volumeBoxes';

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
    const tiled = (data: Float32Array, passes: GaussianAxis[], plan: Plan3d, steps: TileSteps) =>
      mapBoxes(ctx, data, width, height, depth, plan, 'nearest', (src, pw, ph, pd) => gaussianPasses3d(ctx, src, weights, radius, passes, pw, ph, pd), steps);
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
    if (all && all.padded <= split) return onHost(ctx, await tiled(x.host!, ['x', 'y', 'z'], all, new TileSteps(options, all.tiles.length)));
    if (!inPlane || !across) {
      planTiles3d('gaussianFilter3d', width, height, depth, { xy: radius, z: 0 }, ctx.maxValues); // throws with the reason
      planTiles3d('gaussianFilter3d', width, height, depth, { xy: 0, z: radius }, ctx.maxValues);
    }
    const steps = new TileSteps(options, inPlane!.tiles.length + across!.tiles.length); // both round trips
    const xy = await tiled(x.host!, ['x', 'y'], inPlane!, steps);
    return onHost(ctx, await tiled(xy, ['z'], across!, steps));
  });
}
