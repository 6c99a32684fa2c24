import { intensityHistogram, type HistogramInput } from './intensityHistogram';

export interface ThresholdOtsuOptions {
  /**
   * Histogram bins for floating-point data (integer data: one bin per value, as skimage).
   * @default 256
   */
  nbins?: number;
}

/**
 * Otsu's threshold (Otsu, IEEE SMC 9:62, 1979), as `skimage.filters.threshold_otsu(x, nbins)`:
 * the bin centre that maximises the between-class variance w₁w₂(μ₁−μ₂)² of the histogram
 * (first maximum). Pixels ≥ threshold are the upper class (`np.digitize` convention). A constant
 * image returns its value. Works on any number of values (an image or a whole stack).
 */
export function thresholdOtsu(data: HistogramInput, options: ThresholdOtsuOptions = {}): number {
  if (data.length === 0) throw new RangeError('thresholdOtsu: data is empty, expected at least one value');
  const v0 = data[0];
  let constant = true;
  for (let i = 1; i < data.length; i++) {
    if (data[i] !== v0) {
      constant = false;
      break;
    }
  }
  if (constant) {
    if (v0 - v0 !== 0) throw new RangeError(`thresholdOtsu: data[0] = ${v0}, expected finite values`);
    return v0;
  }
  const { counts, centers } = intensityHistogram(data, options);
  return otsuFromHistogram(counts, centers);
}

/** Otsu on a histogram, with skimage's summation order (so ties resolve identically). */
export function otsuFromHistogram(counts: Float64Array, centers: Float64Array): number {
  const n = counts.length;
  if (n === 1) return centers[0];
  const w1 = new Float64Array(n);
  const m1 = new Float64Array(n);
  let cw = 0;
  let cm = 0;
  for (let i = 0; i < n; i++) {
    cw += counts[i];
    cm += counts[i] * centers[i];
    w1[i] = cw;
    m1[i] = cm / cw;
  }
  const w2 = new Float64Array(n);
  const m2 = new Float64Array(n);
  cw = 0;
  cm = 0;
  for (let i = n - 1; i >= 0; i--) {
    cw += counts[i];
    cm += counts[i] * centers[i];
    w2[i] = cw;
    m2[i] = cm / cw;
  }
  let best = -Infinity;
  let idx = 0;
  for (let i = 0; i < n - 1; i++) {
    const d = m1[i] - m2[i + 1];
    const v = w1[i] * w2[i + 1] * d * d;
    // NaN (empty classes give 0/0) never wins, as np.argmax would only pick it if first.
    if (v > best) {
      best = v;
      idx = i;
    }
  }
  return centers[idx];
}
