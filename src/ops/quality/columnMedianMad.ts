import { medianInPlace } from './medianInPlace';

/**
 * Per column of a `rows × cols` matrix (row-major): the median and the median absolute deviation
 * MAD = median |x − median| over the finite values (NaN when a column has none).
 */
export function columnMedianMad(features: Float64Array, rows: number, cols: number): { median: Float64Array; mad: Float64Array } {
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1 || features.length !== rows * cols) {
    throw new RangeError(`columnMedianMad: features has ${features.length} values, expected rows·cols = ${rows}·${cols}`);
  }
  const median = new Float64Array(cols);
  const mad = new Float64Array(cols);
  const col = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    let n = 0;
    for (let i = 0; i < rows; i++) {
      const v = features[i * cols + j];
      if (Number.isFinite(v)) col[n++] = v;
    }
    const med = medianInPlace(col.subarray(0, n));
    for (let k = 0; k < n; k++) col[k] = Math.abs(col[k] - med);
    median[j] = med;
    mad[j] = medianInPlace(col.subarray(0, n));
  }
  return { median, mad };
}
