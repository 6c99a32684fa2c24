import type { WaveletFilters } from '../sinogram/daubechiesFilters';

/**
 * Multilevel 1-D discrete wavelet transform, as `pywt.wavedec(x, wavelet, mode='symmetric',
 * level)`: returns `[cA_level, cD_level, …, cD_1]`. Each level filters the current approximation
 * (length n, extended half-sample symmetrically: … x1 x0 | x0 x1 … x(n−1) | x(n−1) x(n−2) …) and
 * keeps every second value: c[k] = Σ_j h[j]·x[2k + 1 − j], k < ⌊(n + F − 1)/2⌋.
 */
export function waveletDenoiseWavedec(x: ArrayLike<number>, filters: WaveletFilters, level: number): Float64Array[] {
  if (x.length < 1) throw new RangeError('waveletDenoiseWavedec: x is empty, expected at least 1 value');
  if (!Number.isInteger(level) || level < 1) throw new RangeError(`waveletDenoiseWavedec: level = ${level}, expected an integer ≥ 1`);
  const { decLo, decHi } = filters;
  const f = decLo.length;
  const details: Float64Array[] = [];
  let a = Float64Array.from(x);
  for (let l = 0; l < level; l++) {
    const n = a.length;
    const m = Math.floor((n + f - 1) / 2);
    const lo = new Float64Array(m);
    const hi = new Float64Array(m);
    const period = 2 * n;
    for (let k = 0; k < m; k++) {
      let sa = 0;
      let sd = 0;
      for (let j = 0; j < f; j++) {
        // Symmetric extension, periodic with period 2n for short signals.
        let i = (2 * k + 1 - j) % period;
        if (i < 0) i += period;
        const v = a[i < n ? i : period - 1 - i];
        sa += decLo[j] * v;
        sd += decHi[j] * v;
      }
      lo[k] = sa;
      hi[k] = sd;
    }
    details.push(hi);
    a = lo;
  }
  return [a, ...details.reverse()];
}
