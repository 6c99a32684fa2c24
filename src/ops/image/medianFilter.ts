import { selectKth } from '../array/selectKth';
import { assertImageData, assertOut, type ImageData2D } from './assertImageData';

export interface MedianFilterOptions {
  /** Window side in pixels: odd integer ≥ 3 (a size × size square). */
  size: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * 2-D median filter over a `size × size` window, as `scipy.ndimage.median_filter(image,
 * size=size, mode='reflect')`. scipy's 'reflect' is half-sample symmetric (d c b a | a b c d |
 * d c b a), repeated when the window is larger than the image.
 *
 * 3 × 3 (the common case) uses sorted column triples shared by neighbouring pixels and the exact
 * identity median₉ = med₃(max of column minima, med₃ of column medians, min of column maxima):
 * about ten comparisons per pixel. Larger windows are gathered into one reused buffer through
 * precomputed reflected row and column indices (no per-pixel allocation, no border branches) and
 * the middle element is found by selection (Wirth's algorithm), O(size²) per pixel.
 */
export function medianFilter(
  data: ImageData2D,
  width: number,
  height: number,
  options: MedianFilterOptions,
): Float32Array {
  const { size } = options;
  assertImageData('medianFilter', data, width, height);
  if (!Number.isInteger(size) || size < 3 || size % 2 === 0) {
    throw new RangeError(`medianFilter: size = ${size}, expected an odd integer ≥ 3`);
  }
  const n = width * height;
  assertOut('medianFilter', options.out, n);
  const out = options.out ?? new Float32Array(n);
  const r = (size - 1) / 2;
  const cols = reflectIndex(width, r);
  const rows = reflectIndex(height, r);
  for (let i = 0; i < rows.length; i++) rows[i] *= width;
  if (size === 3) {
    median3x3(data, width, height, rows, cols, out);
    return out;
  }
  const win = new Float64Array(size * size);
  const mid = (size * size - 1) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let k = 0;
      for (let dy = 0; dy < size; dy++) {
        const rowStart = rows[y + dy];
        for (let dx = 0; dx < size; dx++) win[k++] = data[rowStart + cols[x + dx]];
      }
      out[y * width + x] = selectKth(win, mid);
    }
  }
  return out;
}

function median3x3(
  data: ImageData2D,
  width: number,
  height: number,
  rows: Int32Array,
  cols: Int32Array,
  out: Float32Array,
): void {
  // Sorted (lo, mid, hi) of each padded column of the current 3-row band.
  const n = width + 2;
  const lo = new Float64Array(n);
  const mid = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let y = 0; y < height; y++) {
    const r0 = rows[y];
    const r1 = rows[y + 1];
    const r2 = rows[y + 2];
    for (let i = 0; i < n; i++) {
      const c = cols[i];
      let a = data[r0 + c];
      let b = data[r1 + c];
      let d = data[r2 + c];
      let t;
      if (a > b) { t = a; a = b; b = t; }
      if (b > d) { t = b; b = d; d = t; }
      if (a > b) { t = a; a = b; b = t; }
      lo[i] = a;
      mid[i] = b;
      hi[i] = d;
    }
    const o = y * width;
    for (let x = 0; x < width; x++) {
      const maxLo = Math.max(lo[x], lo[x + 1], lo[x + 2]);
      const minHi = Math.min(hi[x], hi[x + 1], hi[x + 2]);
      const m = med3(mid[x], mid[x + 1], mid[x + 2]);
      out[o + x] = med3(maxLo, m, minHi);
    }
  }
}

function med3(a: number, b: number, c: number): number {
  return a > b ? (b > c ? b : a > c ? c : a) : a > c ? a : b > c ? c : b;
}

/** Source index for padded positions −r … n−1+r under half-sample symmetric reflection. */
function reflectIndex(n: number, r: number): Int32Array {
  const idx = new Int32Array(n + 2 * r);
  const period = 2 * n;
  for (let i = 0; i < idx.length; i++) {
    let j = (((i - r) % period) + period) % period;
    if (j >= n) j = period - 1 - j;
    idx[i] = j;
  }
  return idx;
}
