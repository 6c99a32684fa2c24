import { backgroundCheckInput } from './backgroundCheckInput';
import { solveLeastSquares } from './solveLeastSquares';

export interface BackgroundModPolyOptions {
  /** Polynomial degree (0…12): 2–4 for a smooth hump, higher for a wavy background. */
  degree: number;
  /**
   * Stop when ‖b_new − b_old‖ / ‖b_old‖ falls below this.
   * @default 1e-3
   */
  tolerance?: number;
  /** @default 250 */
  maxIterations?: number;
}

export interface BackgroundModPolyResult {
  background: Float64Array;
  /** Iterations done (≤ maxIterations). */
  iterations: number;
}

/**
 * Modified polynomial background ("modpoly"; C. A. Lieber, A. Mahadevan-Jansen, Appl. Spectrosc.
 * 57 (2003) 1363), as pybaselines' `modpoly` (use_original = false): fit a polynomial of `degree`
 * (least squares, x mapped to [−1, 1]), replace the working signal by min(signal, fit), refit, until
 * the relative change of the fit is below `tolerance`. Peaks are shaved off iteration by iteration.
 */
export function backgroundModPoly(x: ArrayLike<number>, y: ArrayLike<number>, options: BackgroundModPolyOptions): BackgroundModPolyResult {
  const { degree } = options;
  const tolerance = options.tolerance ?? 1e-3;
  const maxIterations = options.maxIterations ?? 250;
  backgroundCheckInput('backgroundModPoly', y, x);
  if (!Number.isInteger(degree) || degree < 0 || degree > 12) throw new RangeError(`backgroundModPoly: degree = ${degree}, expected an integer 0..12`);
  if (!(tolerance > 0)) throw new RangeError(`backgroundModPoly: tolerance = ${tolerance}, expected > 0`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new RangeError(`backgroundModPoly: maxIterations = ${maxIterations}, expected an integer ≥ 1`);
  const n = y.length;
  const m = degree + 1;
  if (n < m) throw new RangeError(`backgroundModPoly: ${n} points, expected at least degree + 1 = ${m}`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  const mid = (lo + hi) / 2;
  const half = hi > lo ? (hi - lo) / 2 : 1;
  const a = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const t = (x[i] - mid) / half;
    let p = 1;
    for (let k = 0; k < m; k++) {
      a[i * m + k] = p;
      p *= t;
    }
  }
  const evaluate = (c: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += a[i * m + k] * c[k];
      out[i] = s;
    }
  };
  const work = Float64Array.from(y);
  let base = new Float64Array(n);
  let old = new Float64Array(n);
  evaluate(solveLeastSquares(a, n, m, work), base);
  let it = 0;
  while (it < maxIterations) {
    it++;
    [old, base] = [base, old];
    for (let i = 0; i < n; i++) if (old[i] < work[i]) work[i] = old[i];
    evaluate(solveLeastSquares(a, n, m, work), base);
    let d2 = 0;
    let o2 = 0;
    for (let i = 0; i < n; i++) {
      d2 += (base[i] - old[i]) ** 2;
      o2 += old[i] ** 2;
    }
    if (Math.sqrt(d2) / Math.max(Math.sqrt(o2), Number.EPSILON) < tolerance) break;
  }
  return { background: base, iterations: it };
}
