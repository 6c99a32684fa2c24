import { assertImageData, assertOut, type ImageData2D } from '../image/assertImageData';

export interface RollingBall2dOptions {
  /**
   * Radius of the ball in pixels, and in intensity units at once (as skimage's `radius`): larger
   * than the features to keep; scale the image if its values are far from the pixel scale.
   */
  radius: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Rolling-ball background of an image, as `skimage.restoration.rolling_ball(image, radius=r)`
 * (Sternberg, Computer 16 (1983) 22): with the ball surface `k(d) = √(r² − d²)` for offsets |d| ≤ r,
 * `b[p] = min over d of ( image[p+d] + k(0) − k(d) )` over offsets inside the image. Float32 input is
 * computed in float32 as skimage does (kernel, differences and sums rounded to float32); other
 * inputs in float64. Output float32. O(width·height·r²): radius 20 on 2k×2k is several seconds.
 */
export function rollingBall2d(data: ImageData2D, width: number, height: number, options: RollingBall2dOptions): Float32Array {
  const { radius } = options;
  assertImageData('rollingBall2d', data, width, height);
  if (!(radius > 0) || !Number.isFinite(radius)) throw new RangeError(`rollingBall2d: radius = ${radius}, expected a finite number > 0 (pixels)`);
  const n = width * height;
  assertOut('rollingBall2d', options.out, n);
  const out = options.out ?? new Float32Array(n);
  const round = data instanceof Float32Array ? Math.fround : (v: number) => v;
  const half = Math.floor(radius);
  const r2 = radius * radius;
  const centre = round(Math.sqrt(r2));
  // Per kernel row dy: half-width of the ball and the lift k(0) − k(dy, dx) for dx = 0…half-width.
  const rowHalf = new Int32Array(2 * half + 1);
  const lift = new Float64Array((2 * half + 1) * (half + 1));
  for (let dy = -half; dy <= half; dy++) {
    const w = Math.floor(Math.sqrt(Math.max(r2 - dy * dy, 0)) + 1e-9);
    let hw = Math.min(w, half);
    while (hw > 0 && dy * dy + hw * hw > r2) hw--;
    rowHalf[dy + half] = hw;
    for (let dx = 0; dx <= hw; dx++) lift[(dy + half) * (half + 1) + dx] = round(centre - round(Math.sqrt(Math.max(r2 - dy * dy - dx * dx, 0))));
  }
  // Loop order dy, dx, x: one constant lift per inner loop over a row. float32 rounding is monotonic,
  // so the minimum of the rounded sums is the rounded minimum: round once per pixel at the end.
  const acc = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    acc.fill(Infinity);
    const dyLo = Math.max(-half, -y);
    const dyHi = Math.min(half, height - 1 - y);
    for (let dy = dyLo; dy <= dyHi; dy++) {
      const hw = Math.min(rowHalf[dy + half], width - 1);
      const lrow = (dy + half) * (half + 1);
      const src = (y + dy) * width;
      for (let dx = -hw; dx <= hw; dx++) {
        const l = lift[lrow + (dx < 0 ? -dx : dx)];
        const x0 = dx < 0 ? -dx : 0;
        const x1 = dx > 0 ? width - dx : width;
        const off = src + dx;
        for (let x = x0; x < x1; x++) {
          const t = data[off + x] + l;
          if (t < acc[x]) acc[x] = t;
        }
      }
    }
    for (let x = 0; x < width; x++) out[y * width + x] = round(acc[x]);
  }
  return out;
}
