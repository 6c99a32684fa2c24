import { assertImageData, assertOut, type ImageData2D } from '../image/assertImageData';
import { medianFilterRows } from './medianFilterRows';
import { sortColumns } from './sortColumns';
import { unsortColumns } from './unsortColumns';

export interface RemoveStripeSortingOptions {
  /**
   * Median window across detector columns (odd); larger removes wider stripes.
   * @default 21
   */
  size?: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Sorting-based stripe removal, as algotom `prep.removal.remove_stripe_based_sorting(sinogram,
 * size=21, dim=1)` (Vo et al., Opt. Express 26 (2018) 28396, algorithm 3): each column (one detector
 * pixel over all angles) is sorted, the sorted image is median filtered across columns (window
 * 1 × size), and values are put back in their original rows. Sinogram: angle on rows (axis 0).
 */
export function removeStripeSorting(
  data: ImageData2D | Float64Array,
  width: number,
  height: number,
  options: RemoveStripeSortingOptions = {},
): Float32Array {
  const size = options.size ?? 21;
  assertImageData('removeStripeSorting', data, width, height);
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) {
    throw new RangeError(`removeStripeSorting: size = ${size}, expected an odd integer ≥ 1`);
  }
  assertOut('removeStripeSorting', options.out, width * height);
  const { sorted, index } = sortColumns(data, width, height);
  const smooth = medianFilterRows(sorted, width, height, { size });
  const back = unsortColumns(smooth, index, width, height, { out: sorted });
  const out = options.out ?? new Float32Array(width * height);
  out.set(back);
  return out;
}
