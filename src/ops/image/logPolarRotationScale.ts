import { assertImageData, type ImageData2D } from './assertImageData';
import { gaussianFilter } from './gaussianFilter';
import { logPolarWarp } from './logPolarWarp';
import { phaseCrossCorrelation } from './phaseCrossCorrelation';
import { warpAffine } from './warpAffine';
import { fft2d } from '../fft/fft2d';

export interface LogPolarRotationScaleOptions {
  /**
   * Band-pass before the spectra: difference of Gaussians σ and 1.6σ (pixels), as
   * `skimage.filters.difference_of_gaussians(image, σ)`; 0 only removes the mean.
   * @default 1
   */
  dogSigma?: number;
  /**
   * Radius of the spectrum region resampled, as a fraction of the (square) frame side: frequencies
   * up to radiusFraction·N cycles per frame are used.
   * @default 0.25
   */
  radiusFraction?: number;
  /**
   * Precision of the log-polar shift: 1/upsampleFactor of an angle/log-radius row.
   * @default 10
   */
  upsampleFactor?: number;
  /**
   * Passes: 1 is skimage's example; each further pass undoes the current estimate on the moving
   * image and measures the remaining rotation/scale, which removes the bias towards the identity that
   * the common low-frequency content gives the log-polar correlation.
   * @default 1
   */
  iterations?: number;
}

export interface LogPolarRotationScaleResult {
  /** Rotation of the moving image relative to the reference (degrees, counter-clockwise as displayed, as `skimage.transform.rotate`). */
  angle: number;
  /** Magnification of the moving image relative to the reference. */
  scale: number;
  /**
   * Inverse map (`warpAffine` matrix) that undoes the rotation and scale about the frame centre:
   * warping the moving image with it registers it onto the reference up to a translation.
   */
  matrix: [number, number, number, number, number, number];
}

/**
 * Rotation and scale between two images by log-polar phase correlation (Reddy & Chatterji, IEEE
 * TIP 5:1266, 1996), as skimage's gallery example "Using polar and log-polar transformations for
 * registration": both frames band-passed (difference of Gaussians), multiplied by a radial Hann
 * window (`skimage.filters.window('hann')`), |fftshift(fft2)| resampled by `logPolarWarp` (N × N,
 * radius r, bilinear), the upper half of the angles cross-correlated (`phaseCrossCorrelation`,
 * normalization 'none', upsampled): angle = 360/N·Δrow, scale = exp(Δcol·ln r/N). The magnitude
 * spectrum ignores translations, so the images may also be shifted. Non-square frames use their
 * centred square of side N = min(width, height).
 */
export function logPolarRotationScale(
  reference: ImageData2D,
  moving: ImageData2D,
  width: number,
  height: number,
  options: LogPolarRotationScaleOptions = {},
): LogPolarRotationScaleResult {
  const dogSigma = options.dogSigma ?? 1;
  const radiusFraction = options.radiusFraction ?? 0.25;
  const upsampleFactor = options.upsampleFactor ?? 10;
  const iterations = options.iterations ?? 1;
  assertImageData('logPolarRotationScale (reference)', reference, width, height);
  assertImageData('logPolarRotationScale (moving)', moving, width, height);
  if (!(dogSigma >= 0) || !Number.isFinite(dogSigma)) throw new RangeError(`logPolarRotationScale: dogSigma = ${dogSigma}, expected a finite number ≥ 0`);
  if (!(radiusFraction > 0 && radiusFraction <= 0.5)) throw new RangeError(`logPolarRotationScale: radiusFraction = ${radiusFraction}, expected a number in (0, 0.5]`);
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`logPolarRotationScale: iterations = ${iterations}, expected an integer ≥ 1`);
  const n = Math.min(width, height);
  const radius = Math.floor(n * radiusFraction);
  if (n < 16 || radius < 2) throw new RangeError(`logPolarRotationScale: frames of ${width}×${height}, expected at least 16 pixels on each side`);
  const y0 = Math.floor((height - n) / 2);
  const x0 = Math.floor((width - n) / 2);
  const win = radialHann(n);
  const logPolarSpectrum = (img: ImageData2D): Float32Array => {
    const sq = new Float32Array(n * n);
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) sq[y * n + x] = img[(y0 + y) * width + x0 + x];
    const re = new Float64Array(n * n);
    if (dogSigma > 0) {
      const lo = gaussianFilter(sq, n, n, { sigma: dogSigma });
      const hi = gaussianFilter(sq, n, n, { sigma: 1.6 * dogSigma });
      for (let i = 0; i < n * n; i++) re[i] = (lo[i] - hi[i]) * win[i];
    } else {
      let mean = 0;
      for (let i = 0; i < n * n; i++) mean += sq[i] / (n * n);
      for (let i = 0; i < n * n; i++) re[i] = (sq[i] - mean) * win[i];
    }
    const im = new Float64Array(n * n);
    fft2d(re, im, n, n);
    // |fftshift(F)|: the zero frequency moves to (⌊n/2⌋, ⌊n/2⌋).
    const mag = new Float64Array(n * n);
    const h = Math.floor(n / 2);
    for (let y = 0; y < n; y++) {
      const sy = (y + n - h) % n;
      for (let x = 0; x < n; x++) {
        const i = sy * n + ((x + n - h) % n);
        mag[y * n + x] = Math.hypot(re[i], im[i]);
      }
    }
    // Only the upper half of the angles: the magnitude spectrum of a real image is centro-symmetric.
    return logPolarWarp(mag, n, n, { radius, outHeight: n, outWidth: n, order: 1 }).subarray(0, Math.floor(n / 2) * n);
  };
  const rows = Math.floor(n / 2);
  const refLp = logPolarSpectrum(reference);
  let angle = 0;
  let scale = 1;
  let matrix = undoMatrix(angle, scale, height, width);
  for (let it = 0; it < iterations; it++) {
    const mov = it === 0 ? moving : warpAffine(moving, width, height, { matrix, order: 3, boundary: 'mirror' });
    const r = phaseCrossCorrelation(refLp, logPolarSpectrum(mov), n, rows, { upsampleFactor, normalization: 'none' });
    angle += (360 / n) * r.shift[0];
    scale *= Math.exp((r.shift[1] * Math.log(radius)) / n);
    matrix = undoMatrix(angle, scale, height, width);
  }
  return { angle, scale, matrix };
}

/** out(q) = moving(c + s·R(−θ)(q − c)) in (x, y), as a row/column warpAffine matrix. */
function undoMatrix(angleDeg: number, scale: number, height: number, width: number): [number, number, number, number, number, number] {
  const t = (angleDeg * Math.PI) / 180;
  const cy = (height - 1) / 2;
  const cx = (width - 1) / 2;
  const a = scale * Math.cos(t);
  const b = -scale * Math.sin(t);
  const d = scale * Math.sin(t);
  const e = scale * Math.cos(t);
  return [a, b, cy - a * cy - b * cx, d, e, cx - d * cy - e * cx];
}

/**
 * `skimage.filters.window('hann', (n, n))`: the symmetric 1-D Hann window of length n, read
 * (linearly, 0 beyond its ends) at distance-from-centre + centre, centre = n/2 − 0.5 (float32 grid, as skimage).
 */
function radialHann(n: number): Float64Array {
  const w1 = new Float64Array(n);
  for (let k = 0; k < n; k++) w1[k] = n === 1 ? 1 : 0.5 - 0.5 * Math.cos((2 * Math.PI * k) / (n - 1));
  const c = Math.fround(n / 2 - 0.5);
  const out = new Float64Array(n * n);
  for (let y = 0; y < n; y++) {
    const gy = Math.fround(y - c);
    for (let x = 0; x < n; x++) {
      const gx = Math.fround(x - c);
      const p = Math.fround(Math.fround(Math.sqrt(Math.fround(gy * gy + gx * gx))) + c);
      if (p < 0 || p > n - 1) continue;
      const i = Math.min(Math.floor(p), n - 2);
      const f = p - i;
      out[y * n + x] = w1[i] * (1 - f) + w1[i + 1] * f;
    }
  }
  return out;
}
