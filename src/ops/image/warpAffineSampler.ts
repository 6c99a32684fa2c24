import { assertImageData, type ImageData2D } from './assertImageData';

export interface WarpAffineSamplerOptions {
  /**
   * Spline order: 0 nearest, 1 bilinear, 3 cubic B-spline (with the exact prefilter, i.e. an
   * interpolating bicubic spline as `scipy.ndimage.map_coordinates(order=3)`).
   * @default 1
   */
  order?: 0 | 1 | 3;
  /**
   * What is sampled outside the image. 'constant': a point outside [0, h−1] × [0, w−1] gives `fill`
   * (no blending, as scipy's mode 'constant'); inside, order-3 taps beyond the border are mirrored.
   * 'mirror': whole-sample symmetric extension (…c b | a b c … | b a…), as scipy's mode 'mirror'
   * (skimage `warp(mode='reflect')`).
   * @default 'constant'
   */
  boundary?: 'constant' | 'mirror';
  /**
   * Value returned outside the image with boundary 'constant' (NaN allowed, to mark those pixels).
   * @default 0
   */
  fill?: number;
}

/** Returns the interpolated value at a (row, column) position, in pixel units. */
export type Sampler = (y: number, x: number) => number;

/**
 * Interpolator of an image at arbitrary points: nearest, bilinear or cubic B-spline (Unser,
 * "Splines: a perfect fit", IEEE SPM 1999; scipy.ndimage `spline_filter` + `map_coordinates`).
 * For order 3 the B-spline coefficients are computed once (recursive causal/anti-causal filter,
 * pole √3 − 2, mirror boundary, float64); each sample then reads a 4×4 neighbourhood. The returned
 * closure allocates nothing per call, so warps of 2k×2k images stay cheap.
 */
export function warpAffineSampler(data: ImageData2D, width: number, height: number, options: WarpAffineSamplerOptions = {}): Sampler {
  const order = options.order ?? 1;
  const boundary = options.boundary ?? 'constant';
  const fill = options.fill ?? 0;
  assertImageData('warpAffineSampler', data, width, height);
  if (order !== 0 && order !== 1 && order !== 3) throw new RangeError(`warpAffineSampler: order = ${String(order)}, expected 0, 1 or 3`);
  if (boundary !== 'constant' && boundary !== 'mirror') throw new RangeError(`warpAffineSampler: boundary = ${String(boundary)}, expected 'constant' or 'mirror'`);
  if (Math.abs(fill) === Infinity) throw new RangeError(`warpAffineSampler: fill = ${fill}, expected a finite number (or NaN to mark outside pixels)`);
  const tol = 1e-9;
  const wm = width - 1;
  const hm = height - 1;
  const mirror = (i: number, m: number): number => {
    if (m === 0) return 0;
    const p = 2 * m;
    let k = i % p;
    if (k < 0) k += p;
    return k > m ? p - k : k;
  };
  const outside = (y: number, x: number) => boundary === 'constant' && (y < -tol || y > hm + tol || x < -tol || x > wm + tol);
  if (order === 0) {
    return (y, x) => {
      if (outside(y, x)) return fill;
      // scipy rounds half away from zero… for positive coordinates, floor(v + 0.5).
      return data[mirror(Math.floor(y + 0.5), hm) * width + mirror(Math.floor(x + 0.5), wm)];
    };
  }
  if (order === 1) {
    return (y, x) => {
      if (outside(y, x)) return fill;
      const y0 = Math.floor(y);
      const x0 = Math.floor(x);
      const fy = y - y0;
      const fx = x - x0;
      const r0 = mirror(y0, hm) * width;
      const r1 = mirror(y0 + 1, hm) * width;
      const c0 = mirror(x0, wm);
      const c1 = mirror(x0 + 1, wm);
      const top = data[r0 + c0] * (1 - fx) + data[r0 + c1] * fx;
      const bottom = data[r1 + c0] * (1 - fx) + data[r1 + c1] * fx;
      return top * (1 - fy) + bottom * fy;
    };
  }
  const coef = splineCoefficients(data, width, height);
  const wy = new Float64Array(4);
  const wx = new Float64Array(4);
  const cols = new Int32Array(4);
  const weights = (t: number, w: Float64Array) => {
    const t2 = t * t;
    const t3 = t2 * t;
    const u = 1 - t;
    w[0] = (u * u * u) / 6;
    w[1] = (4 - 6 * t2 + 3 * t3) / 6;
    w[2] = (1 + 3 * t + 3 * t2 - 3 * t3) / 6;
    w[3] = t3 / 6;
  };
  return (y, x) => {
    if (outside(y, x)) return fill;
    const y0 = Math.floor(y);
    const x0 = Math.floor(x);
    weights(y - y0, wy);
    weights(x - x0, wx);
    for (let j = 0; j < 4; j++) cols[j] = mirror(x0 - 1 + j, wm);
    let acc = 0;
    for (let i = 0; i < 4; i++) {
      const row = mirror(y0 - 1 + i, hm) * width;
      acc += wy[i] * (wx[0] * coef[row + cols[0]] + wx[1] * coef[row + cols[1]] + wx[2] * coef[row + cols[2]] + wx[3] * coef[row + cols[3]]);
    }
    return acc;
  };
}

const POLE = Math.sqrt(3) - 2;

/** Cubic B-spline coefficients along rows then columns, mirror boundary (scipy `spline_filter`, mode 'mirror'). */
function splineCoefficients(data: ImageData2D, width: number, height: number): Float64Array {
  const c = Float64Array.from(data);
  if (width > 1) for (let y = 0; y < height; y++) filterLine(c, y * width, 1, width);
  if (height > 1) {
    const line = new Float64Array(height);
    for (let x = 0; x < width; x++) {
      for (let y = 0; y < height; y++) line[y] = c[y * width + x];
      filterLine(line, 0, 1, height);
      for (let y = 0; y < height; y++) c[y * width + x] = line[y];
    }
  }
  return c;
}

function filterLine(c: Float64Array, o: number, s: number, n: number): void {
  const z = POLE;
  const gain = (1 - z) * (1 - 1 / z);
  for (let i = 0; i < n; i++) c[o + i * s] *= gain;
  // Causal initialisation for a mirror-symmetric signal (exact sum over one period).
  const zn1 = Math.pow(z, n - 1);
  let zi = z;
  let c0 = c[o] + zn1 * c[o + (n - 1) * s];
  for (let i = 1; i < n - 1; i++) {
    c0 += zi * (c[o + i * s] + zn1 * c[o + (n - 1 - i) * s]);
    zi *= z;
  }
  c[o] = c0 / (1 - zn1 * zn1);
  for (let i = 1; i < n; i++) c[o + i * s] += z * c[o + (i - 1) * s];
  c[o + (n - 1) * s] = (z / (z * z - 1)) * (z * c[o + (n - 2) * s] + c[o + (n - 1) * s]);
  for (let i = n - 2; i >= 0; i--) c[o + i * s] = z * (c[o + (i + 1) * s] - c[o + i * s]);
}
