import type { WaveletFilters } from '../sinogram/daubechiesFilters';

/**
 * Multilevel 1-D inverse wavelet transform, as `pywt.waverec([cA_n, cD_n, …, cD_1], wavelet,
 * mode='symmetric')`: each level upsamples and filters, y[i] = Σ_k a[k]·recLo[i + F − 2 − 2k] +
 * d[k]·recHi[i + F − 2 − 2k], i < 2m − F + 2; an approximation one longer than the next detail
 * loses its last value (pywt's rule). The result can be one longer than the original signal.
 */
export function waveletDenoiseWaverec(coeffs: Float64Array[], filters: WaveletFilters): Float64Array {
  if (coeffs.length < 2) throw new RangeError(`waveletDenoiseWaverec: ${coeffs.length} coefficient arrays, expected at least 2`);
  const { recLo, recHi } = filters;
  const f = recLo.length;
  let a = coeffs[0];
  for (let l = 1; l < coeffs.length; l++) {
    const d = coeffs[l];
    if (a.length === d.length + 1) a = a.subarray(0, d.length);
    if (a.length !== d.length) throw new RangeError(`waveletDenoiseWaverec: level ${l} has ${a.length} approximation and ${d.length} detail values, expected equal`);
    const m = d.length;
    const len = 2 * m - f + 2;
    if (len < 1) throw new RangeError(`waveletDenoiseWaverec: ${m} coefficients are too few for a filter of length ${f}`);
    const y = new Float64Array(len);
    for (let i = 0; i < len; i++) {
      let s = 0;
      const kMin = Math.max(0, Math.ceil((i - 1) / 2));
      const kMax = Math.min(m - 1, Math.floor((i + f - 2) / 2));
      for (let k = kMin; k <= kMax; k++) {
        const j = i + f - 2 - 2 * k;
        s += a[k] * recLo[j] + d[k] * recHi[j];
      }
      y[i] = s;
    }
    a = y;
  }
  return a;
}
