import { backgroundCheckInput } from './backgroundCheckInput';
import { polyfit } from './polyfit';

export interface BackgroundPolyRangesOptions {
  /** Polynomial degree (0…12). */
  degree: number;
  /** Background-only x intervals `[lo, hi]` (inclusive), e.g. stretches between diffraction peaks. */
  ranges: readonly (readonly [number, number])[];
}

/**
 * Polynomial background fitted by least squares to the points whose x lies in user-chosen
 * peak-free ranges, evaluated over the whole x axis, as
 * `numpy.polynomial.Polynomial.fit(x[mask], y[mask], degree)(x)`.
 */
export function backgroundPolyRanges(x: ArrayLike<number>, y: ArrayLike<number>, options: BackgroundPolyRangesOptions): Float64Array {
  const { degree, ranges } = options;
  backgroundCheckInput('backgroundPolyRanges', y, x);
  if (!Number.isInteger(degree) || degree < 0 || degree > 12) throw new RangeError(`backgroundPolyRanges: degree = ${degree}, expected an integer 0..12`);
  if (ranges.length === 0) throw new RangeError('backgroundPolyRanges: ranges is empty, expected at least one [lo, hi] interval');
  for (const [lo, hi] of ranges) {
    if (!(lo <= hi)) throw new RangeError(`backgroundPolyRanges: range [${lo}, ${hi}], expected lo ≤ hi`);
  }
  const n = y.length;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    if (ranges.some(([lo, hi]) => x[i] >= lo && x[i] <= hi)) {
      xs.push(x[i]);
      ys.push(y[i]);
    }
  }
  if (xs.length < degree + 1) {
    throw new RangeError(`backgroundPolyRanges: ${xs.length} points inside the ranges, expected at least degree + 1 = ${degree + 1}`);
  }
  const c = polyfit(xs, ys, degree);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = degree; k >= 0; k--) s = s * x[i] + c[k];
    out[i] = s;
  }
  return out;
}
