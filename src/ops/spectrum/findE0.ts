/**
 * Edge energy E0 of μ(E) by the derivative rule of Larch's `find_e0` (xraylarch
 * `larch/xafs/pre_edge.py`, `find_e0` / `_finde0` / `find_energy_step`):
 *
 * 1. dμ/dE by central differences; ignore the first and last 2 % (≥ 3 points); rescale to 0–1;
 *    keep points above 0.6 (lowered twice by half when fewer than 3 pass); E0 is the largest
 *    derivative whose two neighbours also pass — this skips single-point glitches.
 * 2. Again on ±75 points around it, with dμ/dE smoothed by a Lorentzian of width
 *    ½(clamp(Estep) + clamp(E/25000)) (clamp to 0.01–1 eV), where Estep is a robust small energy step.
 *
 * Larch's quirk of dropping the last point in each pass (its ordering test) is kept, so E0 is the
 * same grid point Larch returns. Energies must be strictly increasing.
 */
import { smoothLorentzian } from './smoothLorentzian';

export interface FindE0Result {
  e0: number;
  /** Index of e0 in the energy array. */
  index: number;
}

export function findE0(energy: Float64Array, mu: Float64Array): FindE0Result {
  const n = energy.length;
  if (mu.length !== n) throw new RangeError(`findE0: energy has ${n} points, mu ${mu.length}: expected equal lengths`);
  if (n < 10) throw new RangeError(`findE0: energy has ${n} points: expected at least 10`);
  for (let i = 1; i < n; i++)
    if (!(energy[i] > energy[i - 1]))
      throw new RangeError(`findE0: energy[${i}] = ${energy[i]} ≤ energy[${i - 1}] = ${energy[i - 1]}: expected strictly increasing energies`);

  const first = pass(energy, mu, null, false);
  let e1 = first.e;
  let istart = Math.max(3, first.index - 75);
  let istop = Math.min(first.index + 75, n - 3);
  if (first.index < 0.05 * n) {
    // An "edge" in the first 5 % is usually a glitch: search the whole range again.
    let s = 0;
    for (let i = 0; i < n; i++) s += energy[i];
    e1 = s / n;
    istart = Math.max(3, first.index - 20);
    istop = n - 3;
  }
  const estep = 0.5 * (clampStep(first.estep) + clampStep(e1 / 25000));
  const second = pass(energy.subarray(istart, istop), mu.subarray(istart, istop), estep, true);
  if (second.index < 1) return { e0: energy[istart + 2], index: istart + 2 };
  return { e0: second.e, index: istart + second.index };
}

/** Python's max(0.01, min(1.0, v)), including its handling of NaN (min(1.0, nan) is 1.0). */
function clampStep(v: number): number {
  const lo = v < 1 ? v : 1;
  return lo > 0.01 ? lo : 0.01;
}

function pass(energyIn: Float64Array, muIn: Float64Array, estepIn: number | null, useSmooth: boolean) {
  // Larch keeps the points where argsort steps by one: for increasing energies, all but the last.
  const m = energyIn.length - 1;
  const en = energyIn.subarray(0, m);
  const mu = muIn.subarray(0, m);
  const estep = estepIn ?? energyStep(en);
  const nmin = Math.max(3, Math.floor(m * 0.02));
  let dmu: Float64Array = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const lo = i === 0 ? 0 : i - 1;
    const hi = i === m - 1 ? m - 1 : i + 1;
    dmu[i] = (mu[hi] - mu[lo]) / (en[hi] - en[lo]);
  }
  if (useSmooth) dmu = smoothLorentzian(en, dmu, { sigma: estep, xstep: estep });
  let dmin = Infinity;
  let dmax = -Infinity;
  for (let i = 0; i < m; i++) if (!Number.isFinite(dmu[i])) dmu[i] = -1;
  for (let i = nmin; i < m - nmin; i++) {
    dmin = Math.min(dmin, dmu[i]);
    dmax = Math.max(dmax, dmu[i]);
  }
  const ptp = Math.max(1e-10, dmax - dmin);
  for (let i = 0; i < m; i++) dmu[i] = (dmu[i] - dmin) / ptp;

  let dhigh = m > 20 ? 0.6 : 0.3;
  let high = above(dmu, dhigh);
  if (high.size < 3) {
    for (let k = 0; k < 2; k++) {
      if (high.size > 3) break;
      dhigh *= 0.5;
      high = above(dmu, dhigh);
    }
  }
  if (high.size < 3) high = new Set(Array.from({ length: m }, (_, i) => i));
  let imax = 0;
  let best = 0;
  for (const i of [...high].sort((a, b) => a - b)) {
    if (i < nmin || i > m - nmin) continue;
    if (dmu[i] > best && high.has(i + 1) && high.has(i - 1)) {
      imax = i;
      best = dmu[i];
    }
  }
  return { e: en[imax], index: imax, estep };
}

function above(v: Float64Array, t: number): Set<number> {
  const s = new Set<number>();
  for (let i = 0; i < v.length; i++) if (v[i] > t) s.add(i);
  return s;
}

/**
 * Larch's `find_energy_step`: ignoring the smallest 1 % of steps, the mean of the next 10. Like Larch
 * it drops the last point and, below 100 points, yields NaN (then clamped to 1 eV by the caller).
 */
function energyStep(en: Float64Array): number {
  const nskip = Math.floor(0.01 * en.length);
  if (nskip === 0) return NaN;
  const ordered = en.subarray(0, en.length - 1);
  const kept = ordered.subarray(nskip, ordered.length - nskip);
  const diffs: number[] = [];
  for (let i = 1; i < kept.length; i++) diffs.push(kept[i] - kept[i - 1]);
  diffs.sort((a, b) => a - b);
  const sel = diffs.slice(nskip, nskip + 10);
  if (sel.length === 0) return NaN;
  return sel.reduce((s, v) => s + v, 0) / sel.length;
}
