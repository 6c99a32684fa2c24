/**
 * XANES pre-edge subtraction and normalisation, following Larch's `pre_edge` (xraylarch
 * `larch/xafs/pre_edge.py`, functions `preedge` and `pre_edge`; the code, where docstrings differ):
 *
 * - E0 from `findE0` unless given (and inside [E₁, E₋₂]); snapped to the nearest energy point.
 * - Pre-edge line fitted to μ·E^nvict on [e0+pre1, e0+pre2]; defaults pre1 = 5·round((E₁−e0)/5)
 *   (2·round(…/2) when E0 is within the first 20 points), pre2 = pre1/2 (Python round: half to even).
 * - Post-edge polynomial of degree nnorm fitted to μ − pre on [e0+norm1, e0+norm2]; defaults
 *   norm2 = 5·round((Emax−e0)/5) capped at Emax−e0, norm1 = min(25, 5·round(norm2/15)),
 *   nnorm = 2, or 1 when norm2−norm1 < 300, or 0 when < 30.
 * - edge step = post(e0) − pre(e0) (absolute value, ≥ 1e-12) unless given;
 *   norm = (μ − pre)/step; flat = norm − (post − pre)/step + that term at e0, for E ≥ e0.
 *
 * Reference: M. Newville, Larch, J. Phys.: Conf. Ser. 430 (2013) 012007.
 */
import { findE0 } from './findE0';
import { polyfit } from './polyfit';

export interface PreEdgeOptions {
  /** Edge energy (eV); null = found by the derivative rule. @default null */
  e0?: number | null;
  /** Edge step; null = post(e0) − pre(e0). @default null */
  step?: number | null;
  /** Start of the pre-edge range, relative to e0 (eV). @default null (auto) */
  pre1?: number | null;
  /** End of the pre-edge range, relative to e0 (eV). @default null (pre1/2) */
  pre2?: number | null;
  /** Start of the post-edge range, relative to e0 (eV). @default null (auto) */
  norm1?: number | null;
  /** End of the post-edge range, relative to e0 (eV). @default null (auto) */
  norm2?: number | null;
  /** Degree of the post-edge polynomial, 0–5. @default null (auto) */
  nnorm?: number | null;
  /** Energy exponent of the pre-edge fit (μ·E^nvict). @default 0 */
  nvict?: number;
}

export interface PreEdgeResult {
  e0: number;
  /** Index of e0 in the energy array. */
  ie0: number;
  edgeStep: number;
  pre1: number;
  pre2: number;
  norm1: number;
  norm2: number;
  nnorm: number;
  nvict: number;
  preEdge: Float64Array;
  postEdge: Float64Array;
  norm: Float64Array;
  flat: Float64Array;
  /** Pre-edge line coefficients [offset, slope] of μ·E^nvict. */
  preCoefs: Float64Array;
  /** Post-edge polynomial coefficients, increasing powers of E. */
  normCoefs: Float64Array;
}

const MAX_NNORM = 5;

export function preEdge(energyIn: Float64Array, mu: Float64Array, options: PreEdgeOptions = {}): PreEdgeResult {
  let energy = energyIn;
  const n = energy.length;
  if (mu.length !== n) throw new RangeError(`preEdge: energy has ${n} points, mu ${mu.length}: expected equal lengths`);
  if (n < 10) throw new RangeError(`preEdge: energy has ${n} points: expected at least 10`);
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(energy[i]) || !Number.isFinite(mu[i]))
      throw new RangeError(`preEdge: point ${i} (E = ${energy[i]}, mu = ${mu[i]}): expected finite values`);
  energy = removeDuplicateEnergies(energy);
  for (let i = 1; i < n; i++)
    if (!(energy[i] > energy[i - 1]))
      throw new RangeError(`preEdge: energy[${i}] = ${energy[i]} < energy[${i - 1}] = ${energy[i - 1]}: expected increasing energies`);
  const nvict = options.nvict ?? 0;
  if (!Number.isFinite(nvict)) throw new RangeError(`preEdge: nvict = ${nvict}: expected a finite number`);
  const emin = energy[0];
  const emax = energy[n - 1];

  let e0 = options.e0 ?? null;
  if (e0 === null || e0 < energy[1] || e0 > energy[n - 2]) e0 = findE0(energy, mu).e0;
  const ie0 = indexNearest(energy, e0);
  e0 = energy[ie0];

  let pre1 = options.pre1 ?? null;
  let pre2 = options.pre2 ?? null;
  if (pre1 === null) pre1 = ie0 > 20 ? 5 * roundHalfEven((energy[1] - e0) / 5) : 2 * roundHalfEven((energy[1] - e0) / 2);
  pre1 = Math.max(pre1, emin - e0);
  if (pre2 === null) pre2 = 0.5 * pre1;
  if (pre1 > pre2) [pre1, pre2] = [pre2, pre1];
  const rel = energy.map((e) => e - e0);
  const ipre1 = indexOf(rel, pre1);
  const ipre2 = indexOf(rel, pre2);
  if (ipre2 < ipre1 + 2 + nvict) pre2 = rel[Math.min(n - 1, Math.trunc(ipre1 + 2 + nvict))];

  let norm2 = options.norm2 ?? null;
  let norm1 = options.norm1 ?? null;
  if (norm2 === null) norm2 = 5 * roundHalfEven((emax - e0) / 5);
  if (norm2 < 0) norm2 = emax - e0 - norm2;
  norm2 = Math.min(norm2, emax - e0);
  if (norm1 === null) norm1 = Math.min(25, 5 * roundHalfEven(norm2 / 15));
  if (norm1 > norm2) [norm1, norm2] = [norm2, norm1];
  norm1 = Math.min(norm1, norm2 - 10);
  let nnorm = options.nnorm ?? null;
  if (nnorm === null) nnorm = norm2 - norm1 < 30 ? 0 : norm2 - norm1 < 300 ? 1 : 2;
  nnorm = Math.max(Math.min(Math.trunc(nnorm), MAX_NNORM), 0);

  // Pre-edge line.
  let p1 = indexOf(energy, pre1 + e0);
  let p2 = indexNearest(energy, pre2 + e0);
  if (p2 - p1 < 2) p2 = Math.min(n, p1 + 2);
  const omu = new Float64Array(n);
  for (let i = 0; i < n; i++) omu[i] = mu[i] * energy[i] ** nvict;
  const preCoefs = polyfit(energy, omu, 1, { start: p1, end: p2 });
  const pre = new Float64Array(n);
  for (let i = 0; i < n; i++) pre[i] = (preCoefs[0] + energy[i] * preCoefs[1]) * energy[i] ** -nvict;

  // Post-edge polynomial.
  p1 = indexOf(energy, norm1 + e0);
  p2 = indexNearest(energy, norm2 + e0);
  if (p2 - p1 < 2) p2 = Math.min(n, p1 + 2);
  if (p2 - p1 < 2) p1 = p1 - 2;
  if (p2 - p1 < nnorm + 1)
    throw new RangeError(
      `preEdge: post-edge range [e0${fmt(norm1)}, e0${fmt(norm2)}] eV holds ${p2 - p1} points: expected at least ${nnorm + 1} for nnorm = ${nnorm}`,
    );
  const presub = new Float64Array(n);
  for (let i = 0; i < n; i++) presub[i] = mu[i] - pre[i];
  const normCoefs = polyfit(energy, presub, nnorm, { start: p1, end: p2 });
  const post = Float64Array.from(pre);
  for (let k = 0; k < normCoefs.length; k++) for (let i = 0; i < n; i++) post[i] += normCoefs[k] * energy[i] ** k;

  let edgeStep = options.step ?? post[ie0] - pre[ie0];
  edgeStep = Math.max(1e-12, Math.abs(edgeStep));
  const norm = new Float64Array(n);
  const flat = new Float64Array(n);
  const residAtE0 = (post[ie0] - pre[ie0]) / edgeStep;
  for (let i = 0; i < n; i++) {
    norm[i] = (mu[i] - pre[i]) / edgeStep;
    flat[i] = i < ie0 ? norm[i] : norm[i] - (post[i] - pre[i]) / edgeStep + residAtE0;
  }
  return { e0, ie0, edgeStep, pre1, pre2, norm1, norm2, nnorm, nvict, preEdge: pre, postEdge: post, norm, flat, preCoefs, normCoefs };
}

const fmt = (v: number) => (v >= 0 ? `+${v}` : `${v}`);

/**
 * Larch `remove_dups(energy, tiny=0.0005)`: a repeated energy (step below `tiny`) is raised by
 * `tiny` above the previous point's own shift, so repeated points stay usable; no-op otherwise.
 */
function removeDuplicateEnergies(energy: Float64Array, tiny = 0.0005): Float64Array {
  let minStep = Infinity;
  for (let i = 1; i < energy.length; i++) minStep = Math.min(minStep, energy[i] - energy[i - 1]);
  if (minStep > 10 * tiny) return energy;
  const add = new Float64Array(energy.length);
  for (let i = 1; i < energy.length; i++) if (Math.abs(energy[i] - energy[i - 1]) < tiny) add[i] = add[i - 1] + tiny;
  return energy.map((e, i) => e + add[i]);
}

/** Larch `index_of`: last index with array[i] ≤ value, 0 when value is below all. */
function indexOf(arr: Float64Array, value: number): number {
  let idx = 0;
  let found = false;
  for (let i = 0; i < arr.length; i++) {
    if (arr[i] <= value) {
      idx = i;
      found = true;
    }
  }
  return found ? idx : 0;
}

/** Larch `index_nearest`: first index of the smallest |array − value|. */
function indexNearest(arr: Float64Array, value: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < arr.length; i++) {
    const d = Math.abs(arr[i] - value);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Python 3 `round(v)`: to the nearest integer, ties to even. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
