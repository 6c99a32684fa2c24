export interface PercentileRangeOptions {
  /**
   * Lower percentile (0..100).
   * @default 0.5
   */
  low?: number;
  /**
   * Upper percentile (0..100).
   * @default 99.5
   */
  high?: number;
  /**
   * Above this many values, every k-th value is used (k = ceil(n / maxSamples)) so that huge
   * stacks do not need a full sorted copy; the result is then an estimate.
   * @default 4194304
   */
  maxSamples?: number;
}

/**
 * Robust display range: the `low` and `high` percentiles of the values, as
 * `np.percentile(x, [low, high])` (linear interpolation between order statistics). Sorts a
 * float copy, O(n log n) — of an evenly strided sample beyond `maxSamples` values. Non-finite
 * values are refused.
 */
export function percentileRange(data: ArrayLike<number>, options: PercentileRangeOptions = {}): [number, number] {
  const low = options.low ?? 0.5;
  const high = options.high ?? 99.5;
  if (!(low >= 0 && low <= 100)) throw new RangeError(`percentileRange: low = ${low}, expected 0..100`);
  if (!(high >= low && high <= 100)) throw new RangeError(`percentileRange: high = ${high}, expected ${low}..100`);
  const maxSamples = options.maxSamples ?? 4194304;
  if (!Number.isInteger(maxSamples) || maxSamples < 1) throw new RangeError(`percentileRange: maxSamples = ${maxSamples}, expected a positive integer`);
  if (data.length === 0) throw new RangeError('percentileRange: data is empty, expected at least one value');
  const step = Math.ceil(data.length / maxSamples);
  const n = Math.ceil(data.length / step);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = data[i * step];
    if (v - v !== 0) throw new RangeError(`percentileRange: data[${i * step}] = ${v}, expected finite values`);
    s[i] = v;
  }
  s.sort();
  const at = (p: number): number => {
    const pos = (p / 100) * (n - 1);
    const i = Math.floor(pos);
    if (i >= n - 1) return s[n - 1];
    return s[i] + (s[i + 1] - s[i]) * (pos - i);
  };
  return [at(low), at(high)];
}
