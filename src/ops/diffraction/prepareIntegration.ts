/**
 * Everything about an azimuthal integration that depends on the geometry only, computed once and
 * reused for every frame of a series: each pixel's radial position (2θ or q) and bin, the bins,
 * and each pixel's normalisation = solid angle × polarization, as pyFAI's `integrate1d`
 * (`integrate1d_ng`, pyFAI 0.21) prepares them.
 *
 * - Solid angle: cos³(incidence), 1 at the PONI (pyFAI `solidAngleArray`).
 * - Polarization with factor f ∈ [−1, 1]: P = ½·(1 + cos²2θ − f·cos(2χ)·(1 − cos²2θ)) (pyFAI
 *   `Geometry.polarization`; f = 0 unpolarized, f → 1 horizontal linear polarization of a synchrotron).
 * - `split: 'none'`: each pixel goes whole into the bin of its centre; bins span
 *   [min, max·(1 + ε₃₂)] of the centres, as numpy.histogram in pyFAI's ("no", "histogram") engine.
 * - `split: 'bbox'` (pyFAI's default): a pixel covers [c − d, c + d], d the largest distance from its
 *   centre to its four corners in the radial unit, and is shared among the bins it overlaps in
 *   proportion (pyFAI `splitBBox.histoBBox1d`); the bins span the covered range, clipped at 0.
 */
import { pixelAngles } from './pixelAngles';
import type { DetectorGeometry, RadialUnit } from './types';

export interface PrepareIntegrationOptions {
  /** Number of radial bins. @default 1000 */
  npt?: number;
  /** Radial unit of the bins. @default '2th_deg' */
  unit?: RadialUnit;
  /** Pixel splitting. @default 'bbox' */
  split?: 'none' | 'bbox';
  /** Divide by the solid angle (relative to the PONI). @default true */
  correctSolidAngle?: boolean;
  /** Polarization factor f (−1..1), or null for no polarization correction. @default null */
  polarizationFactor?: number | null;
  /** Radial range [min, max] in `unit`; null: all the detector covers. @default null */
  radialRange?: [number, number] | null;
  /** Data row 0 is the detector's last row (Dioptas' upside-down images). @default false */
  flipRows?: boolean;
  /** Static mask, one byte per pixel, non-zero = excluded (detector gaps, beam stop). @default none */
  mask?: Uint8Array;
}

export interface IntegrationPlan {
  width: number;
  height: number;
  npt: number;
  unit: RadialUnit;
  split: 'none' | 'bbox';
  /** Bin centres in `unit`. */
  radial: Float64Array;
  /** 'none': bin of each pixel (−1 outside the range); 'bbox': unused (empty). */
  bin: Int32Array;
  /** 'bbox': fractional bin positions of each pixel's lower and upper bound (NaN outside the range). */
  lo: Float64Array;
  hi: Float64Array;
  /** Solid angle × polarization of each pixel (1 without corrections). */
  norm: Float32Array;
  mask: Uint8Array | null;
}

const EPS32 = 1 + 2 ** -23;

export function prepareIntegration(g: DetectorGeometry, height: number, width: number, options: PrepareIntegrationOptions = {}): IntegrationPlan {
  const npt = options.npt ?? 1000;
  const unit = options.unit ?? '2th_deg';
  const split = options.split ?? 'bbox';
  const pf = options.polarizationFactor ?? null;
  const range = options.radialRange ?? null;
  const n = width * height;
  if (!Number.isInteger(npt) || npt < 1) throw new RangeError(`prepareIntegration: npt = ${npt}, expected a positive integer`);
  if (pf !== null && !(pf >= -1 && pf <= 1)) throw new RangeError(`prepareIntegration: polarizationFactor = ${pf}, expected a number from -1 to 1 or null`);
  if (range && !(Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[1] > range[0]))
    throw new RangeError(`prepareIntegration: radialRange = [${range.join(', ')}], expected [min, max] with min < max`);
  if (options.mask && options.mask.length !== n)
    throw new RangeError(`prepareIntegration: mask has ${options.mask.length} values, expected width·height = ${n}`);
  if (unit === 'q_A^-1' && !(g.wavelength !== null && g.wavelength > 0))
    throw new RangeError(`prepareIntegration: unit q_A^-1 needs the wavelength, but geometry.wavelength = ${g.wavelength}`);
  const toUnit =
    unit === '2th_deg'
      ? (tth: number) => (tth * 180) / Math.PI
      : ((k: number) => (tth: number) => k * Math.sin(tth / 2))((4 * Math.PI) / (g.wavelength! * 1e10));

  const flipRows = options.flipRows ?? false;
  const norm = new Float32Array(n);
  const doSA = options.correctSolidAngle ?? true;
  // Position of each pixel centre in `unit`; χ and cos(incidence) are only needed for `norm`.
  const pos = ((c) => {
    for (let i = 0; i < n; i++) {
      let v = 1;
      if (doSA) v = c.cosIncidence[i] ** 3;
      if (pf !== null) {
        const cos2 = Math.cos(c.twoTheta[i]) ** 2;
        v *= 0.5 * (1 + cos2 - pf * Math.cos(2 * c.chi[i]) * (1 - cos2));
      }
      norm[i] = v;
    }
    for (let i = 0; i < n; i++) c.twoTheta[i] = toUnit(c.twoTheta[i]);
    return c.twoTheta;
  })(pixelAngles(g, height, width, { flipRows }));
  const mask = options.mask ?? null;
  const plan: IntegrationPlan = {
    width, height, npt, unit, split, radial: new Float64Array(npt), bin: new Int32Array(0),
    lo: new Float64Array(0), hi: new Float64Array(0), norm, mask,
  };

  if (split === 'none') {
    let a: number;
    let b: number;
    if (range) [a, b] = range;
    else {
      a = Infinity;
      b = -Infinity;
      for (let i = 0; i < n; i++) {
        if (pos[i] < a) a = pos[i];
        if (pos[i] > b) b = pos[i];
      }
      b = b > 0 ? b * EPS32 : b / EPS32;
    }
    // numpy.histogram's equal-width bins, edges as numpy.linspace.
    const step = (b - a) / npt;
    const edges = new Float64Array(npt + 1);
    for (let k = 0; k < npt; k++) edges[k] = a + k * step;
    edges[npt] = b;
    for (let k = 0; k < npt; k++) plan.radial[k] = (edges[k] + edges[k + 1]) / 2;
    const bin = new Int32Array(n);
    const scale = npt / (b - a);
    for (let i = 0; i < n; i++) {
      const x = pos[i];
      if (!(x >= a && x <= b)) {
        bin[i] = -1;
        continue;
      }
      let k = Math.floor((x - a) * scale);
      if (k >= npt) k = npt - 1;
      if (x < edges[k]) k--;
      else if (k < npt - 1 && x >= edges[k + 1]) k++;
      bin[i] = k;
    }
    plan.bin = bin;
    return plan;
  }

  // bbox: each pixel spans centre ± the largest distance to its four corners (lo, hi in `unit`,
  // turned into fractional bin positions in place below).
  const corners = pixelAngles(g, height, width, { at: 'corners', flipRows, twoThetaOnly: true }).twoTheta;
  for (let i = 0; i < corners.length; i++) corners[i] = toUnit(corners[i]);
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const cw = width + 1;
  for (let r = 0; r < height; r++)
    for (let col = 0; col < width; col++) {
      const i = r * width + col;
      const k = r * cw + col;
      const p = pos[i];
      const d = Math.max(Math.abs(corners[k] - p), Math.abs(corners[k + 1] - p), Math.abs(corners[k + cw] - p), Math.abs(corners[k + cw + 1] - p));
      lo[i] = p - d;
      hi[i] = p + d;
    }
  let min0: number;
  let maxIn: number;
  if (range) [min0, maxIn] = range;
  else {
    min0 = Infinity;
    maxIn = -Infinity;
    for (let i = 0; i < n; i++) {
      if (mask && mask[i]) continue;
      if (lo[i] < min0) min0 = lo[i];
      if (hi[i] > maxIn) maxIn = hi[i];
    }
  }
  min0 = Math.max(0, min0);
  maxIn = Math.max(0, maxIn);
  const max0 = maxIn > 0 ? maxIn * EPS32 : maxIn / EPS32;
  const delta = (max0 - min0) / npt;
  for (let k = 0; k < npt; k++) plan.radial[k] = npt === 1 ? (min0 + max0) / 2 : min0 + 0.5 * delta + (k * (max0 - min0 - delta)) / (npt - 1);
  for (let i = 0; i < n; i++) {
    let a = lo[i];
    const b = hi[i];
    if (b < min0 || a > maxIn) {
      lo[i] = hi[i] = NaN;
      continue;
    }
    if (a < 0) a = 0;
    lo[i] = (a - min0) / delta;
    hi[i] = (b - min0) / delta;
  }
  plan.lo = lo;
  plan.hi = hi;
  return plan;
}
