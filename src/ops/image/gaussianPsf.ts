export interface GaussianPsfOptions {
  /** Side of the square PSF in pixels (integer ≥ 1). */
  size: number;
  /** Standard deviation of the Gaussian in pixels (> 0). */
  sigma: number;
}

/**
 * A `size × size` Gaussian point-spread function, exp(−(x² + y²)/(2σ²)) sampled at pixel centres
 * with the peak at ((size−1)/2, (size−1)/2) (between pixels when size is even), normalised to sum 1.
 * Row-major float64.
 */
export function gaussianPsf(options: GaussianPsfOptions): Float64Array {
  const { size, sigma } = options;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`gaussianPsf: size = ${size}, expected an integer ≥ 1 (pixels)`);
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`gaussianPsf: sigma = ${sigma}, expected a finite number > 0 (pixels)`);
  const c = (size - 1) / 2;
  const psf = new Float64Array(size * size);
  let sum = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = Math.exp((-0.5 * ((y - c) ** 2 + (x - c) ** 2)) / (sigma * sigma));
      psf[y * size + x] = v;
      sum += v;
    }
  }
  for (let i = 0; i < psf.length; i++) psf[i] /= sum;
  return psf;
}
