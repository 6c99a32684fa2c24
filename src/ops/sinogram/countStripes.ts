import { assertImageData, type ImageData2D } from '../image/assertImageData';
import { medianFilterRows } from './medianFilterRows';

export interface CountStripesOptions {
  /**
   * Window (odd, columns) of the median of neighbouring column means taken as stripe-free.
   * @default 21
   */
  size?: number;
  /**
   * Relative deviation of a column mean from that median above which the column is a stripe.
   * @default 0.005
   */
  threshold?: number;
}

/**
 * Number of stripe columns of a sinogram (angle on rows): columns whose mean over all angles
 * differs from the median (`scipy.ndimage.median_filter`, reflect) of the `size` neighbouring column
 * means by more than `threshold` × that median. A fixed relative threshold (not algotom's
 * noise-relative `detect_stripe`, which finds "outliers" in any profile) so that counts before and
 * after a removal are comparable. Reference: `count_stripes` in scripts/fixtures/rings_reference.py.
 */
export function countStripes(
  data: ImageData2D | Float64Array,
  width: number,
  height: number,
  options: CountStripesOptions = {},
): number {
  const size = options.size ?? 21;
  const threshold = options.threshold ?? 0.005;
  assertImageData('countStripes', data, width, height);
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) throw new RangeError(`countStripes: size = ${size}, expected an odd integer ≥ 1`);
  if (!(threshold >= 0) || !Number.isFinite(threshold)) throw new RangeError(`countStripes: threshold = ${threshold}, expected a finite number ≥ 0`);
  const mean = new Float64Array(width);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) mean[x] += data[y * width + x];
  for (let x = 0; x < width; x++) mean[x] /= height;
  const bck = medianFilterRows(mean, width, 1, { size });
  let count = 0;
  for (let x = 0; x < width; x++) if (Math.abs(mean[x] - bck[x]) > threshold * Math.abs(bck[x])) count++;
  return count;
}
