import type { WaveletFilters } from './daubechiesFilters';
import type { Dwt2Result } from './dwt2';

/**
 * Single-level 2-D inverse wavelet transform, as `pywt.idwt2((cA, (cH, cV, cD)), wavelet,
 * mode='symmetric')`: along each axis, coefficients are upsampled by two and convolved with the
 * reconstruction filters, keeping the 2N − F + 2 central values,
 * y[i] = Σ_k a[k]·recLo[i + F − 2 − 2k] + d[k]·recHi[i + F − 2 − 2k].
 * Returns a `(2·rows − F + 2) × (2·cols − F + 2)` array.
 */
export function idwt2(c: Dwt2Result, filters: WaveletFilters): { rows: number; cols: number; data: Float64Array } {
  const f = filters.recLo.length;
  const { rows, cols } = c;
  const n = rows * cols;
  if (c.cA.length !== n || c.cH.length !== n || c.cV.length !== n || c.cD.length !== n) {
    throw new RangeError(`idwt2: coefficient arrays must all have rows·cols = ${n} values`);
  }
  const R = 2 * rows - f + 2;
  const C = 2 * cols - f + 2;
  if (R < 1 || C < 1) throw new RangeError(`idwt2: ${rows} × ${cols} coefficients are too few for a filter of length ${f}`);
  // Along axis 0: (cA, cH) → lo, (cV, cD) → hi, each R × cols.
  const lo = new Float64Array(R * cols);
  const hi = new Float64Array(R * cols);
  const a = new Float64Array(Math.max(rows, cols));
  const d = new Float64Array(Math.max(rows, cols));
  const y = new Float64Array(Math.max(R, C));
  for (const [srcA, srcD, dst] of [
    [c.cA, c.cH, lo],
    [c.cV, c.cD, hi],
  ] as const) {
    for (let x = 0; x < cols; x++) {
      for (let k = 0; k < rows; k++) {
        a[k] = srcA[k * cols + x];
        d[k] = srcD[k * cols + x];
      }
      idwtLine(a, d, rows, filters, y);
      for (let i = 0; i < R; i++) dst[i * cols + x] = y[i];
    }
  }
  // Along axis 1: (lo, hi) → output rows.
  const data = new Float64Array(R * C);
  for (let r = 0; r < R; r++) {
    for (let k = 0; k < cols; k++) {
      a[k] = lo[r * cols + k];
      d[k] = hi[r * cols + k];
    }
    idwtLine(a, d, cols, filters, y);
    data.set(y.subarray(0, C), r * C);
  }
  return { rows: R, cols: C, data };
}

/** 1-D synthesis of m approximation and detail coefficients into y[0 … 2m − F + 2). */
function idwtLine(a: Float64Array, d: Float64Array, m: number, filters: WaveletFilters, y: Float64Array): void {
  const { recLo, recHi } = filters;
  const f = recLo.length;
  const len = 2 * m - f + 2;
  for (let i = 0; i < len; i++) {
    let s = 0;
    // k with 0 ≤ i + f − 2 − 2k < f.
    const kMin = Math.max(0, Math.ceil((i - 1) / 2));
    const kMax = Math.min(m - 1, Math.floor((i + f - 2) / 2));
    for (let k = kMin; k <= kMax; k++) {
      const j = i + f - 2 - 2 * k;
      s += a[k] * recLo[j] + d[k] * recHi[j];
    }
    y[i] = s;
  }
}
