/**
 * Min/max decimation of a 1-D series for display: the series is cut into `maxPoints / 2` equal
 * index buckets and each bucket keeps its lowest and highest point, in index order. Peaks, edges
 * and spikes survive (plain striding would drop them), and the result has at most `maxPoints`
 * points. NaN samples are skipped; a bucket with no finite sample keeps one NaN so the plot shows
 * the gap. Always returns new arrays (previews are transferred, the source must stay intact).
 */
export interface DecimateMinMaxOptions {
  /** Largest number of points kept. @default 2000 */
  maxPoints?: number;
}

export function decimateMinMax(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: DecimateMinMaxOptions = {},
): { x: Float64Array; y: Float64Array } {
  const maxPoints = options.maxPoints ?? 2000;
  if (!Number.isInteger(maxPoints) || maxPoints < 2)
    throw new RangeError(`maxPoints: expected an integer ≥ 2, got ${maxPoints}`);
  if (x.length !== y.length)
    throw new RangeError(`y: expected ${x.length} values (as many as x), got ${y.length}`);
  const n = y.length;
  if (n <= maxPoints) return { x: Float64Array.from(x), y: Float64Array.from(y) };
  const buckets = Math.floor(maxPoints / 2);
  const ox = new Float64Array(2 * buckets);
  const oy = new Float64Array(2 * buckets);
  let k = 0;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let iMin = -1;
    let iMax = -1;
    for (let i = start; i < end; i++) {
      const v = y[i];
      if (Number.isNaN(v)) continue;
      if (iMin < 0 || v < y[iMin]) iMin = i;
      if (iMax < 0 || v > y[iMax]) iMax = i;
    }
    if (iMin < 0) {
      ox[k] = x[start];
      oy[k++] = NaN;
      continue;
    }
    const first = Math.min(iMin, iMax);
    const second = Math.max(iMin, iMax);
    ox[k] = x[first];
    oy[k++] = y[first];
    if (second !== first) {
      ox[k] = x[second];
      oy[k++] = y[second];
    }
  }
  return { x: ox.slice(0, k), y: oy.slice(0, k) };
}
