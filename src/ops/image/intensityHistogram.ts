export type HistogramInput = Uint8Array | Uint16Array | Float32Array | Float64Array;

export interface IntensityHistogramOptions {
  /**
   * Number of bins for floating-point data (integers get one bin per value).
   * @default 256
   */
  nbins?: number;
}

export interface IntensityHistogram {
  counts: Float64Array;
  /** Value at the centre of each bin (float32-rounded for Float32Array input, as numpy does). */
  centers: Float64Array;
  /** True when the data are integers (one bin per integer value from min to max). */
  integerBins: boolean;
}

/**
 * Histogram of all values, as `skimage.exposure.histogram(x, nbins, source_range='image')`:
 * integer data get one bin per value from min to max (nbins ignored); floating-point data get
 * `nbins` equal bins over [min, max] with numpy's rules (last bin closed; bin edges in the data's
 * precision, so float32 images bin exactly as numpy bins them). Non-finite values are refused.
 */
export function intensityHistogram(data: HistogramInput, options: IntensityHistogramOptions = {}): IntensityHistogram {
  const nbins = options.nbins ?? 256;
  if (!Number.isInteger(nbins) || nbins < 2) throw new RangeError(`intensityHistogram: nbins = ${nbins}, expected an integer ≥ 2`);
  if (data.length === 0) throw new RangeError('intensityHistogram: data is empty, expected at least one value');
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    // Math.min/max propagate NaN and compile branch-free: no per-value finiteness test needed.
    const v = data[i];
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  // NaN or ±Infinity anywhere shows in min/max; only then is the culprit searched for.
  if (min - min !== 0 || max - max !== 0) {
    const i = data.findIndex((v) => v - v !== 0);
    throw new RangeError(`intensityHistogram: data[${i}] = ${data[i]}, expected finite values`);
  }
  if (data instanceof Uint8Array || data instanceof Uint16Array) {
    const n = max - min + 1;
    const counts = new Float64Array(n);
    for (let i = 0; i < data.length; i++) counts[data[i] - min]++;
    const centers = new Float64Array(n);
    for (let k = 0; k < n; k++) centers[k] = min + k;
    return { counts, centers, integerBins: true };
  }
  const f32 = data instanceof Float32Array;
  const round = f32 ? Math.fround : (x: number) => x;
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  // np.linspace in float64, then cast to the data's precision.
  const edges = new Float64Array(nbins + 1);
  const step = (last - first) / nbins;
  for (let k = 0; k < nbins; k++) edges[k] = round(k * step + first);
  edges[nbins] = round(last);
  const counts = binFloats(data, first, nbins / (last - first), edges);
  const centers = new Float64Array(nbins);
  for (let k = 0; k < nbins; k++) centers[k] = round(round(edges[k] + edges[k + 1]) / 2);
  return { counts, centers, integerBins: false };
}

/**
 * Counts of finite `data` in the bins [edges[k], edges[k+1]) (last bin closed), numpy's way: the
 * bin is estimated from (v − first)·norm, then corrected once against the actual edges. One pass.
 */
function binFloats(data: Float32Array | Float64Array, first: number, norm: number, edges: Float64Array): Float64Array {
  const nbins = edges.length - 1;
  const top = nbins - 1;
  const counts = new Float64Array(nbins);
  const n = data.length;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    // v ≥ first, so truncation is floor (np.intp cast). Then numpy's single-step corrections
    // (edges[0] = min, so k never drops below 0); written as selects, not branches.
    let k = ((v - first) * norm) | 0;
    k = k > top ? top : k;
    k = v < edges[k] ? k - 1 : k;
    k = v >= edges[k + 1] ? k + 1 : k;
    k = k > top ? top : k; // the last bin is closed: v = max stays in it
    counts[k]++;
  }
  return counts;
}
