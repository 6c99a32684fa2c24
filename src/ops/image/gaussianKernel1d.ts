export interface GaussianKernel1dOptions {
  /** Standard deviation in pixels (> 0). */
  sigma: number;
  /**
   * Half-width in standard deviations: radius = floor(truncate·sigma + 0.5).
   * @default 4
   */
  truncate?: number;
}

/**
 * The normalised sampled Gaussian (2r + 1 weights, centre at index r) that
 * `scipy.ndimage.gaussian_filter1d` correlates with, r = floor(truncate·σ + 0.5); the weights of
 * `gaussianFilter` and of the WebGPU Gaussian kernel (`src/compute`).
 */
export function gaussianKernel1d(options: GaussianKernel1dOptions): Float64Array {
  const { sigma } = options;
  const truncate = options.truncate ?? 4;
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`gaussianKernel1d: sigma = ${sigma}, expected a finite number > 0 (pixels)`);
  if (!(truncate > 0) || !Number.isFinite(truncate)) throw new RangeError(`gaussianKernel1d: truncate = ${truncate}, expected a finite number > 0`);
  const r = Math.floor(truncate * sigma + 0.5);
  const weights = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let k = -r; k <= r; k++) {
    const w = Math.exp((-0.5 * k * k) / (sigma * sigma));
    weights[k + r] = w;
    sum += w;
  }
  for (let k = 0; k < weights.length; k++) weights[k] /= sum;
  return weights;
}
