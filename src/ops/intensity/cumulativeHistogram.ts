import type { ImageData2D } from '../image/assertImageData';

/** The distinct values of an array, ascending, with the fraction of values ≤ each. */
export interface CumulativeHistogram {
  values: Float64Array;
  /** `cumsum(counts) / n`, as in skimage's `_match_cumulative_cdf`. */
  quantiles: Float64Array;
}

/**
 * Empirical cumulative distribution over the distinct values, as
 * `np.unique(x, return_counts=True)` then `np.cumsum(counts) / x.size` (the reference side of
 * `skimage.exposure.match_histograms`). Sorts a float64 copy, O(n log n). Non-finite values are refused.
 */
export function cumulativeHistogram(data: ImageData2D): CumulativeHistogram {
  const n = data.length;
  if (n === 0) throw new RangeError('cumulativeHistogram: data is empty, expected at least one value');
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (v - v !== 0) throw new RangeError(`cumulativeHistogram: data[${i}] = ${v}, expected finite values`);
    sorted[i] = v;
  }
  sorted.sort();
  let u = 1;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) u++;
  const values = new Float64Array(u);
  const quantiles = new Float64Array(u);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (i + 1 === n || sorted[i + 1] !== sorted[i]) {
      values[k] = sorted[i];
      quantiles[k] = (i + 1) / n;
      k++;
    }
  }
  return { values, quantiles };
}
