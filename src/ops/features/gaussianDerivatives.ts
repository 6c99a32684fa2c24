import { assertImageData, type ImageData2D } from '../image/assertImageData';

export interface GaussianDerivativesOptions {
  /** Standard deviation in pixels (> 0), same along both axes. */
  sigma: number;
  /** Derivative orders [orderX, orderY] to compute, each 0, 1 or 2: one output per entry. */
  orders: readonly (readonly [number, number])[];
  /**
   * Kernel half-width in standard deviations: radius = floor(truncate·sigma + 0.5).
   * @default 4
   */
  truncate?: number;
  /** Output buffers (width·height each), one per entry of `orders`; allocated when absent. */
  out?: Float32Array[];
}

/**
 * Sampled 1-D Gaussian-derivative kernel of scipy's `_gaussian_kernel1d`, x = 0 … r (the kernel is
 * even for orders 0 and 2, odd for order 1): the normalised Gaussian φ(x) times the polynomial of
 * the derivative (order 1: −x/σ², order 2: x²/σ⁴ − 1/σ²).
 */
function halfKernel(sigma: number, order: number, r: number): Float64Array {
  const s2 = sigma * sigma;
  let sum = 0;
  for (let x = -r; x <= r; x++) sum += Math.exp((-0.5 * x * x) / s2);
  const k = new Float64Array(r + 1);
  for (let x = 0; x <= r; x++) {
    const phi = Math.exp((-0.5 * x * x) / s2) / sum;
    k[x] = order === 0 ? phi : order === 1 ? (-x / s2) * phi : ((x * x) / (s2 * s2) - 1 / s2) * phi;
  }
  return k;
}

/**
 * The pass along y for a whole image, output row by output row (cache-friendly): row y is
 * Σₓ k(x)·t[y − x], folded as in `pass`, rows clamped ('nearest').
 */
function columnPass(t: Float64Array, width: number, height: number, k: Float64Array, odd: boolean, out: Float32Array): void {
  const r = k.length - 1;
  const acc = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    const c = y * width;
    if (odd) acc.fill(0);
    else for (let i = 0; i < width; i++) acc[i] = k[0] * t[c + i];
    for (let x = 1; x <= r; x++) {
      const above = (y - x < 0 ? 0 : y - x) * width;
      const below = (y + x >= height ? height - 1 : y + x) * width;
      const w = k[x];
      if (odd) for (let i = 0; i < width; i++) acc[i] += w * (t[above + i] - t[below + i]);
      else for (let i = 0; i < width; i++) acc[i] += w * (t[above + i] + t[below + i]);
    }
    out.set(acc, c);
  }
}

/**
 * One 1-D pass of out[i] = Σₓ k(x)·in[i − x] along a line of `len` values spaced `stride` apart,
 * 'nearest' edges. Even kernels fold as k(x)(in[i−x] + in[i+x]), odd ones as k(x)(in[i−x] − in[i+x]).
 */
function pass(src: ArrayLike<number>, s0: number, stride: number, len: number, k: Float64Array, odd: boolean, dst: Float64Array, d0: number): void {
  const r = k.length - 1;
  const sign = odd ? -1 : 1;
  for (let i = 0; i < len; i++) {
    let acc = odd ? 0 : k[0] * src[s0 + i * stride];
    if (i >= r && i + r < len) {
      for (let x = 1; x <= r; x++) acc += k[x] * (src[s0 + (i - x) * stride] + sign * src[s0 + (i + x) * stride]);
    } else {
      for (let x = 1; x <= r; x++) {
        const a = i - x < 0 ? 0 : i - x;
        const b = i + x >= len ? len - 1 : i + x;
        acc += k[x] * (src[s0 + a * stride] + sign * src[s0 + b * stride]);
      }
    }
    dst[d0 + i * stride] = acc;
  }
}

/**
 * Several Gaussian derivatives of one image at one scale, each as
 * `scipy.ndimage.gaussian_filter(image, sigma, order=(orderY, orderX), mode='nearest', truncate)`:
 * separable convolutions with sampled derivative-of-Gaussian kernels (order 1 is +∂/∂x), edge
 * pixels repeated. The pass along x of each order is computed once and shared by all requested
 * derivatives; symmetric kernels are folded. Sums in float64, float32 results.
 */
export function gaussianDerivatives(
  data: ImageData2D,
  width: number,
  height: number,
  options: GaussianDerivativesOptions,
): Float32Array[] {
  const op = 'gaussianDerivatives';
  const { sigma, orders } = options;
  const truncate = options.truncate ?? 4;
  assertImageData(op, data, width, height);
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`${op}: sigma = ${sigma}, expected a finite number > 0 (pixels)`);
  if (!(truncate > 0) || !Number.isFinite(truncate)) throw new RangeError(`${op}: truncate = ${truncate}, expected a finite number > 0`);
  orders.forEach(([ox, oy], i) => {
    for (const [name, o] of [['orderX', ox], ['orderY', oy]] as const) {
      if (o !== 0 && o !== 1 && o !== 2) throw new RangeError(`${op}: orders[${i}] ${name} = ${o}, expected 0, 1 or 2`);
    }
  });
  const n = width * height;
  if (options.out && options.out.length !== orders.length) throw new RangeError(`${op}: out has ${options.out.length} buffers, expected one per order (${orders.length})`);
  options.out?.forEach((o, i) => {
    if (o.length !== n) throw new RangeError(`${op}: out[${i}] has ${o.length} values, expected ${n}`);
  });
  const r = Math.floor(truncate * sigma + 0.5);
  const kernels = [0, 1, 2].map((o) => halfKernel(sigma, o, r));
  // Passes along x (rows), one per order needed, shared.
  const rows = new Map<number, Float64Array>();
  for (const [ox] of orders) {
    if (rows.has(ox)) continue;
    const t = new Float64Array(n);
    for (let y = 0; y < height; y++) pass(data, y * width, 1, width, kernels[ox], ox === 1, t, y * width);
    rows.set(ox, t);
  }
  return orders.map(([ox, oy], i) => {
    const out = options.out?.[i] ?? new Float32Array(n);
    columnPass(rows.get(ox)!, width, height, kernels[oy], oy === 1, out);
    return out;
  });
}
