import { assertOut, type ImageData2D } from '../image/assertImageData';
import { cumulativeHistogram, type CumulativeHistogram } from './cumulativeHistogram';

export interface MatchHistogramsOptions {
  /** The reference's cumulative histogram when already computed (a series matched to one frame). */
  referenceCdf?: CumulativeHistogram;
  /** Output buffer (source.length); allocated when absent. */
  out?: Float32Array | Float64Array;
}

/**
 * Histogram matching, as `skimage.exposure.match_histograms(source, reference)` for one channel
 * (`_match_cumulative_cdf`): each distinct source value goes to `np.interp(q, q_ref, v_ref)` of its
 * cumulative quantile `q`, so the output's cumulative histogram follows the reference's. Source
 * and reference may have different sizes. Float64 arithmetic; output float32 unless `out` is float64.
 */
export function matchHistograms(
  source: ImageData2D,
  reference: ImageData2D | null,
  options: MatchHistogramsOptions = {},
): Float32Array | Float64Array {
  const ref = options.referenceCdf ?? (reference ? cumulativeHistogram(reference) : null);
  if (!ref) throw new RangeError('matchHistograms: reference = null, expected an array or options.referenceCdf');
  const n = source.length;
  assertOut('matchHistograms', options.out, n);
  const out = options.out ?? new Float32Array(n);
  const src = cumulativeHistogram(source);
  // np.interp of the (increasing) source quantiles on the reference's, by one merge walk.
  const mapped = new Float64Array(src.values.length);
  const rq = ref.quantiles;
  const rv = ref.values;
  const last = rq.length - 1;
  let j = 0;
  for (let k = 0; k < mapped.length; k++) {
    const q = src.quantiles[k];
    if (q <= rq[0]) mapped[k] = rv[0];
    else if (q >= rq[last]) mapped[k] = rv[last];
    else {
      while (rq[j + 1] < q) j++;
      // rq[j] < q ≤ rq[j+1]
      // numpy's order of operations: slope·(x − xp[j]) + fp[j].
      mapped[k] = q === rq[j + 1] ? rv[j + 1] : ((rv[j + 1] - rv[j]) / (rq[j + 1] - rq[j])) * (q - rq[j]) + rv[j];
    }
  }
  const sv = src.values;
  const u = sv.length;
  if (source instanceof Uint8Array || source instanceof Uint16Array) {
    // Integers: a table by value (as skimage ≥ 0.20's bincount path).
    const lo = sv[0];
    const table = new Float64Array(sv[u - 1] - lo + 1);
    for (let k = 0; k < u; k++) table[sv[k] - lo] = mapped[k];
    for (let i = 0; i < n; i++) out[i] = table[source[i] - lo];
    return out;
  }
  // Floats: each pixel's rank among the distinct values, by a binary search restricted to the
  // bucket of an even grid over [min, max] (a few candidates per bucket: cache-friendly).
  const buckets = Math.max(1, Math.min(u, 1 << 20));
  const lo = sv[0];
  const scale = u > 1 ? buckets / (sv[u - 1] - lo) : 0;
  const start = new Int32Array(buckets + 1);
  let k = 0;
  for (let b = 0; b < buckets; b++) {
    while (k < u && Math.min(Math.floor((sv[k] - lo) * scale), buckets - 1) < b) k++;
    start[b] = k;
  }
  start[buckets] = u;
  for (let i = 0; i < n; i++) {
    const v = source[i];
    const b = Math.min(Math.floor((v - lo) * scale), buckets - 1);
    let l = start[b];
    let h = start[b + 1] - 1;
    while (l < h) {
      const mid = (l + h) >> 1;
      if (sv[mid] < v) l = mid + 1;
      else h = mid;
    }
    out[i] = mapped[l];
  }
  return out;
}
