import { assertImageData, type ImageData2D } from './assertImageData';
import { polarSample } from './polarSample';

/**
 * Maps an `n × n` polar image (rows = angle, columns = radius, as made by `polarFromCartesian`)
 * back to Cartesian coordinates, as algotom `util.transform_slice_backward`
 * (`polar_from_rectangular(n, n, n, n)` + bilinear mapping). Pixels outside the inscribed circle
 * repeat the outermost radius; mask them (algotom multiplies by `make_circle_mask(n, 1.0)`).
 */
export function polarToCartesian(data: ImageData2D | Float64Array, n: number): Float64Array {
  assertImageData('polarToCartesian', data, n, n);
  if (n < 3) throw new RangeError(`polarToCartesian: n = ${n}, expected at least 3`);
  const c = (n - 1) / 2;
  const scale = n / Math.floor(c);
  const rs = new Float64Array(n * n);
  const ts = new Float64Array(n * n);
  for (let row = 0; row < n; row++) {
    const yv = (n - 1 - row - c) * scale;
    for (let col = 0; col < n; col++) {
      const xv = (n - 1 - col - c) * scale;
      rs[row * n + col] = Math.min(n - 1, Math.sqrt(xv * xv + yv * yv));
      ts[row * n + col] = Math.min(n - 1, Math.max(0, ((Math.PI + Math.atan2(yv, xv)) * (n - 1)) / (2 * Math.PI)));
    }
  }
  // Sample the polar image at x = radius (column), y = angle (row).
  return polarSample(data, n, rs, ts, new Float64Array(n * n));
}
