/**
 * Display range of pixel data ignoring NaN: min, max and the `low`/`high` percentiles (numpy's
 * default linear interpolation, as `np.nanpercentile`). Exact by sorting up to `exactLimit` finite
 * values; above that a 65 536-bin histogram between min and max, interpolated inside the bin —
 * exact for 8/16-bit data and within (max − min)/65 536 otherwise, which is below what a display
 * can show, at a fraction of the cost of sorting tens of millions of pixels.
 */
export interface RobustRangeOptions {
  /** Lower percentile, 0..100. @default 0.5 */
  low?: number;
  /** Upper percentile, 0..100. @default 99.5 */
  high?: number;
  /** Largest count of finite values sorted exactly. @default 1_048_576 */
  exactLimit?: number;
}

export interface RobustRange {
  min: number;
  max: number;
  lo: number;
  hi: number;
  /** Finite values seen; 0 means the data were all NaN/∞ and every field is 0. */
  count: number;
}

export function robustRange(data: ArrayLike<number>, options: RobustRangeOptions = {}): RobustRange {
  const low = options.low ?? 0.5;
  const high = options.high ?? 99.5;
  const exactLimit = options.exactLimit ?? 1 << 20;
  if (!(low >= 0 && low <= 100)) throw new RangeError(`low: expected a percentile in 0..100, got ${low}`);
  if (!(high >= low && high <= 100)) throw new RangeError(`high: expected a percentile in ${low}..100, got ${high}`);
  let min = Infinity;
  let max = -Infinity;
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) return { min: 0, max: 0, lo: 0, hi: 0, count };
  if (count <= exactLimit) {
    const finite = new Float64Array(count);
    let k = 0;
    for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i])) finite[k++] = data[i];
    finite.sort();
    const at = (p: number): number => {
      const pos = (p / 100) * (count - 1);
      const i = Math.floor(pos);
      const f = pos - i;
      return i + 1 < count ? finite[i] + f * (finite[i + 1] - finite[i]) : finite[i];
    };
    return { min, max, lo: at(low), hi: at(high), count };
  }
  const bins = 65536;
  const hist = new Float64Array(bins);
  const span = max - min || 1;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    hist[Math.min(bins - 1, Math.floor(((v - min) / span) * bins))]++;
  }
  const at = (p: number): number => {
    const rank = (p / 100) * (count - 1);
    let seen = 0;
    for (let b = 0; b < bins; b++) {
      if (seen + hist[b] > rank) return min + ((b + (rank - seen) / hist[b]) / bins) * span;
      seen += hist[b];
    }
    return max;
  };
  return { min, max, lo: Math.max(min, at(low)), hi: Math.min(max, at(high)), count };
}
