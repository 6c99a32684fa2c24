export interface CrossPowerSpectrumOptions {
  /**
   * Divide each product by its magnitude (phase correlation); false gives the plain product
   * (skimage `normalization=None`).
   * @default true
   */
  normalize?: boolean;
  /** Output buffer, interleaved complex (2n); allocated (float32) when absent. */
  out?: Float32Array | Float64Array;
}

/** Smallest magnitude divided by, as skimage's `phase_cross_correlation`: 100·float64 eps. */
export const CROSS_POWER_FLOOR = 100 * 2.220446049250313e-16;

/**
 * Elementwise cross-power spectrum R = A·conj(B) / max(|A·conj(B)|, 100·eps) of two interleaved
 * complex spectra (re, im, re, im, …), as `skimage.registration.phase_cross_correlation` forms it
 * before the inverse FFT (normalization='phase'; see `src/ops/image/phaseCrossCorrelation.ts`).
 */
export function crossPowerSpectrum(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: CrossPowerSpectrumOptions = {},
): Float32Array | Float64Array {
  if (a.length % 2 !== 0 || a.length === 0) {
    throw new RangeError(`crossPowerSpectrum: a has ${a.length} values, expected an even count > 0 (interleaved re, im)`);
  }
  if (b.length !== a.length) throw new RangeError(`crossPowerSpectrum: b has ${b.length} values, expected ${a.length} (as a)`);
  if (options.out && options.out.length !== a.length) {
    throw new RangeError(`crossPowerSpectrum: out has ${options.out.length} values, expected ${a.length}`);
  }
  const out = options.out ?? new Float32Array(a.length);
  const normalize = options.normalize ?? true;
  for (let i = 0; i < a.length; i += 2) {
    const ar = a[i];
    const ai = a[i + 1];
    const br = b[i];
    const bi = b[i + 1];
    const re = ar * br + ai * bi;
    const im = ai * br - ar * bi;
    const mag = normalize ? Math.max(Math.sqrt(re * re + im * im), CROSS_POWER_FLOOR) : 1;
    out[i] = re / mag;
    out[i + 1] = im / mag;
  }
  return out;
}
