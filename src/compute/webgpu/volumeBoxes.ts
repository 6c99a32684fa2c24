/// <reference types="@webgpu/types" />
/**
 * The host side of a 3-D kernel over padded boxes (`planTiles3d`): each box is gathered with its
 * halo under the kernel's edge rule into one reused host array and GPU buffer, `kernel` computes
 * it (a box-sized result in a pooled buffer) and the interior goes into the output volume.
 * Shared by the 3-D Gaussian ('nearest') and the 3-D median ('reflect').
 */
import { gatherTile3d, scatterTile3d, type EdgeMode, type Plan3d, type Tile3d } from '../tiles2d';
import type { TileSteps } from '../tileSteps';
import type { GpuContext } from './gpuContext';

/** Returns the pw × ph × pd result of the padded box in `src` as a pooled buffer (released here). */
export type BoxKernel = (src: GPUBuffer, pw: number, ph: number, pd: number) => Promise<GPUBuffer>;

export async function mapBoxes(
  ctx: GpuContext,
  data: Float32Array,
  w: number,
  h: number,
  d: number,
  plan: Plan3d,
  mode: EdgeMode,
  kernel: BoxKernel,
  steps: TileSteps,
): Promise<Float32Array> {
  const { halo } = plan;
  const size = (t: Tile3d) => [t.w + 2 * halo.xy, t.h + 2 * halo.xy, t.d + 2 * halo.z] as const;
  const maxBox = plan.tiles.reduce((m, t) => Math.max(m, size(t).reduce((a, b) => a * b, 1)), 0);
  const box = new Float32Array(maxBox);
  const out = new Float32Array(w * h * d);
  await ctx.withBuffers([maxBox * 4], async ([src]) => {
    for (const t of plan.tiles) {
      steps.before();
      const [pw, ph, pd] = size(t);
      const view = box.subarray(0, pw * ph * pd);
      gatherTile3d(data, w, h, d, t, halo, mode, view);
      ctx.write(src, view);
      const dst = await kernel(src, pw, ph, pd);
      try {
        scatterTile3d(await ctx.download(dst, view.length, view), t, halo, out, w, h);
      } finally {
        ctx.pool.release(dst);
      }
      await steps.after();
    }
  });
  return out;
}
