/**
 * The host side of a 2-D kernel over padded tiles: each tile is gathered with its halo under the
 * kernel's edge rule into one reused host array, `run` computes it (on the GPU) and the interior
 * of its result goes into the output image.
 */
import type { TileRunOptions } from '../computeBackend';
import { gatherTile2d, scatterTile2d, type EdgeMode, type Tile2d } from '../tiles2d';
import { TileSteps } from '../tileSteps';

/** The largest padded tile (values): the size of the host array and GPU buffers a loop reuses. */
export function maxPaddedArea(tiles: readonly Tile2d[], halo: number): number {
  return tiles.reduce((m, t) => Math.max(m, (t.w + 2 * halo) * (t.h + 2 * halo)), 0);
}

/**
 * Tile by tile: `run` gets the padded tile (`halo` on each side) and returns its result in host
 * memory, either padded too (`resultHalo` = halo) or only the interior (`resultHalo` = 0); it may
 * overwrite the padded view. Returns the width × height output. `run` options: cancel before each
 * tile, progress after it.
 */
export async function mapPaddedTiles(
  data: Float32Array,
  width: number,
  height: number,
  tiles: readonly Tile2d[],
  halo: number,
  mode: EdgeMode,
  resultHalo: number,
  run: (padded: Float32Array, t: Tile2d) => Promise<Float32Array>,
  options?: TileRunOptions,
): Promise<Float32Array> {
  const steps = new TileSteps(options, tiles.length);
  const out = new Float32Array(width * height);
  const padded = new Float32Array(maxPaddedArea(tiles, halo));
  for (const t of tiles) {
    steps.before();
    const view = padded.subarray(0, (t.w + 2 * halo) * (t.h + 2 * halo));
    gatherTile2d(data, width, height, t, halo, mode, view);
    scatterTile2d(await run(view, t), t, resultHalo, out, width);
    await steps.after();
  }
  return out;
}
