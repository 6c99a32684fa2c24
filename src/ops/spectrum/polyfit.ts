/**
 * Least-squares polynomial fit, coefficients in increasing powers (`c0 + c1·x + c2·x² …`), as
 * `numpy.polynomial.Polynomial.fit(x, y, deg).convert().coef` (which Larch's `polyfit` wraps): the fit
 * is done on x mapped to [−1, 1] for conditioning, then converted back to powers of x.
 */
import { solveLeastSquares } from './solveLeastSquares';

export interface PolyfitOptions {
  /** First index of the fitted range. @default 0 */
  start?: number;
  /** End index (exclusive) of the fitted range. @default x.length */
  end?: number;
}

export function polyfit(x: ArrayLike<number>, y: ArrayLike<number>, degree: number, options: PolyfitOptions = {}): Float64Array {
  const start = options.start ?? 0;
  const end = options.end ?? x.length;
  if (!Number.isInteger(degree) || degree < 0) throw new RangeError(`polyfit: degree = ${degree}: expected an integer ≥ 0`);
  if (x.length !== y.length) throw new RangeError(`polyfit: x has ${x.length} points but y has ${y.length}: expected equal lengths`);
  const n = end - start;
  if (start < 0 || end > x.length || n < degree + 1)
    throw new RangeError(`polyfit: range [${start}, ${end}) of ${x.length} points: expected at least ${degree + 1} points for degree ${degree}`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = start; i < end; i++) {
    lo = Math.min(lo, x[i]);
    hi = Math.max(hi, x[i]);
  }
  const mid = (lo + hi) / 2;
  const half = hi > lo ? (hi - lo) / 2 : 1;
  const m = degree + 1;
  const a = new Float64Array(n * m);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = (x[start + i] - mid) / half;
    let p = 1;
    for (let k = 0; k < m; k++) {
      a[i * m + k] = p;
      p *= t;
    }
    b[i] = y[start + i];
  }
  const ct = solveLeastSquares(a, n, m, b);
  // Expand Σ ct_k ((x − mid)/half)^k into powers of x.
  const out = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const scale = ct[k] / half ** k;
    let binom = 1;
    for (let j = 0; j <= k; j++) {
      out[j] += scale * binom * (-mid) ** (k - j);
      binom = (binom * (k - j)) / (j + 1);
    }
  }
  return out;
}
