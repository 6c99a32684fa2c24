/**
 * Host-side tiling for images larger than one GPU binding: the image is cut into tiles whose
 * padded size (tile + halo on every side) fits, each padded tile is gathered into one contiguous
 * array with the filter's own edge rule applied at the image border, filtered on the GPU as a
 * small image, and its interior copied out. Inside a tile the kernel never reaches past the halo,
 * so the result equals the untiled one exactly (same operations in the same order).
 * Also: 'clipped' plans whose padded tiles stop at the image border (kernels whose own zero edge
 * is the op's, as Richardson–Lucy's convolutions), and 3-D boxes with in-plane and z halos.
 */

export interface Tile2d {
  /** Interior origin and size in the image. */
  x0: number;
  y0: number;
  w: number;
  h: number;
}

/**
 * scipy names; 'constant' is zero outside the image (as `scipy.signal.convolve`); 'mirror' is
 * numpy's pad mode 'reflect' (the edge pixel not repeated, as `nlMeansDenoise`).
 */
export type EdgeMode = 'nearest' | 'reflect' | 'mirror' | 'constant';

/**
 * Tiles covering width × height such that each padded tile fits in maxValues: (w + 2·halo)(h + 2·halo),
 * or with `clipped` the padded tile cut to the image (`clippedRegion`: kernels whose own zero edge
 * must stay at the image border gather no halo outside it).
 */
export function planTiles2d(op: string, width: number, height: number, halo: number, maxValues: number, clipped = false): Tile2d[] {
  const pad = (t: number, n: number) => (clipped ? Math.min(n, t + 2 * halo) : t + 2 * halo);
  // Full rows when a band of at least max(1, 2·halo) rows fits (contiguous gathers), else squares
  // (or full rows after all when not even a one-pixel square fits: narrow images, large halos).
  const minRows = Math.max(1, 2 * halo);
  const square = Math.min(width, Math.floor(Math.sqrt(maxValues)) - 2 * halo);
  const tw = pad(width, width) * pad(minRows, height) <= maxValues || square < 1 ? width : square;
  const rowBudget = tw >= 1 ? Math.floor(maxValues / pad(tw, width)) : 0;
  const th = clipped && rowBudget >= height ? height : Math.min(height, rowBudget - 2 * halo);
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
  if (mode === 'mirror') {
    if (n === 1) return 0;
    const p = 2 * (n - 1);
    const m = ((i % p) + p) % p;
    return m >= n ? p - m : m;
  }
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

/** The tile grown by `halo` on every side and cut to the image (a `clipped` plan's padded tile). */
export function clippedRegion(tile: Tile2d, halo: number, width: number, height: number): Tile2d {
  const x0 = Math.max(0, tile.x0 - halo);
  const y0 = Math.max(0, tile.y0 - halo);
  return { x0, y0, w: Math.min(width, tile.x0 + tile.w + halo) - x0, h: Math.min(height, tile.y0 + tile.h + halo) - y0 };
}

/** Copies an image rectangle into `out` (region.w · region.h values, row-major). */
export function copyRegion(data: Float32Array, width: number, region: Tile2d, out: Float32Array): void {
  for (let r = 0; r < region.h; r++) {
    const src = (region.y0 + r) * width + region.x0;
    out.set(data.subarray(src, src + region.w), r * region.w);
  }
}

/** Copies the tile's pixels from a result laid out as `region` (which contains the tile) into the image. */
export function scatterRegion(regionOut: Float32Array, region: Tile2d, tile: Tile2d, out: Float32Array, width: number): void {
  for (let r = 0; r < tile.h; r++) {
    const s = (tile.y0 - region.y0 + r) * region.w + tile.x0 - region.x0;
    out.set(regionOut.subarray(s, s + tile.w), (tile.y0 + r) * width + tile.x0);
  }
}

// ---------------------------------------------------------------- 3-D boxes (volumes, z slowest)

/** Interior origin and size of a box in a width × height × depth volume. */
export interface Tile3d extends Tile2d {
  z0: number;
  d: number;
}

/** Halo per axis; 0 along an axis the boxes do not split (the kernel's own edge is the volume's). */
export interface Halo3d {
  xy: number;
  z: number;
}

export interface Plan3d {
  tiles: Tile3d[];
  halo: Halo3d;
  /** Σ padded box volumes: the values moved through host memory (a plan's cost). */
  padded: number;
}

/**
 * Boxes covering a volume such that each padded box ((w + 2·xy)(h + 2·xy)(d + 2·z)) fits in
 * maxValues, for a separable filter reaching `halo.xy` within planes and `halo.z` across them.
 * Slabs of whole planes when (1 + 2·z) planes fit (contiguous gathers, no in-plane halo); else
 * planes are cut by `planTiles2d` and the slab thickness is the one moving the fewest values.
 * Throws (naming `op`) when not even one voxel with its halo fits.
 */
export function planTiles3d(op: string, width: number, height: number, depth: number, halo: Halo3d, maxValues: number): Plan3d {
  const plane = width * height;
  const slabs = (td: number) => Array.from({ length: Math.ceil(depth / td) }, (_, i) => ({ z0: i * td, d: Math.min(td, depth - i * td) }));
  const box = (t: Tile2d, s: { z0: number; d: number }): Tile3d => ({ ...t, z0: s.z0, d: s.d });
  if (plane * depth <= maxValues) return { tiles: [{ x0: 0, y0: 0, w: width, h: height, z0: 0, d: depth }], halo: { xy: 0, z: 0 }, padded: plane * depth };
  const whole = { x0: 0, y0: 0, w: width, h: height };
  if (plane * (1 + 2 * halo.z) <= maxValues) {
    const td = Math.floor(maxValues / plane) - 2 * halo.z;
    const zs = slabs(td);
    return { tiles: zs.map((s) => box(whole, s)), halo: { xy: 0, z: halo.z }, padded: zs.reduce((a, s) => a + plane * (s.d + 2 * halo.z), 0) };
  }
  // Slab thicknesses where the number of slabs changes: ⌈depth / k⌉.
  let best: Plan3d | null = null;
  for (let k = 1; k <= depth; k++) {
    const td = Math.ceil(depth / k);
    if (k > 1 && td === Math.ceil(depth / (k - 1))) continue;
    const hz = td === depth ? 0 : halo.z;
    const budget = Math.floor(maxValues / (td + 2 * hz));
    let tiles2d: Tile2d[];
    try {
      tiles2d = planTiles2d(op, width, height, halo.xy, budget);
    } catch {
      continue;
    }
    const area = tiles2d.reduce((a, t) => a + (t.w + 2 * halo.xy) * (t.h + 2 * halo.xy), 0);
    const zs = slabs(td);
    const padded = area * zs.reduce((a, s) => a + s.d + 2 * hz, 0);
    if (!best || padded < best.padded) best = { tiles: zs.flatMap((s) => tiles2d.map((t) => box(t, s))), halo: { xy: halo.xy, z: hz }, padded };
  }
  if (!best) {
    throw new RangeError(
      `${op}: the GPU binding limit (${maxValues} values) cannot hold even one voxel with its halo (${halo.xy} pixels in-plane, ${halo.z} planes)`,
    );
  }
  return best;
}

/** Gathers box + halo into `out` ((w + 2·xy)(h + 2·xy)(d + 2·z) values, z slowest). */
export function gatherTile3d(
  data: Float32Array,
  width: number,
  height: number,
  depth: number,
  tile: Tile3d,
  halo: Halo3d,
  mode: EdgeMode,
  out: Float32Array,
): void {
  const pw = tile.w + 2 * halo.xy;
  const ph = tile.h + 2 * halo.xy;
  const pd = tile.d + 2 * halo.z;
  const plane = width * height;
  const planeTile = { x0: tile.x0, y0: tile.y0, w: tile.w, h: tile.h };
  for (let k = 0; k < pd; k++) {
    const z = edgeIndex(tile.z0 - halo.z + k, depth, mode);
    const dst = out.subarray(k * pw * ph, (k + 1) * pw * ph);
    if (z < 0) dst.fill(0);
    else gatherTile2d(data.subarray(z * plane, (z + 1) * plane), width, height, planeTile, halo.xy, mode, dst);
  }
}

/** Copies the interior of a filtered padded box into the full output volume. */
export function scatterTile3d(boxOut: Float32Array, tile: Tile3d, halo: Halo3d, out: Float32Array, width: number, height: number): void {
  const pw = tile.w + 2 * halo.xy;
  const ph = tile.h + 2 * halo.xy;
  const plane = width * height;
  const planeTile = { x0: tile.x0, y0: tile.y0, w: tile.w, h: tile.h };
  for (let k = 0; k < tile.d; k++) {
    const s = (k + halo.z) * pw * ph;
    const z = tile.z0 + k;
    scatterTile2d(boxOut.subarray(s, s + pw * ph), planeTile, halo.xy, out.subarray(z * plane, (z + 1) * plane), width);
  }
}
