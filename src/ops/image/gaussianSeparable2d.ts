import type { ImageData2D } from './assertImageData';

/**
 * The separable 'nearest'-edge correlation behind `gaussianFilter` (and each plane of
 * `gaussianFilter3d`), without argument checks: rows first, then columns.
 *
 * Why it is shaped like this (speed, issue 5): row-filtered lines go into a ring of 2r + 1 float64
 * lines (one ring slot per source row, slot = row mod (2r + 1)), so each row is filtered once and
 * the column pass reads only lines that are still in cache — no full-size intermediate. Both
 * passes run their inner loop along x over whole lines (long, branch-free loops V8 optimises
 * well); edges are handled once per line (padding) or once per output row (clamped row index),
 * never per pixel. Sums are float64 as in scipy's `correlate1d`, the result float32.
 *
 * `weights` is the symmetric kernel (2r + 1 values, centre at r); `scratch` (from
 * `gaussianScratch`) may be passed to reuse the buffers across frames of one width.
 */
export function gaussianSeparable2d(
  data: ImageData2D,
  width: number,
  height: number,
  weights: Float64Array,
  out: Float32Array,
  scratch?: GaussianScratch,
): Float32Array {
  const r = (weights.length - 1) / 2;
  const span = 2 * r + 1;
  const s = scratch ?? gaussianScratch(width, r);
  const { ring, line, acc } = s;
  // Rows [0, r] are needed before output row 0; then one new row per output row.
  let filtered = 0;
  for (let y = 0; y < height; y++) {
    const need = Math.min(height - 1, y + r);
    for (; filtered <= need; filtered++) rowPass(data, filtered * width, width, r, weights, line, ring, (filtered % span) * width);
    columnPass(ring, width, height, y, r, weights, acc);
    out.set(acc, y * width);
  }
  return out;
}

/** Reusable buffers of `gaussianSeparable2d` for one width and radius. */
export interface GaussianScratch {
  ring: Float64Array;
  line: Float64Array;
  acc: Float64Array;
}

export function gaussianScratch(width: number, r: number): GaussianScratch {
  return { ring: new Float64Array((2 * r + 1) * width), line: new Float64Array(width + 2 * r), acc: new Float64Array(width) };
}

/** One source row, edge-padded into `line`, correlated along x into `ring[dst … dst + width)`. */
function rowPass(
  data: ImageData2D,
  src: number,
  width: number,
  r: number,
  weights: Float64Array,
  line: Float64Array,
  ring: Float64Array,
  dst: number,
): void {
  // An indexed copy, not line.set(data.subarray(…)): a subarray per row is an allocation per row,
  // and with short rows (3-D planes) the garbage collector then costs as much as the filter.
  for (let x = 0; x < width; x++) line[r + x] = data[src + x];
  const first = line[r];
  const last = line[r + width - 1];
  for (let i = 0; i < r; i++) {
    line[i] = first;
    line[r + width + i] = last;
  }
  const w0 = weights[r];
  for (let x = 0; x < width; x++) ring[dst + x] = line[x + r] * w0;
  // Symmetric kernel folded as scipy's correlate1d does: pairs from the outside in, two pairs per
  // sweep (half the load/store traffic on the ring line; the sum order per pixel is unchanged).
  let k = r;
  for (; k >= 4; k -= 4) {
    const wa = weights[r - k];
    const wb = weights[r - k + 1];
    const wc = weights[r - k + 2];
    const wd = weights[r - k + 3];
    const la = r - k;
    const ha = r + k;
    for (let x = 0; x < width; x++) {
      ring[dst + x] =
        ring[dst + x] +
        (line[la + x] + line[ha + x]) * wa +
        (line[la + 1 + x] + line[ha - 1 + x]) * wb +
        (line[la + 2 + x] + line[ha - 2 + x]) * wc +
        (line[la + 3 + x] + line[ha - 3 + x]) * wd;
    }
  }
  for (; k >= 2; k -= 2) {
    const wa = weights[r - k];
    const wb = weights[r - k + 1];
    const la = r - k;
    const ha = r + k;
    for (let x = 0; x < width; x++) {
      ring[dst + x] = ring[dst + x] + (line[la + x] + line[ha + x]) * wa + (line[la + 1 + x] + line[ha - 1 + x]) * wb;
    }
  }
  if (k === 1) {
    const w = weights[r - 1];
    for (let x = 0; x < width; x++) ring[dst + x] += (line[r - 1 + x] + line[r + 1 + x]) * w;
  }
}

/** Output row y from the ring: Σ w·(row y − k + row y + k), row indices clamped ('nearest'). */
function columnPass(ring: Float64Array, width: number, height: number, y: number, r: number, weights: Float64Array, acc: Float64Array): void {
  const span = 2 * r + 1;
  const slot = (yy: number) => ((yy < 0 ? 0 : yy >= height ? height - 1 : yy) % span) * width;
  const c = slot(y);
  const w0 = weights[r];
  for (let x = 0; x < width; x++) acc[x] = ring[c + x] * w0;
  let k = r;
  for (; k >= 4; k -= 4) {
    const wa = weights[r - k];
    const wb = weights[r - k + 1];
    const wc = weights[r - k + 2];
    const wd = weights[r - k + 3];
    const ua = slot(y - k);
    const da = slot(y + k);
    const ub = slot(y - k + 1);
    const db = slot(y + k - 1);
    const uc = slot(y - k + 2);
    const dc = slot(y + k - 2);
    const ud = slot(y - k + 3);
    const dd = slot(y + k - 3);
    for (let x = 0; x < width; x++) {
      acc[x] = acc[x] + (ring[ua + x] + ring[da + x]) * wa + (ring[ub + x] + ring[db + x]) * wb + (ring[uc + x] + ring[dc + x]) * wc + (ring[ud + x] + ring[dd + x]) * wd;
    }
  }
  for (; k >= 2; k -= 2) {
    const wa = weights[r - k];
    const wb = weights[r - k + 1];
    const ua = slot(y - k);
    const da = slot(y + k);
    const ub = slot(y - k + 1);
    const db = slot(y + k - 1);
    for (let x = 0; x < width; x++) acc[x] = acc[x] + (ring[ua + x] + ring[da + x]) * wa + (ring[ub + x] + ring[db + x]) * wb;
  }
  if (k === 1) {
    const w = weights[r - 1];
    const up = slot(y - 1);
    const down = slot(y + 1);
    for (let x = 0; x < width; x++) acc[x] += (ring[up + x] + ring[down + x]) * w;
  }
}
