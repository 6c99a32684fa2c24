import { assertImageData, type ImageData2D } from '../image/assertImageData';
import { percentileRange } from '../image/percentileRange';

export interface IntensityContrastOptions {
  /**
   * Percentiles (0..100) taken as the dark and bright levels of the Michelson contrast.
   * @default [1, 99]
   */
  percentiles?: [number, number];
}

export interface IntensityContrast {
  /** Mean intensity. */
  mean: number;
  /** RMS contrast: population standard deviation of the intensities (`np.std`). */
  rmsContrast: number;
  /** Michelson contrast (p_hi − p_lo)/(p_hi + p_lo) on the percentiles (`np.percentile`, linear). */
  michelson: number;
}

/**
 * Global intensity and contrast of one image: mean, RMS contrast (`x.std()`) and a robust
 * Michelson contrast on the 1st/99th percentiles (`np.percentile(x, [1, 99])`) so single hot or
 * dead pixels do not decide it. Michelson is NaN when both percentiles are 0.
 */
export function intensityContrast(
  data: ImageData2D,
  width: number,
  height: number,
  options: IntensityContrastOptions = {},
): IntensityContrast {
  assertImageData('intensityContrast', data, width, height);
  const [low, high] = options.percentiles ?? [1, 99];
  const n = width * height;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += data[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (data[i] - mean) * (data[i] - mean);
  const [pLo, pHi] = percentileRange(data, { low, high });
  return { mean, rmsContrast: Math.sqrt(ss / n), michelson: (pHi - pLo) / (pHi + pLo) };
}
