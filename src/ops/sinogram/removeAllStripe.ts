import { assertOut, type ImageData2D } from '../image/assertImageData';
import { removeDeadStripe } from './removeDeadStripe';
import { removeLargeStripe } from './removeLargeStripe';
import { removeStripeSorting } from './removeStripeSorting';

export interface RemoveAllStripeOptions {
  /**
   * Detection ratio (> 1) for dead and large stripes; larger is less sensitive.
   * @default 3
   */
  snr?: number;
  /**
   * Median window (odd) for large and dead stripes.
   * @default 51
   */
  laSize?: number;
  /**
   * Median window (odd) of the final sorting-based pass (small and medium stripes).
   * @default 21
   */
  smSize?: number;
  /**
   * Fraction of sorted rows left out when measuring large stripes.
   * @default 0.1
   */
  dropRatio?: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * All stripe types, as algotom `prep.removal.remove_all_stripe(sinogram, snr=3, la_size=51,
 * sm_size=21, drop_ratio=0.1, dim=1)` (Vo et al., Opt. Express 26 (2018) 28396, algorithms 6, 5
 * and 3 in sequence): dead stripes (no residual pass), then large stripes, then sorting-based.
 */
export function removeAllStripe(
  data: ImageData2D | Float64Array,
  width: number,
  height: number,
  options: RemoveAllStripeOptions = {},
): Float32Array {
  const snr = options.snr ?? 3;
  const laSize = options.laSize ?? 51;
  const smSize = options.smSize ?? 21;
  assertOut('removeAllStripe', options.out, width * height);
  const dead = removeDeadStripe(data, width, height, { snr, size: laSize, residual: false });
  const large = removeLargeStripe(dead, width, height, { snr, size: laSize, dropRatio: options.dropRatio ?? 0.1 });
  return removeStripeSorting(large, width, height, { size: smSize, out: options.out });
}
