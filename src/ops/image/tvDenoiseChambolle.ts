import { assertImageData, assertOut, type ImageData2D } from './assertImageData';

export interface TvDenoiseChambolleOptions {
  /**
   * Denoising weight λ (in pixel-value units): larger removes more noise and more detail.
   * @default 0.1
   */
  weight?: number;
  /**
   * Stop when the relative decrease of the energy, |E(n−1) − E(n)|, falls below eps·E(0).
   * @default 2e-4
   */
  eps?: number;
  /**
   * Maximum number of iterations.
   * @default 200
   */
  maxIter?: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Total-variation (Rudin–Osher–Fatemi) denoising by Chambolle's projection algorithm
 * (A. Chambolle, J. Math. Imaging Vis. 20, 89–97, 2004), as
 * `skimage.restoration.denoise_tv_chambolle(image, weight, eps, max_num_iter)` (0.19,
 * `_denoise_tv_chambolle_nd` in 2-D): dual field p updated with step τ = 1/4, forward differences
 * (zero beyond the last row/column), energy-based stopping. Computed in float64.
 */
export function tvDenoiseChambolle(
  data: ImageData2D,
  width: number,
  height: number,
  options: TvDenoiseChambolleOptions = {},
): Float32Array {
  assertImageData('tvDenoiseChambolle', data, width, height);
  const weight = options.weight ?? 0.1;
  const eps = options.eps ?? 2e-4;
  const maxIter = options.maxIter ?? 200;
  if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`tvDenoiseChambolle: weight = ${weight}, expected a finite number > 0`);
  if (!(eps >= 0) || !Number.isFinite(eps)) throw new RangeError(`tvDenoiseChambolle: eps = ${eps}, expected a finite number ≥ 0`);
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new RangeError(`tvDenoiseChambolle: maxIter = ${maxIter}, expected an integer ≥ 1`);
  const n = width * height;
  assertOut('tvDenoiseChambolle', options.out, n);
  const out = options.out ?? new Float32Array(n);

  const W = width;
  const H = height;
  const p0 = new Float64Array(n); // along rows (axis 0, y)
  const p1 = new Float64Array(n); // along columns (axis 1, x)
  const u = new Float64Array(n);
  const tau = 1 / 4;
  let eInit = 0;
  let ePrev = 0;
  for (let it = 0; it < maxIter; it++) {
    let e = 0;
    if (it > 0) {
      // d = −div p: d = −(p0 + p1) + p0 shifted down one row + p1 shifted right one column.
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const i = y * W + x;
          let d = -(p0[i] + p1[i]);
          if (y > 0) d += p0[i - W];
          if (x > 0) d += p1[i - 1];
          u[i] = data[i] + d;
          e += d * d;
        }
      }
    } else {
      for (let i = 0; i < n; i++) u[i] = data[i];
    }
    let normSum = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = y * W + x;
        const g0 = y < H - 1 ? u[i + W] - u[i] : 0;
        const g1 = x < W - 1 ? u[i + 1] - u[i] : 0;
        const norm = Math.sqrt(g0 * g0 + g1 * g1);
        normSum += norm;
        const den = 1 + (tau / weight) * norm;
        p0[i] = (p0[i] - tau * g0) / den;
        p1[i] = (p1[i] - tau * g1) / den;
      }
    }
    e = (e + weight * normSum) / n;
    if (it === 0) {
      eInit = e;
      ePrev = e;
    } else if (Math.abs(ePrev - e) < eps * eInit) {
      break;
    } else {
      ePrev = e;
    }
  }
  for (let i = 0; i < n; i++) out[i] = u[i];
  return out;
}
