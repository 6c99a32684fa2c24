import { interpolateLinear } from './interpolateLinear';

export interface AlignEnergyOptions {
  /**
   * Largest |shift| searched (same unit as x, e.g. eV).
   * @default 5
   */
  maxShift?: number;
  /**
   * Spacing of the common fine grid both spectra are resampled onto (x unit). `null`: a quarter of
   * the smallest x step of the two spectra.
   * @default null
   */
  step?: number | null;
  /**
   * Part of the x axis compared, `[lo, hi]` (e.g. the edge region); `null`: the whole overlap of
   * the two spectra.
   * @default null
   */
  range?: [number, number] | null;
}

export interface AlignEnergyResult {
  /**
   * Energy shift s of the moving spectrum: moving(x) ≈ reference(x − s). The aligned spectrum is
   * moving(x + s) (its x axis minus s).
   */
  shift: number;
  /** Normalised cross-correlation of the derivatives at the peak (1 = identical shapes). */
  correlation: number;
}

/**
 * Energy shift between two spectra by cross-correlation of their derivatives: both are resampled
 * linearly onto a common fine grid (spacing `step`) over their overlap (or `range`), differentiated
 * (central differences), and the normalised cross-correlation Σ d_ref(x)·d_mov(x + k·step) over
 * the overlap of lags |k·step| ≤ maxShift is maximised; the integer peak is refined by the vertex
 * of the parabola through it and its two neighbours (sub-step precision). Using derivatives makes
 * the match insensitive to offsets and to small normalisation differences, and weights the sharp
 * edge features (as energy calibration against a reference foil derivative is done in XAS).
 */
export function alignEnergy(
  xRef: Float64Array,
  yRef: Float64Array,
  xMov: Float64Array,
  yMov: Float64Array,
  options: AlignEnergyOptions = {},
): AlignEnergyResult {
  const maxShift = options.maxShift ?? 5;
  checkXY('reference', xRef, yRef);
  checkXY('moving', xMov, yMov);
  if (!(maxShift > 0) || !Number.isFinite(maxShift)) throw new RangeError(`alignEnergy: maxShift = ${maxShift}, expected a finite number > 0`);
  const step = options.step ?? Math.min(minStep(xRef), minStep(xMov)) / 4;
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`alignEnergy: step = ${step}, expected a finite number > 0`);
  let lo = Math.max(xRef[0], xMov[0]);
  let hi = Math.min(xRef[xRef.length - 1], xMov[xMov.length - 1]);
  if (options.range) {
    const [a, b] = options.range;
    if (!(a < b)) throw new RangeError(`alignEnergy: range = [${a}, ${b}], expected lo < hi`);
    lo = Math.max(lo, a);
    hi = Math.min(hi, b);
  }
  const n = Math.floor((hi - lo) / step) + 1;
  const lags = Math.ceil(maxShift / step);
  if (!(hi > lo) || n < 2 * lags + 5) {
    throw new RangeError(
      `alignEnergy: the compared x range [${lo}, ${hi}] holds ${Math.max(n, 0)} grid points at step ${step}, expected at least 2·⌈maxShift/step⌉ + 5 = ${2 * lags + 5} (reduce maxShift or widen the range)`,
    );
  }
  const dRef = derivativeOnGrid(xRef, yRef, lo, step, n);
  const dMov = derivativeOnGrid(xMov, yMov, lo, step, n);
  // Normalised correlation per lag: c(k) = Σ dRef[i]·dMov[i+k] / √(Σ dRef[i]² · Σ dMov[i+k]²).
  const c = new Float64Array(2 * lags + 1);
  let best = 0;
  for (let k = -lags; k <= lags; k++) {
    const i0 = Math.max(0, -k);
    const i1 = Math.min(n, n - k);
    let s = 0;
    let ea = 0;
    let eb = 0;
    for (let i = i0; i < i1; i++) {
      const a = dRef[i];
      const b = dMov[i + k];
      s += a * b;
      ea += a * a;
      eb += b * b;
    }
    const v = ea > 0 && eb > 0 ? s / Math.sqrt(ea * eb) : 0;
    c[k + lags] = v;
    if (v > c[best]) best = k + lags;
  }
  let frac = 0;
  if (best > 0 && best < 2 * lags) {
    const a = c[best - 1];
    const b = c[best];
    const d = c[best + 1];
    const den = a - 2 * b + d;
    if (den < 0) frac = (0.5 * (a - d)) / den;
  }
  return { shift: (best - lags + frac) * step, correlation: c[best] };
}

function checkXY(which: string, x: Float64Array, y: Float64Array): void {
  if (x.length < 3 || y.length !== x.length) {
    throw new RangeError(`alignEnergy: ${which} has ${x.length} x and ${y.length} y values, expected ≥ 3 and equal`);
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new RangeError(`alignEnergy: ${which} point ${i} is not finite, expected finite x and y`);
    if (i > 0 && !(x[i] > x[i - 1])) throw new RangeError(`alignEnergy: ${which} x[${i}] = ${x[i]} ≤ x[${i - 1}], expected increasing x`);
  }
}

function minStep(x: Float64Array): number {
  let m = Infinity;
  for (let i = 1; i < x.length; i++) m = Math.min(m, x[i] - x[i - 1]);
  return m;
}

/** Linear resampling of y(x) at lo + i·step (i < n, inside x), then central differences. */
function derivativeOnGrid(x: Float64Array, y: Float64Array, lo: number, step: number, n: number): Float64Array {
  const grid = new Float64Array(n);
  for (let i = 0; i < n; i++) grid[i] = Math.min(lo + i * step, x[x.length - 1]);
  const g = interpolateLinear(x, y, grid);
  const d = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) d[i] = (g[i + 1] - g[i - 1]) / (2 * step);
  d[0] = (g[1] - g[0]) / step;
  d[n - 1] = (g[n - 1] - g[n - 2]) / step;
  return d;
}
