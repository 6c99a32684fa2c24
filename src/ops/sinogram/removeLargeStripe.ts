import { assertImageData, assertOut, type ImageData2D } from '../image/assertImageData';
import { detectStripe } from './detectStripe';
import { dilateMask1d } from './dilateMask1d';
import { medianFilterRows } from './medianFilterRows';
import { sortColumns } from './sortColumns';
import { unsortColumns } from './unsortColumns';

export interface RemoveLargeStripeOptions {
  /**
   * Detection ratio (> 1); larger is less sensitive.
   * @default 3
   */
  snr?: number;
  /**
   * Median window across detector columns (odd); about twice the widest stripe.
   * @default 51
   */
  size?: number;
  /**
   * Fraction of the sorted rows (half at each end) left out of the column means, to avoid false
   * detections; clipped to 0…0.8.
   * @default 0.1
   */
  dropRatio?: number;
  /**
   * Divide every column by its stripe factor (corrects partial stripes outside the detected ones).
   * @default true
   */
  norm?: boolean;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Large-stripe removal, as algotom `prep.removal.remove_large_stripe(sinogram, snr=3, size=51,
 * drop_ratio=0.1, norm=True)` (Vo et al., Opt. Express 26 (2018) 28396, algorithm 5): columns are
 * sorted and median filtered across columns (1 × size); the ratio of the mean sorted column to its
 * smoothed version (middle rows only) is the stripe factor; stripes are located by `detectStripe`
 * and widened by one column each side; the sinogram is divided by the factor (norm) and the stripe
 * columns are replaced by the un-sorted smoothed values.
 */
export function removeLargeStripe(
  data: ImageData2D | Float64Array,
  width: number,
  height: number,
  options: RemoveLargeStripeOptions = {},
): Float32Array {
  const snr = options.snr ?? 3;
  const size = options.size ?? 51;
  const dropRatio = Math.min(0.8, Math.max(0, options.dropRatio ?? 0.1));
  const norm = options.norm ?? true;
  assertImageData('removeLargeStripe', data, width, height);
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) {
    throw new RangeError(`removeLargeStripe: size = ${size}, expected an odd integer ≥ 1`);
  }
  if (!(snr > 0) || !Number.isFinite(snr)) throw new RangeError(`removeLargeStripe: snr = ${snr}, expected a finite number > 0`);
  assertOut('removeLargeStripe', options.out, width * height);
  const ndrop = Math.floor(0.5 * dropRatio * height);
  const { sorted, index } = sortColumns(data, width, height);
  const smooth = medianFilterRows(sorted, width, height, { size });
  const fact = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    let s1 = 0;
    let s2 = 0;
    for (let y = ndrop; y < height - ndrop; y++) {
      s1 += sorted[y * width + x];
      s2 += smooth[y * width + x];
    }
    fact[x] = s2 !== 0 ? s1 / s2 : 1;
  }
  const mask = dilateMask1d(detectStripe(fact, { snr }));
  const corr = unsortColumns(smooth, index, width, height, { out: sorted });
  const out = options.out ?? new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      out[i] = mask[x] ? corr[i] : norm ? data[i] / fact[x] : data[i];
    }
  }
  return out;
}
