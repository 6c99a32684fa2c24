/**
 * Host-side tiling for images larger than one GPU binding: the image is cut into tiles whose
 * padded size (tile + halo on every side) fits, each padded tile is gathered into one contiguous
 * array with the filter's own edge rule applied at the image border, filtered on the GPU as a
 * small image, and its interior copied out. Inside a tile the kernel never reaches past the halo,
 * so the result equals the untiled one exactly (same operations in the same order).
 */

export interface Tile2d {
  /** Interior origin and size in the image. */
  x0: number;
  y0: number;
  w: number;
  h: number;
}

/** scipy names; 'constant' is zero outside the image (as `scipy.signal.convolve`). */
export type EdgeMode = 'nearest' | 'reflect' | 'constant';

/** Tiles covering width × height such that (w + 2·halo)(h + 2·halo) ≤ maxValues. */
export function planTiles2d(op: string, width: number, height: number, halo: number, maxValues: number): Tile2d[] {
  // Full rows when a band of at least max(1, 2·halo) rows fits (contiguous gathers), else squares.
  const minRows = Math.max(1, 2 * halo);
  const tw = (width + 2 * halo) * (minRows + 2 * halo) <= maxValues ? width : Math.min(width, Math.floor(Math.sqrt(maxValues)) - 2 * halo);
  const th = Math.min(height, Math.floor(maxValues / (tw + 2 * halo)) - 2 * halo);
  if (tw < 1 || th < 1) {
    throw new RangeError(`${op}: the GPU binding limit (${maxValues} values) cannot hold even one pixel with its ${halo}-pixel halo`);
  }
  const tiles: Tile2d[] = [];
  for (let y0 = 0; y0 < height; y0 += th)
    for (let x0 = 0; x0 < width; x0 += tw) tiles.push({ x0, y0, w: Math.min(tw, width - x0), h: Math.min(th, height - y0) });
  return tiles;
}

/** Image index for a padded coordinate under the edge rule; −1: outside ('constant', value 0). */
function edgeIndex(i: number, n: number, mode: EdgeMode): number {
  if (mode === 'constant') return i < 0 || i >= n ? -1 : i;
  if (mode === 'nearest') return i < 0 ? 0 : i >= n ? n - 1 : i;
  const period = 2 * n;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - 1 - j;
  return j;
}

/** Gathers tile + halo into `out` ((w + 2·halo)·(h + 2·halo) values, row-major). */
export function gatherTile2d(
  data: Float32Array,
  width: number,
  height: number,
  tile: Tile2d,
  halo: number,
  mode: EdgeMode,
  out: Float32Array,
): void {
  const pw = tile.w + 2 * halo;
  const ph = tile.h + 2 * halo;
  const cols = new Int32Array(pw);
  for (let i = 0; i < pw; i++) cols[i] = edgeIndex(tile.x0 - halo + i, width, mode);
  const contiguous = tile.x0 - halo >= 0 && tile.x0 + tile.w + halo <= width;
  for (let r = 0; r < ph; r++) {
    const row = edgeIndex(tile.y0 - halo + r, height, mode);
    const src = row * width;
    const dst = r * pw;
    if (row < 0) out.fill(0, dst, dst + pw);
    else if (contiguous) out.set(data.subarray(src + cols[0], src + cols[0] + pw), dst);
    else for (let i = 0; i < pw; i++) out[dst + i] = cols[i] < 0 ? 0 : data[src + cols[i]];
  }
}

/** Copies the interior of a filtered padded tile into the full output image. */
export function scatterTile2d(tileOut: Float32Array, tile: Tile2d, halo: number, out: Float32Array, width: number): void {
  const pw = tile.w + 2 * halo;
  for (let r = 0; r < tile.h; r++) {
    const s = (r + halo) * pw + halo;
    out.set(tileOut.subarray(s, s + tile.w), (tile.y0 + r) * width + tile.x0);
  }
}
