import { daubechiesFilters, type WaveletFilters } from '../sinogram/daubechiesFilters';

/**
 * Decomposition low-pass filters of the symlets used for spectra, copied from PyWavelets 1.1.1
 * (`pywt.Wavelet('symN').dec_lo`, MIT licence).
 */
const SYM_DEC_LO: Record<string, readonly number[]> = {
  sym4: [-0.07576571478927333, -0.02963552764599851, 0.49761866763201545, 0.8037387518059161, 0.29785779560527736, -0.09921954357684722, -0.012603967262037833, 0.0322231006040427],
  sym8: [
    -0.0033824159510061256, -0.0005421323317911481, 0.03169508781149298, 0.007607487324917605, -0.1432942383508097, -0.061273359067658524, 0.4813596512583722,
    0.7771857517005235, 0.3644418948353314, -0.05194583810770904, -0.027219029917056003, 0.049137179673607506, 0.003808752013890615, -0.01495225833704823,
    -0.0003029205147213668, 0.0018899503327594609,
  ],
};

/** Wavelet names `waveletDenoise` accepts. */
export const WAVELET_DENOISE_NAMES = ['db1', 'db2', 'db3', 'db4', 'db5', 'db6', 'db7', 'db8', 'db9', 'db10', 'sym4', 'sym8'] as const;

/**
 * The four filters of an orthogonal wavelet, as pywt's `Wavelet(name)`: Daubechies db1…db10 (from
 * `daubechiesFilters`) or symlets sym4, sym8. For orthogonal wavelets the other filters follow from
 * dec_lo (checked against pywt): rec_lo = reversed dec_lo, dec_hi[k] = (−1)^(k+1)·dec_lo[F−1−k],
 * rec_hi[k] = (−1)^k·dec_lo[k] — i.e. rec_hi = reversed dec_hi, which is how they are built here.
 */
export function waveletDenoiseFilters(name: string): WaveletFilters {
  const lo = SYM_DEC_LO[name];
  if (!lo) {
    if (/^db\d+$/.test(name)) return daubechiesFilters(name);
    throw new RangeError(`waveletDenoiseFilters: wavelet = ${JSON.stringify(name)}, expected one of ${WAVELET_DENOISE_NAMES.join(', ')}`);
  }
  const f = lo.length;
  const decLo = Float64Array.from(lo);
  const recLo = decLo.slice().reverse();
  const decHi = Float64Array.from(lo, (_, k) => (k % 2 === 0 ? -lo[f - 1 - k] : lo[f - 1 - k]));
  const recHi = decHi.slice().reverse();
  return { decLo, decHi, recLo, recHi };
}
