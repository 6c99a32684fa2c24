import { assertImageData, assertOut, type ImageData2D } from './assertImageData';
import { gaussianKernel1d } from './gaussianKernel1d';
import { gaussianSeparable2d } from './gaussianSeparable2d';

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
 * Gaussian along rows, then along columns (`gaussianSeparable2d`) — with edge pixels repeated
 * beyond the border. Sums are accumulated in float64; the result is float32.
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

  return gaussianSeparable2d(data, width, height, gaussianKernel1d({ sigma, truncate }), out);
}
