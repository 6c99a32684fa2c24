/**
 * Savitzky–Golay smoothing / differentiation of uniformly sampled data, as
 * `scipy.signal.savgol_filter(y, window_length, polyorder, deriv, delta, mode='interp')`:
 * interior points get the least-squares polynomial (degree `polyorder`) of the centred window,
 * evaluated (or differentiated `deriv` times) at the centre; the first and last `window/2` points
 * get the polynomial fitted to the first / last full window, evaluated at their own positions.
 *
 * Reference: A. Savitzky, M. J. E. Golay, Anal. Chem. 36 (1964) 1627.
 */
import { polyfit } from './polyfit';

export interface SavitzkyGolayOptions {
  /** Window length in points: odd, > polyorder, ≤ number of points. */
  windowLength: number;
  /** Degree of the fitted polynomial. */
  polyorder: number;
  /** Order of the derivative (0 = smoothing). @default 0 */
  deriv?: number;
  /** Sample spacing, used to scale derivatives (d^k/dx^k → divided by delta^k). @default 1 */
  delta?: number;
  /** Output buffer of the same length as y. @default a new Float64Array */
  out?: Float64Array;
}

export function savitzkyGolay(y: ArrayLike<number>, options: SavitzkyGolayOptions): Float64Array {
  const n = y.length;
  const w = options.windowLength;
  const p = options.polyorder;
  const deriv = options.deriv ?? 0;
  const delta = options.delta ?? 1;
  if (!Number.isInteger(w) || w < 1 || w % 2 === 0)
    throw new RangeError(`savitzkyGolay: windowLength = ${w}: expected an odd integer ≥ 1`);
  if (w > n) throw new RangeError(`savitzkyGolay: windowLength = ${w}: expected ≤ the number of points (${n})`);
  if (!Number.isInteger(p) || p < 0 || p >= w)
    throw new RangeError(`savitzkyGolay: polyorder = ${p}: expected an integer from 0 to windowLength − 1 (${w - 1})`);
  if (!Number.isInteger(deriv) || deriv < 0) throw new RangeError(`savitzkyGolay: deriv = ${deriv}: expected an integer ≥ 0`);
  if (!(delta > 0) || !Number.isFinite(delta)) throw new RangeError(`savitzkyGolay: delta = ${delta}: expected a finite number > 0`);
  const out = options.out ?? new Float64Array(n);
  if (out.length !== n) throw new RangeError(`savitzkyGolay: out has ${out.length} elements: expected ${n}`);
  if (deriv > p) {
    // The derivative of a degree-p polynomial of order > p vanishes (scipy returns zeros too).
    out.fill(0);
    return out;
  }
  const h = (w - 1) / 2;
  const coeffs = windowCoefficients(h, p, deriv, delta);
  for (let i = h; i < n - h; i++) {
    let s = 0;
    for (let j = -h; j <= h; j++) s += coeffs[j + h] * y[i + j];
    out[i] = s;
  }
  fitEdge(y, 0, w, 0, h, p, deriv, delta, out);
  fitEdge(y, n - w, n, n - h, n, p, deriv, delta, out);
  return out;
}

/**
 * Weights c_j (j = −h…h) such that Σ c_j y_{i+j} is the deriv-th derivative at j = 0 of the
 * least-squares polynomial. Offsets are scaled to u = j/h ∈ [−1, 1] so that the Gram matrix stays
 * well conditioned; c = Aᵀ(AAᵀ)⁻¹ e_deriv · deriv!/(delta·h)^deriv with A[k][j] = u_j^k.
 */
function windowCoefficients(h: number, p: number, deriv: number, delta: number): Float64Array {
  const w = 2 * h + 1;
  const scale = h > 0 ? h : 1;
  const m = p + 1;
  const u = Float64Array.from({ length: w }, (_, j) => (j - h) / scale);
  const gram = Array.from({ length: m }, (_, a) =>
    Array.from({ length: m }, (_, b) => u.reduce((s, uj) => s + uj ** (a + b), 0)),
  );
  const rhs = new Array<number>(m).fill(0);
  let fact = 1;
  for (let k = 2; k <= deriv; k++) fact *= k;
  rhs[deriv] = fact / (delta * scale) ** deriv;
  const z = solveSmall(gram, rhs);
  const c = new Float64Array(w);
  for (let j = 0; j < w; j++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += z[k] * u[j] ** k;
    c[j] = s;
  }
  return c;
}

/** Gaussian elimination with partial pivoting for a small dense system. */
function solveSmall(a: number[][], b: number[]): number[] {
  const m = b.length;
  const A = a.map((row, i) => [...row, b[i]]);
  for (let k = 0; k < m; k++) {
    let piv = k;
    for (let i = k + 1; i < m; i++) if (Math.abs(A[i][k]) > Math.abs(A[piv][k])) piv = i;
    [A[k], A[piv]] = [A[piv], A[k]];
    for (let i = k + 1; i < m; i++) {
      const f = A[i][k] / A[k][k];
      for (let j = k; j <= m; j++) A[i][j] -= f * A[k][j];
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let k = m - 1; k >= 0; k--) {
    let s = A[k][m];
    for (let j = k + 1; j < m; j++) s -= A[k][j] * x[j];
    x[k] = s / A[k][k];
  }
  return x;
}

/** scipy `_fit_edge`: fit y[winStart:winStop] against 0…w−1, write the deriv-th derivative at interpStart…interpStop. */
function fitEdge(
  y: ArrayLike<number>,
  winStart: number,
  winStop: number,
  interpStart: number,
  interpStop: number,
  p: number,
  deriv: number,
  delta: number,
  out: Float64Array,
): void {
  if (interpStop <= interpStart) return;
  const w = winStop - winStart;
  const t = Float64Array.from({ length: w }, (_, i) => i);
  const seg = Float64Array.from({ length: w }, (_, i) => y[winStart + i]);
  let c = Array.from(polyfit(t, seg, p));
  for (let d = 0; d < deriv; d++) c = c.slice(1).map((v, k) => v * (k + 1));
  for (let i = interpStart; i < interpStop; i++) {
    const x = i - winStart;
    let s = 0;
    for (let k = c.length - 1; k >= 0; k--) s = s * x + c[k];
    out[i] = s / delta ** deriv;
  }
}
