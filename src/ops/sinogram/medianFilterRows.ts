export interface MedianFilterRowsOptions {
  /** Window length along each row: odd integer ≥ 1. */
  size: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float64Array;
}

/**
 * Median along each row (axis 1) of a row-major `height × width` array, as
 * `scipy.ndimage.median_filter(mat, size=(1, size), mode='reflect')` (half-sample symmetric edges,
 * repeated when the window is wider than the row). A 1-D signal is a single row. A sorted window
 * slides along each row: O(size) moves per value, no re-sorting.
 */
export function medianFilterRows(
  data: ArrayLike<number>,
  width: number,
  height: number,
  options: MedianFilterRowsOptions,
): Float64Array {
  const { size } = options;
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) {
    throw new RangeError(`medianFilterRows: size = ${size}, expected an odd integer ≥ 1`);
  }
  const n = width * height;
  if (!Number.isInteger(width) || width < 1 || data.length !== n) {
    throw new RangeError(`medianFilterRows: data has ${data.length} values, expected width·height = ${width}·${height}`);
  }
  const out = options.out ?? new Float64Array(n);
  if (out.length !== n) throw new RangeError(`medianFilterRows: out has ${out.length} values, expected ${n}`);
  const r = (size - 1) / 2;
  const idx = new Int32Array(width + 2 * r);
  const period = 2 * width;
  for (let i = 0; i < idx.length; i++) {
    let j = (((i - r) % period) + period) % period;
    if (j >= width) j = period - 1 - j;
    idx[i] = j;
  }
  // Sliding sorted window: per step, remove the value leaving and insert the one entering
  // (binary search + one shift), O(size) moves but no re-sorting.
  const win = new Float64Array(size);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let k = 0; k < size; k++) win[k] = data[row + idx[k]];
    win.sort();
    out[row] = win[r];
    for (let x = 1; x < width; x++) {
      const leaving = data[row + idx[x - 1]];
      const entering = data[row + idx[x + size - 1]];
      let p = lowerBound(win, size, leaving);
      win.copyWithin(p, p + 1, size);
      p = lowerBound(win, size - 1, entering);
      win.copyWithin(p + 1, p, size - 1);
      win[p] = entering;
      out[row + x] = win[r];
    }
  }
  return out;
}

/** First position in the sorted `a[0 … n)` whose value is ≥ v. */
function lowerBound(a: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
