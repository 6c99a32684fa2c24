import { assertImageData, assertOut, type ImageData2D } from '../image/assertImageData';
import { medianFilterRows } from './medianFilterRows';
import { separateFrequency } from './separateFrequency';
import { sortColumns } from './sortColumns';
import { unsortColumns } from './unsortColumns';

export interface RemoveStripeFilteringOptions {
  /**
   * σ of the Gaussian window (frequency bins) separating the low-pass part of each column.
   * @default 3
   */
  sigma?: number;
  /**
   * Median window across detector columns (odd) applied to the sorted low-pass part.
   * @default 21
   */
  size?: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Filtering-based stripe removal, as algotom `prep.removal.remove_stripe_based_filtering(sinogram,
 * sigma=3, size=21, dim=1, sort=True)` (Vo et al., Opt. Express 26 (2018) 28396, algorithm 2): each
 * column is split into low and high frequencies (`separateFrequency`), the low part is sorted per
 * column, median filtered across columns (1 × size), un-sorted, and the high part added back.
 */
export function removeStripeFiltering(
  data: ImageData2D | Float64Array,
  width: number,
  height: number,
  options: RemoveStripeFilteringOptions = {},
): Float32Array {
  const sigma = options.sigma ?? 3;
  const size = options.size ?? 21;
  assertImageData('removeStripeFiltering', data, width, height);
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`removeStripeFiltering: sigma = ${sigma}, expected a finite number > 0`);
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) {
    throw new RangeError(`removeStripeFiltering: size = ${size}, expected an odd integer ≥ 1`);
  }
  assertOut('removeStripeFiltering', options.out, width * height);
  const { low, high } = separateFrequency(data, width, height, { sigma });
  const { sorted, index } = sortColumns(low, width, height);
  const smooth = medianFilterRows(sorted, width, height, { size });
  const back = unsortColumns(smooth, index, width, height, { out: low });
  const out = options.out ?? new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = back[i] + high[i];
  return out;
}
