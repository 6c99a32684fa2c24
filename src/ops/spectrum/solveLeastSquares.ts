/**
 * Linear least squares `min ‖A·c − b‖₂` by Householder QR (no normal equations, so polynomial fits
 * of moderate degree keep their accuracy). `A` is row-major `rows × cols`, rows ≥ cols, full rank.
 */
export function solveLeastSquares(a: Float64Array, rows: number, cols: number, b: Float64Array): Float64Array {
  if (rows < cols) throw new RangeError(`solveLeastSquares: rows = ${rows}: expected at least cols = ${cols}`);
  if (a.length !== rows * cols || b.length !== rows)
    throw new RangeError(`solveLeastSquares: expected A of ${rows}×${cols} and b of ${rows}, got ${a.length} and ${b.length}`);
  const r = Float64Array.from(a);
  const y = Float64Array.from(b);
  for (let k = 0; k < cols; k++) {
    let norm = 0;
    for (let i = k; i < rows; i++) norm += r[i * cols + k] ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) throw new RangeError(`solveLeastSquares: column ${k} is zero: the fit is under-determined`);
    const alpha = r[k * cols + k] > 0 ? -norm : norm;
    // v = x − alpha·e1, stored in place below the diagonal; v[k] kept separately.
    const vk = r[k * cols + k] - alpha;
    let vnorm2 = vk * vk;
    for (let i = k + 1; i < rows; i++) vnorm2 += r[i * cols + k] ** 2;
    if (vnorm2 > 0) {
      for (let j = k + 1; j < cols; j++) {
        let s = vk * r[k * cols + j];
        for (let i = k + 1; i < rows; i++) s += r[i * cols + k] * r[i * cols + j];
        const f = (2 * s) / vnorm2;
        r[k * cols + j] -= f * vk;
        for (let i = k + 1; i < rows; i++) r[i * cols + j] -= f * r[i * cols + k];
      }
      let s = vk * y[k];
      for (let i = k + 1; i < rows; i++) s += r[i * cols + k] * y[i];
      const f = (2 * s) / vnorm2;
      y[k] -= f * vk;
      for (let i = k + 1; i < rows; i++) y[i] -= f * r[i * cols + k];
    }
    r[k * cols + k] = alpha;
  }
  const c = new Float64Array(cols);
  for (let k = cols - 1; k >= 0; k--) {
    let s = y[k];
    for (let j = k + 1; j < cols; j++) s -= r[k * cols + j] * c[j];
    c[k] = s / r[k * cols + k];
  }
  return c;
}
