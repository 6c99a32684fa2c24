import { percentileRange } from '../image/percentileRange';
import type { ImageData2D } from '../image/assertImageData';

export interface IntensityLevelsOptions {
  /**
   * Which levels describe a frame's brightness:
   * `mean` → [0, mean]; `percentile` → [0, P(percentile)]; `range` → [P(low), P(high)].
   * Percentiles as `np.percentile` (linear interpolation).
   * @default 'mean'
   */
  method?: 'mean' | 'percentile' | 'range';
  /** Percentile for `percentile` (0..100). @default 50 */
  percentile?: number;
  /** Lower percentile for `range`. @default 1 */
  low?: number;
  /** Upper percentile for `range`. @default 99 */
  high?: number;
}

/**
 * Two intensity levels `[a, b]` of a frame, so that mapping a frame's levels onto a reference
 * frame's (`rescaleLevels`) removes a multiplicative (mean, percentile) or affine (range) change
 * of the beam intensity or detector gain along a time series. Non-finite values are refused.
 */
export function intensityLevels(data: ImageData2D, options: IntensityLevelsOptions = {}): [number, number] {
  const method = options.method ?? 'mean';
  if (data.length === 0) throw new RangeError('intensityLevels: data is empty, expected at least one value');
  if (method === 'mean') {
    let s = 0;
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (v - v !== 0) throw new RangeError(`intensityLevels: data[${i}] = ${v}, expected finite values`);
      s += v;
    }
    return [0, s / data.length];
  }
  if (method === 'percentile') {
    const p = options.percentile ?? 50;
    if (!(p >= 0 && p <= 100)) throw new RangeError(`intensityLevels: percentile = ${p}, expected 0..100`);
    return [0, percentileRange(data, { low: p, high: p })[0]];
  }
  if (method === 'range') {
    const low = options.low ?? 1;
    const high = options.high ?? 99;
    if (!(low >= 0 && high <= 100 && low < high)) throw new RangeError(`intensityLevels: low = ${low}, high = ${high}, expected 0 ≤ low < high ≤ 100`);
    return percentileRange(data, { low, high });
  }
  throw new RangeError(`intensityLevels: method = ${String(method)}, expected 'mean', 'percentile' or 'range'`);
}
