import { assertImageData, assertOut, type ImageData2D } from './assertImageData';
import { sameConvolver } from './sameConvolver';

export interface RichardsonLucyOptions {
  /** Point-spread function, row-major `psfHeight × psfWidth` (usually normalised to sum 1). */
  psf: ArrayLike<number>;
  psfWidth: number;
  psfHeight: number;
  /**
   * Number of iterations: more sharpens more and amplifies noise.
   * @default 50
   */
  numIter?: number;
  /**
   * Clip the result to [−1, 1] (skimage's default, meant for images scaled to that range).
   * @default true
   */
  clip?: boolean;
  /**
   * Where the re-blurred estimate is below this value, the ratio image is set to 0 (suppresses
   * noise blow-up in dark regions). `null` or 0: off.
   * @default null
   */
  filterEpsilon?: number | null;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Richardson–Lucy deconvolution (Richardson, JOSA 62, 55, 1972; Lucy, AJ 79, 745, 1974), as
 * `skimage.restoration.richardson_lucy(image, psf, num_iter, clip, filter_epsilon)` (0.19):
 * start from 0.5 everywhere; repeat u ← u · ((image / (u ∗ psf + 1e−12)) ∗ psf̃), with ∗ the
 * zero-padded 'same' convolution of `scipy.signal.convolve` (`sameConvolver`: direct sums for small PSFs, FFT otherwise) and psf̃ the PSF
 * flipped. Computed in float64.
 */
export function richardsonLucy(
  data: ImageData2D,
  width: number,
  height: number,
  options: RichardsonLucyOptions,
): Float32Array {
  assertImageData('richardsonLucy', data, width, height);
  const { psf, psfWidth: kw, psfHeight: kh } = options;
  const { numIter, clip, filterEpsilon } = richardsonLucySettings(options);
  const n = width * height;
  assertOut('richardsonLucy', options.out, n);
  const out = options.out ?? new Float32Array(n);

  const mirror = new Float64Array(kw * kh);
  for (let i = 0; i < mirror.length; i++) mirror[i] = psf[mirror.length - 1 - i];
  const blur = sameConvolver(psf, kw, kh, width, height);
  const blurMirror = sameConvolver(mirror, kw, kh, width, height);
  const u = new Float64Array(n).fill(0.5);
  const tmp = new Float64Array(n);
  for (let it = 0; it < numIter; it++) {
    blur(u, tmp);
    for (let i = 0; i < n; i++) {
      const conv = tmp[i] + 1e-12;
      tmp[i] = filterEpsilon && conv < filterEpsilon ? 0 : data[i] / conv;
    }
    blurMirror(tmp, tmp);
    for (let i = 0; i < n; i++) u[i] *= tmp[i];
  }
  for (let i = 0; i < n; i++) {
    const v = u[i];
    out[i] = clip ? (v > 1 ? 1 : v < -1 ? -1 : v) : v;
  }
  return out;
}

/**
 * Checks the PSF and settings (same messages for every backend) and fills in the defaults.
 */
export function richardsonLucySettings(options: Omit<RichardsonLucyOptions, 'out'>): { numIter: number; clip: boolean; filterEpsilon: number } {
  const { psf, psfWidth: kw, psfHeight: kh } = options;
  const numIter = options.numIter ?? 50;
  const clip = options.clip ?? true;
  const filterEpsilon = options.filterEpsilon ?? 0;
  if (!Number.isInteger(kw) || kw < 1 || !Number.isInteger(kh) || kh < 1 || psf.length !== kw * kh) {
    throw new RangeError(`richardsonLucy: psf has ${psf.length} values for psfWidth × psfHeight = ${kw} × ${kh}, expected psfWidth·psfHeight`);
  }
  for (let i = 0; i < psf.length; i++) {
    if (!Number.isFinite(psf[i])) throw new RangeError(`richardsonLucy: psf has a non-finite value (${psf[i]}) at index ${i}`);
  }
  if (!Number.isInteger(numIter) || numIter < 0) throw new RangeError(`richardsonLucy: numIter = ${numIter}, expected an integer ≥ 0`);
  if (!(filterEpsilon >= 0) || !Number.isFinite(filterEpsilon)) {
    throw new RangeError(`richardsonLucy: filterEpsilon = ${filterEpsilon}, expected a finite number ≥ 0 (or null: off)`);
  }
  return { numIter, clip, filterEpsilon };
}
