import { assertImageData, assertOut, type ImageData2D } from './assertImageData';
import { gaussianKernel1d } from './gaussianKernel1d';

export interface GaussianFilterOptions {
  /** Standard deviation in pixels (> 0), same along both axes. */
  sigma: number;
  /**
   * Kernel half-width in standard deviations: radius = floor(truncate·sigma + 0.5).
   * @default 4
   */
  truncate?: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * 2-D Gaussian blur, as `skimage.filters.gaussian(image, sigma, mode='nearest', truncate=4.0,
 * preserve_range=True)` (i.e. `scipy.ndimage.gaussian_filter`): separable — a normalised sampled
 * Gaussian along rows, then along columns — with edge pixels repeated beyond the border. Sums are
 * accumulated in float64; the result is float32.
 */
export function gaussianFilter(
  data: ImageData2D,
  width: number,
  height: number,
  options: GaussianFilterOptions,
): Float32Array {
  const { sigma } = options;
  const truncate = options.truncate ?? 4;
  assertImageData('gaussianFilter', data, width, height);
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`gaussianFilter: sigma = ${sigma}, expected a finite number > 0 (pixels)`);
  if (!(truncate > 0) || !Number.isFinite(truncate)) throw new RangeError(`gaussianFilter: truncate = ${truncate}, expected a finite number > 0`);
  const n = width * height;
  assertOut('gaussianFilter', options.out, n);
  const out = options.out ?? new Float32Array(n);

  const weights = gaussianKernel1d({ sigma, truncate });
  const r = (weights.length - 1) / 2;

  // Horizontal pass into a float64 intermediate, through a padded line buffer ('nearest').
  const tmp = new Float64Array(n);
  const line = new Float64Array(width + 2 * r);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const first = data[row];
    const last = data[row + width - 1];
    for (let i = 0; i < r; i++) {
      line[i] = first;
      line[r + width + i] = last;
    }
    for (let x = 0; x < width; x++) line[r + x] = data[row + x];
    // Symmetric kernel folded as scipy's correlate1d does: centre, then pairs from the outside in.
    for (let x = 0; x < width; x++) {
      const c = x + r;
      let acc = line[c] * weights[r];
      for (let k = r; k >= 1; k--) acc += (line[c - k] + line[c + k]) * weights[r - k];
      tmp[row + x] = acc;
    }
  }
  // Vertical pass: whole rows at a time (cache-friendly), row index clamped ('nearest').
  const acc = new Float64Array(width);
  const clamp = (yy: number) => (yy < 0 ? 0 : yy >= height ? height - 1 : yy) * width;
  for (let y = 0; y < height; y++) {
    const centre = y * width;
    const w0 = weights[r];
    for (let x = 0; x < width; x++) acc[x] = tmp[centre + x] * w0;
    for (let k = r; k >= 1; k--) {
      const w = weights[r - k];
      const up = clamp(y - k);
      const down = clamp(y + k);
      for (let x = 0; x < width; x++) acc[x] += (tmp[up + x] + tmp[down + x]) * w;
    }
    out.set(acc, centre);
  }
  return out;
}
