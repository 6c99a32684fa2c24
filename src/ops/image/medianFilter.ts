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
 * Per pixel the window is gathered into one reused buffer through precomputed reflected row and
 * column indices (no per-pixel allocation, no border branches) and its middle element is found by
 * selection (Wirth's algorithm): O(size²) per pixel, fast for the small windows denoising uses.
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
  const win = new Float64Array(size * size);
  const mid = (size * size - 1) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let k = 0;
      for (let dy = 0; dy < size; dy++) {
        const rowStart = rows[y + dy];
        for (let dx = 0; dx < size; dx++) win[k++] = data[rowStart + cols[x + dx]];
      }
      out[y * width + x] = select(win, mid);
    }
  }
  return out;
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

/** k-th smallest of `a` (reorders `a`). */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[k];
    let i = lo;
    let j = hi;
    do {
      while (a[i] < pivot) i++;
      while (pivot < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) lo = i;
    if (k < i) hi = j;
  }
  return a[k];
}
