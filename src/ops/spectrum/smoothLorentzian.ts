/**
 * Smoothing by convolution with a Lorentzian, exactly as Larch's `larch.math.smooth` (default
 * form): y(x) is interpolated onto a uniform grid of step `xstep` padded by 5 steps (np.interp,
 * i.e. clamped beyond the ends), reflected at both ends, convolved with a normalised Lorentzian of
 * half-width `sigma` spanning twice the grid, and interpolated back onto x. `find_e0` uses it on dμ/dE.
 *
 * Only the grid values that bracket the requested x are convolved (O(n·grid) instead of O(grid²)).
 */
export interface SmoothLorentzianOptions {
  /** Half-width at half maximum of the Lorentzian, in x units. */
  sigma: number;
  /** Step of the uniform grid. @default smallest step of x */
  xstep?: number;
  /** Padding of the grid, in steps, on each side. @default 5 */
  npad?: number;
}

export function smoothLorentzian(x: Float64Array, y: Float64Array, options: SmoothLorentzianOptions): Float64Array {
  const n = x.length;
  if (n < 2 || y.length !== n) throw new RangeError(`smoothLorentzian: x has ${n} points, y ${y.length}: expected ≥ 2 and equal`);
  let xstep = options.xstep;
  if (xstep === undefined) {
    xstep = Infinity;
    for (let i = 1; i < n; i++) xstep = Math.min(xstep, x[i] - x[i - 1]);
  }
  if (!(xstep > 1e-12)) throw new RangeError(`smoothLorentzian: xstep = ${xstep}: expected > 1e-12 (x strictly increasing)`);
  if (!(options.sigma > 0)) throw new RangeError(`smoothLorentzian: sigma = ${options.sigma}: expected > 0`);
  const npad = options.npad ?? 5;
  let xminData = Infinity;
  let xmaxData = -Infinity;
  for (let i = 0; i < n; i++) {
    xminData = Math.min(xminData, x[i]);
    xmaxData = Math.max(xmaxData, x[i]);
  }
  const xmin = xstep * Math.trunc((xminData - npad * xstep) / xstep);
  const xmax = xstep * Math.trunc((xmaxData + npad * xstep) / xstep);
  const npts1 = 1 + Math.trunc(Math.abs(xmax - xmin + xstep * 0.1) / xstep);
  const npts = Math.min(npts1, 50 * n);
  const step = (xmax - xmin) / (npts - 1);
  const x0 = new Float64Array(npts);
  for (let i = 0; i < npts; i++) x0[i] = i * step + xmin;
  x0[npts - 1] = xmax;
  const y0 = interpClamped(x0, x, y);

  // Lorentzian window over offsets −npts … npts−1 (grid units), normalised to unit sum.
  const sig = options.sigma / xstep;
  const win = new Float64Array(2 * npts);
  let wsum = 0;
  for (let j = 0; j < 2 * npts; j++) {
    const u = (j - npts) / sig;
    win[j] = 1 / (1 + u * u) / (Math.PI * sig);
    wsum += win[j];
  }
  for (let j = 0; j < 2 * npts; j++) win[j] /= wsum;
  // Reflected signal as numpy builds it: y0[npts-1..1], y0, y0 reversed.
  const reflected = (p: number): number => (p < 0 ? y0[-p] : p < npts ? y0[p] : y0[2 * npts - 1 - p]);
  const cache = new Map<number, number>();
  const y2 = (k: number): number => {
    const hit = cache.get(k);
    if (hit !== undefined) return hit;
    let s = 0;
    for (let d = -npts; d < npts; d++) s += win[d + npts] * reflected(k - d);
    cache.set(k, s);
    return s;
  };

  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    if (xi <= x0[0]) out[i] = y2(0);
    else if (xi >= x0[npts - 1]) out[i] = y2(npts - 1);
    else {
      let j = Math.min(npts - 2, Math.max(0, Math.floor((xi - xmin) / step)));
      while (j > 0 && x0[j] > xi) j--;
      while (j < npts - 2 && x0[j + 1] <= xi) j++;
      const a = y2(j);
      if (xi === x0[j]) out[i] = a;
      else {
        const b = y2(j + 1);
        out[i] = ((b - a) / (x0[j + 1] - x0[j])) * (xi - x0[j]) + a;
      }
    }
  }
  return out;
}

/** numpy.interp: linear, clamped to the end values outside [xp0, xpN]; xp ascending. */
function interpClamped(xs: Float64Array, xp: Float64Array, fp: Float64Array): Float64Array {
  const out = new Float64Array(xs.length);
  const m = xp.length;
  let j = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (v <= xp[0]) out[i] = fp[0];
    else if (v >= xp[m - 1]) out[i] = fp[m - 1];
    else {
      while (j > 0 && xp[j] > v) j--;
      while (j < m - 2 && xp[j + 1] <= v) j++;
      out[i] = v === xp[j] ? fp[j] : ((fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])) * (v - xp[j]) + fp[j];
    }
  }
  return out;
}
