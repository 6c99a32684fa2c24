import type { WaveletFilters } from '../sinogram/daubechiesFilters';
import { medianInPlace } from '../quality/medianInPlace';
import { waveletDenoiseFilters } from './waveletDenoiseFilters';
import { waveletDenoiseWavedec } from './waveletDenoiseWavedec';
import { waveletDenoiseWaverec } from './waveletDenoiseWaverec';

export interface WaveletDenoiseOptions {
  /**
   * Orthogonal wavelet: 'db1' … 'db10', 'sym4' or 'sym8'.
   * @default 'db4'
   */
  wavelet?: string;
  /**
   * Threshold rule: 'BayesShrink' (one adaptive threshold per level, σ²/σ_x) or 'VisuShrink'
   * (the universal threshold σ·√(2 ln n) everywhere, smoother).
   * @default 'BayesShrink'
   */
  method?: 'BayesShrink' | 'VisuShrink';
  /**
   * Noise standard deviation in y units. `null`: estimated from the finest detail coefficients,
   * median(|d|)/Φ⁻¹(0.75), zeros excluded.
   * @default null
   */
  sigma?: number | null;
  /**
   * Decomposition levels. `null`: max(pywt.dwt_max_level(n, F) − 3, 1).
   * @default null
   */
  levels?: number | null;
  /** Output buffer (n values); allocated when absent. */
  out?: Float64Array;
}

/** Φ⁻¹(0.75) = `scipy.stats.norm.ppf(0.75)`. */
const NORM_PPF_075 = 0.6744897501960817;
const EPS = 2.220446049250313e-16;

/**
 * Wavelet shrinkage denoising of a 1-D signal (Donoho & Johnstone, Biometrika 81, 425, 1994;
 * Chang, Yu & Vetterli, IEEE TIP 9, 1532, 2000), as `skimage.restoration.denoise_wavelet(y, sigma,
 * wavelet, mode='soft', method)` (0.19) on a float array: `pywt.wavedec` (symmetric), soft
 * thresholding of every detail level, `pywt.waverec`, cropped to the input length. The
 * approximation is kept. Float64.
 */
export function waveletDenoise(y: ArrayLike<number>, options: WaveletDenoiseOptions = {}): Float64Array {
  const n = y.length;
  if (n < 1) throw new RangeError('waveletDenoise: y is empty, expected at least 1 value');
  for (let i = 0; i < n; i++) if (!Number.isFinite(y[i])) throw new RangeError(`waveletDenoise: y has a non-finite value (${y[i]}) at index ${i}`);
  const method = options.method ?? 'BayesShrink';
  if (method !== 'BayesShrink' && method !== 'VisuShrink') {
    throw new RangeError(`waveletDenoise: method = ${JSON.stringify(method)}, expected 'BayesShrink' or 'VisuShrink'`);
  }
  const filters: WaveletFilters = waveletDenoiseFilters(options.wavelet ?? 'db4');
  const f = filters.decLo.length;
  // pywt.dwt_max_level: ⌊log2(n / (F − 1))⌋ (0 when shorter than the filter).
  const maxLevel = n < f - 1 ? 0 : Math.floor(Math.log2(n / (f - 1)));
  const levels = options.levels ?? Math.max(maxLevel - 3, 1);
  if (!Number.isInteger(levels) || levels < 1) throw new RangeError(`waveletDenoise: levels = ${levels}, expected an integer ≥ 1 (or null: auto)`);
  const sigmaIn = options.sigma ?? null;
  if (sigmaIn !== null && (!(sigmaIn >= 0) || !Number.isFinite(sigmaIn))) {
    throw new RangeError(`waveletDenoise: sigma = ${sigmaIn}, expected a finite number ≥ 0 (or null: estimate)`);
  }
  if (options.out && options.out.length !== n) throw new RangeError(`waveletDenoise: out has ${options.out.length} values, expected ${n}`);

  const coeffs = waveletDenoiseWavedec(y, filters, levels);
  let sigma = sigmaIn;
  if (sigma === null) {
    const finest = coeffs[coeffs.length - 1];
    const abs = new Float64Array(finest.length);
    let k = 0;
    for (const v of finest) if (v !== 0) abs[k++] = Math.abs(v);
    // All-zero finest details (a piecewise-polynomial signal): no noise to remove (skimage gets NaN).
    sigma = k === 0 ? 0 : medianInPlace(abs.subarray(0, k)) / NORM_PPF_075;
  }
  const variance = sigma * sigma;
  const universal = sigma * Math.sqrt(2 * Math.log(n));
  for (let l = 1; l < coeffs.length; l++) {
    const d = coeffs[l];
    let t = universal;
    if (method === 'BayesShrink') {
      let ms = 0;
      for (const v of d) ms += v * v;
      ms /= d.length;
      t = variance / Math.sqrt(Math.max(ms - variance, EPS));
    }
    for (let i = 0; i < d.length; i++) {
      const v = d[i];
      const m = Math.abs(v) - t;
      d[i] = m > 0 ? (v > 0 ? m : -m) : 0;
    }
  }
  const rec = waveletDenoiseWaverec(coeffs, filters);
  const out = options.out ?? new Float64Array(n);
  out.set(rec.subarray(0, n));
  return out;
}
