import { assertImageData, type ImageData2D } from './assertImageData';
import { polarSample } from './polarSample';

/**
 * Maps a square reconstructed slice (`n × n`) to polar coordinates, as algotom
 * `util.transform_slice_forward` (`rectangular_from_polar(n, n, n, n)` + bilinear mapping): output
 * row i is the angle θ_i = 2π·i/(n − 1), column j the radius r_j = j·⌊(n − 1)/2⌋/(n − 1) from the
 * centre ((n − 1)/2, (n − 1)/2); sample points are clipped to the image. Rings become vertical
 * stripes. Returns an `n × n` float64 array.
 */
export function polarFromCartesian(data: ImageData2D | Float64Array, n: number): Float64Array {
  assertImageData('polarFromCartesian', data, n, n);
  if (n < 2) throw new RangeError(`polarFromCartesian: n = ${n}, expected at least 2`);
  const c = (n - 1) / 2;
  const rMax = Math.floor(c);
  const xs = new Float64Array(n * n);
  const ys = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const t = (i * 2 * Math.PI) / (n - 1);
    const ct = Math.cos(t);
    const st = Math.sin(t);
    for (let j = 0; j < n; j++) {
      const r = (j * rMax) / (n - 1);
      xs[i * n + j] = Math.min(n - 1, Math.max(0, c + r * ct));
      ys[i * n + j] = Math.min(n - 1, Math.max(0, c + r * st));
    }
  }
  return polarSample(data, n, xs, ys, new Float64Array(n * n));
}
