export interface ReduceStatsOptions {
  /**
   * Name used in error messages.
   * @default 'reduceStats'
   */
  op?: string;
}

/** Minimum, maximum, sum and sum of squares of an array, accumulated in float64. */
export interface ReduceStatsResult {
  min: number;
  max: number;
  sum: number;
  sumSquares: number;
  count: number;
}

/**
 * One pass over `data`: min, max, Σx and Σx² (as `numpy.min/max/sum`, `numpy.sum(x**2)` on the
 * float64 values). Mean and variance follow (mean = sum/count, var = sumSquares/count − mean²).
 * NaN values propagate into every result, as in numpy. The reference of the GPU reduction kernel.
 */
export function reduceStats(data: ArrayLike<number>, options: ReduceStatsOptions = {}): ReduceStatsResult {
  const n = data.length;
  if (n === 0) throw new RangeError(`${options.op ?? 'reduceStats'}: data has 0 values, expected at least 1`);
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSquares = 0;
  let nan = false;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (v !== v) nan = true;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sumSquares += v * v;
  }
  if (nan) return { min: NaN, max: NaN, sum: NaN, sumSquares: NaN, count: n };
  return { min, max, sum, sumSquares, count: n };
}
