import type { WaveletFilters } from './daubechiesFilters';

/** One level of a 2-D wavelet decomposition (pywt naming). */
export interface Dwt2Result {
  rows: number;
  cols: number;
  /** Approximation (low-pass along both axes). */
  cA: Float64Array;
  /** Horizontal detail: high-pass along axis 0 (rows), low-pass along axis 1. */
  cH: Float64Array;
  /** Vertical detail: low-pass along axis 0, high-pass along axis 1 (vertical stripes land here). */
  cV: Float64Array;
  /** Diagonal detail: high-pass along both axes. */
  cD: Float64Array;
}

/**
 * Single-level 2-D discrete wavelet transform of a row-major `rows × cols` array, as
 * `pywt.dwt2(data, wavelet, mode='symmetric')`: along each axis, the signal extended by half-sample
 * symmetry (repeated for short signals) is convolved with the decomposition filters and every second
 * value kept, out[k] = Σ_j f[j]·x[2k + 1 − j], k < ⌊(N + F − 1)/2⌋.
 */
export function dwt2(data: ArrayLike<number>, rows: number, cols: number, filters: WaveletFilters): Dwt2Result {
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1 || data.length !== rows * cols) {
    throw new RangeError(`dwt2: data has ${data.length} values for rows × cols = ${rows} × ${cols}, expected positive sizes and rows·cols values`);
  }
  const f = filters.decLo.length;
  const r2 = Math.floor((rows + f - 1) / 2);
  const c2 = Math.floor((cols + f - 1) / 2);
  // Along axis 1 (each row): lo and hi, rows × c2.
  const lo = new Float64Array(rows * c2);
  const hi = new Float64Array(rows * c2);
  const line = new Float64Array(Math.max(rows, cols));
  const outLo = new Float64Array(Math.max(r2, c2));
  const outHi = new Float64Array(Math.max(r2, c2));
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) line[x] = data[y * cols + x];
    dwtLine(line, cols, filters, outLo, outHi);
    lo.set(outLo.subarray(0, c2), y * c2);
    hi.set(outHi.subarray(0, c2), y * c2);
  }
  const cA = new Float64Array(r2 * c2);
  const cH = new Float64Array(r2 * c2);
  const cV = new Float64Array(r2 * c2);
  const cD = new Float64Array(r2 * c2);
  // Along axis 0 (each column of lo and hi).
  for (const [src, dstLo, dstHi] of [
    [lo, cA, cH],
    [hi, cV, cD],
  ] as const) {
    for (let x = 0; x < c2; x++) {
      for (let y = 0; y < rows; y++) line[y] = src[y * c2 + x];
      dwtLine(line, rows, filters, outLo, outHi);
      for (let k = 0; k < r2; k++) {
        dstLo[k * c2 + x] = outLo[k];
        dstHi[k * c2 + x] = outHi[k];
      }
    }
  }
  return { rows: r2, cols: c2, cA, cH, cV, cD };
}

/** 1-D analysis of x[0…n) (symmetric extension) into lo/hi[0 … ⌊(n+F−1)/2⌋). */
function dwtLine(x: Float64Array, n: number, filters: WaveletFilters, lo: Float64Array, hi: Float64Array): void {
  const { decLo, decHi } = filters;
  const f = decLo.length;
  const m = Math.floor((n + f - 1) / 2);
  const period = 2 * n;
  for (let k = 0; k < m; k++) {
    let a = 0;
    let d = 0;
    const base = 2 * k + 1;
    for (let j = 0; j < f; j++) {
      let i = base - j;
      if (i < 0 || i >= n) {
        i = ((i % period) + period) % period;
        if (i >= n) i = period - 1 - i;
      }
      a += decLo[j] * x[i];
      d += decHi[j] * x[i];
    }
    lo[k] = a;
    hi[k] = d;
  }
}
