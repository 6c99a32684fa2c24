import { columnMedianMad } from './columnMedianMad';

/**
 * Modified z-scores of Iglewicz & Hoaglin (1993) per column of a `rows × cols` matrix (row-major):
 * z = 0.6745·(x − median)/MAD, MAD = median |x − median| over the finite values. A column whose
 * MAD is 0 gives 0 where x equals the median and ±Infinity elsewhere; non-finite x gives NaN.
 * The one formula behind both the flagging rule and the quality plot, so they cannot disagree.
 */
export function robustZScores(features: Float64Array, rows: number, cols: number, out?: Float64Array): Float64Array {
  const { median, mad } = columnMedianMad(features, rows, cols);
  const z = out ?? new Float64Array(rows * cols);
  if (z.length !== rows * cols) throw new RangeError(`robustZScores: out has ${z.length} values, expected rows·cols = ${rows}·${cols}`);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = features[i * cols + j];
      const d = v - median[j];
      z[i * cols + j] = !Number.isFinite(v) ? NaN : mad[j] > 0 ? (0.6745 * d) / mad[j] : d === 0 ? 0 : Math.sign(d) * Infinity;
    }
  }
  return z;
}
