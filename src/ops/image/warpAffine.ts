import { assertOut, type ImageData2D } from './assertImageData';
import { warpAffineSampler, type WarpAffineSamplerOptions } from './warpAffineSampler';

export interface WarpAffineOptions extends WarpAffineSamplerOptions {
  /**
   * Inverse map from output to input pixel coordinates, `[a, b, c, d, e, f]`:
   * y_in = a·y + b·x + c, x_in = d·y + e·x + f (rows, columns; as the `matrix` of
   * `scipy.ndimage.affine_transform` with `offset = [c, f]`). A translation by (dy, dx) is
   * `[1, 0, −dy, 0, 1, −dx]`.
   */
  matrix: ArrayLike<number>;
  /** Width of the output (pixels). @default the input width */
  outWidth?: number;
  /** Height of the output (pixels). @default the input height */
  outHeight?: number;
  /** Output buffer (outWidth·outHeight); allocated when absent. */
  out?: Float32Array;
}

/**
 * Affine warp by inverse mapping: out(y, x) = in(A·(y, x) + t), interpolated by `warpAffineSampler`
 * (nearest, bilinear, or cubic B-spline), as `scipy.ndimage.affine_transform(order, mode)` and
 * `skimage.transform.warp(order, mode='constant'|'reflect')` with the same matrix.
 */
export function warpAffine(data: ImageData2D, width: number, height: number, options: WarpAffineOptions): Float32Array {
  const m = options.matrix;
  if (m.length !== 6) throw new RangeError(`warpAffine: matrix has ${m.length} values, expected 6 ([a, b, c, d, e, f])`);
  for (let i = 0; i < 6; i++) if (!Number.isFinite(m[i])) throw new RangeError(`warpAffine: matrix[${i}] = ${m[i]}, expected a finite number`);
  const ow = options.outWidth ?? width;
  const oh = options.outHeight ?? height;
  if (!Number.isInteger(ow) || ow < 1) throw new RangeError(`warpAffine: outWidth = ${ow}, expected a positive integer`);
  if (!Number.isInteger(oh) || oh < 1) throw new RangeError(`warpAffine: outHeight = ${oh}, expected a positive integer`);
  const sample = warpAffineSampler(data, width, height, options);
  assertOut('warpAffine', options.out, ow * oh);
  const out = options.out ?? new Float32Array(ow * oh);
  const [a, b, c, d, e, f] = [m[0], m[1], m[2], m[3], m[4], m[5]];
  for (let y = 0; y < oh; y++) {
    const o = y * ow;
    const yr = a * y + c;
    const xr = d * y + f;
    for (let x = 0; x < ow; x++) out[o + x] = sample(yr + b * x, xr + e * x);
  }
  return out;
}
