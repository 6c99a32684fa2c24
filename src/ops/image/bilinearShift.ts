import { assertImageData, assertOut, type ImageData2D } from './assertImageData';

export interface BilinearShiftOptions {
  /** Shift along rows (pixels, positive moves content down). */
  dy: number;
  /** Shift along columns (pixels, positive moves content right). */
  dx: number;
  /**
   * Value of output pixels whose source lies outside the image.
   * @default 0
   */
  fill?: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Sub-pixel translation by bilinear interpolation: out(y, x) = in(y − dy, x − dx).
 * Border rule (as `scipy.ndimage.shift(order=1, mode='constant', cval=fill)`): a pixel whose
 * source point lies inside [0, h−1] × [0, w−1] is interpolated from its four neighbours; any
 * other pixel gets `fill`. Nothing wraps around.
 */
export function bilinearShift(data: ImageData2D, width: number, height: number, options: BilinearShiftOptions): Float32Array {
  const { dy, dx } = options;
  const fill = options.fill ?? 0;
  assertImageData('bilinearShift', data, width, height);
  if (!Number.isFinite(dy)) throw new RangeError(`bilinearShift: dy = ${dy}, expected a finite number of pixels`);
  if (!Number.isFinite(dx)) throw new RangeError(`bilinearShift: dx = ${dx}, expected a finite number of pixels`);
  const n = width * height;
  assertOut('bilinearShift', options.out, n);
  const out = options.out ?? new Float32Array(n);
  // Tolerance so that integer shifts do not lose the last row/column to rounding.
  const tol = 1e-9;
  // Column weights are the same for every row: precompute them.
  const x0s = new Int32Array(width);
  const wx = new Float64Array(width);
  const xin = new Uint8Array(width);
  for (let x = 0; x < width; x++) {
    const sx = x - dx;
    if (sx < -tol || sx > width - 1 + tol) continue;
    const c = Math.min(Math.max(sx, 0), width - 1);
    const x0 = Math.min(Math.floor(c), Math.max(width - 2, 0));
    x0s[x] = x0;
    wx[x] = c - x0;
    xin[x] = 1;
  }
  for (let y = 0; y < height; y++) {
    const o = y * width;
    const sy = y - dy;
    if (sy < -tol || sy > height - 1 + tol) {
      out.fill(fill, o, o + width);
      continue;
    }
    const c = Math.min(Math.max(sy, 0), height - 1);
    const y0 = Math.min(Math.floor(c), Math.max(height - 2, 0));
    const fy = c - y0;
    const r0 = y0 * width;
    const r1 = height > 1 ? r0 + width : r0;
    for (let x = 0; x < width; x++) {
      if (!xin[x]) {
        out[o + x] = fill;
        continue;
      }
      const x0 = x0s[x];
      const x1 = width > 1 ? x0 + 1 : x0;
      const f = wx[x];
      const top = data[r0 + x0] * (1 - f) + data[r0 + x1] * f;
      const bottom = data[r1 + x0] * (1 - f) + data[r1 + x1] * f;
      out[o + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}
