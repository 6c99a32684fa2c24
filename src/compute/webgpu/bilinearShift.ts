/// <reference types="@webgpu/types" />
/**
 * Bilinear shift with host-computed (float64) index / weight tables (`bilinearShiftTable`). An
 * image (or table) over one binding is shifted in output tiles: each tile gets the slice of the
 * table for its columns and rows, re-based to the input rectangle those entries touch (a
 * translation: at most tile + 1 pixels per side, so `planTiles2d` with a 1-pixel halo bounds it),
 * and only that rectangle is uploaded. Same source pixels and weights as the resident kernel, so
 * the same result.
 */
import { checkImageArgs, type ArrayInput, type BilinearShiftBackendOptions, type DeviceArray, type TileRunOptions } from '../computeBackend';
import { TileSteps } from '../tileSteps';
import { bilinearShiftTable } from '../bilinearShiftTable';
import { copyRegion, planTiles2d, scatterTile2d } from '../tiles2d';
import { bilinearShiftWgsl } from '../wgsl/bilinearShift.wgsl';
import { hostValues, onGpu, onHost, withInputs } from './gpuArrays';
import { f32, params, type GpuContext } from './gpuContext';
import { maxPaddedArea } from './paddedTiles';

export function bilinearShift2d(ctx: GpuContext, input: ArrayInput, width: number, height: number, options: BilinearShiftBackendOptions): Promise<DeviceArray> {
  checkImageArgs('bilinearShift2d', input, width, height);
  const fill = options.fill ?? 0;
  const tab = bilinearShiftTable(width, height, options.dy, options.dx);
  const n = width * height;
  return withInputs(ctx, 'bilinearShift2d', [input], async ([x]) => {
    const src = x.buffer;
    if (!src || !ctx.fits(tab.length)) return onHost(ctx, await shiftTiled(ctx, await hostValues(ctx, x), width, height, tab, fill, options));
    return onGpu(ctx, n, (dst) => shiftOn(ctx, { buffer: src, size: n * 4 }, dst, tab, width, height, width, height, fill));
  });
}

/** One bilinear-shift dispatch: a w × h output from a srcWidth × srcHeight source with table `tab`. */
function shiftOn(
  ctx: GpuContext,
  src: { buffer: GPUBuffer; size: number },
  dst: GPUBuffer,
  tab: Float32Array,
  w: number,
  h: number,
  srcWidth: number,
  srcHeight: number,
  fill: number,
): Promise<void> {
  const u = params(w, h, w * h, f32(fill), srcWidth, srcHeight);
  return ctx.withUploaded(tab, (t) =>
    ctx.dispatch(bilinearShiftWgsl, 'main', [src, { buffer: dst, size: w * h * 4 }, { buffer: t, size: tab.byteLength }], u, w * h),
  );
}

/** The source span of table entries [at, at + count): first and last pixel used, or null (all outside). */
function sourceSpan(tab: Float32Array, at: number, count: number, n: number): { lo: number; n: number } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = at; i < at + count; i++) {
    const i0 = tab[2 * i];
    if (i0 < 0) continue;
    lo = Math.min(lo, i0);
    hi = Math.max(hi, Math.min(i0 + 1, n - 1));
  }
  return lo <= hi ? { lo, n: hi - lo + 1 } : null;
}

async function shiftTiled(ctx: GpuContext, data: Float32Array, width: number, height: number, tab: Float32Array, fill: number, options: TileRunOptions): Promise<Float32Array> {
  const out = new Float32Array(width * height);
  const tiles = planTiles2d('bilinearShift2d', width, height, 1, ctx.maxValues);
  const steps = new TileSteps(options, tiles.length);
  const maxTile = maxPaddedArea(tiles, 1);
  const rect = new Float32Array(maxTile);
  await ctx.withBuffers([maxTile * 4, maxTile * 4], async ([src, dst]) => {
    for (const t of tiles) {
      steps.before();
      const cols = sourceSpan(tab, t.x0, t.w, width);
      const rows = sourceSpan(tab, width + t.y0, t.h, height);
      const tileOut = rect.subarray(0, t.w * t.h);
      if (!cols || !rows) {
        tileOut.fill(fill);
      } else {
        const region = { x0: cols.lo, y0: rows.lo, w: cols.n, h: rows.n };
        // 2(w + h) values: less than the padded tile, so it fits.
        const sub = new Float32Array(2 * (t.w + t.h));
        const rebase = (from: number, count: number, at: number, lo: number) => {
          for (let i = 0; i < count; i++) {
            const i0 = tab[2 * (from + i)];
            sub[2 * (at + i)] = i0 < 0 ? -1 : i0 - lo;
            sub[2 * (at + i) + 1] = tab[2 * (from + i) + 1];
          }
        };
        rebase(t.x0, t.w, 0, cols.lo);
        rebase(width + t.y0, t.h, t.w, rows.lo);
        const view = rect.subarray(0, region.w * region.h);
        copyRegion(data, width, region, view);
        ctx.write(src, view);
        await shiftOn(ctx, { buffer: src, size: view.byteLength }, dst, sub, t.w, t.h, region.w, region.h, fill);
        await ctx.download(dst, tileOut.length, tileOut);
      }
      scatterTile2d(tileOut, t, 0, out, width);
      await steps.after();
    }
  });
  return out;
}
