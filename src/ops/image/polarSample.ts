import type { ImageData2D } from './assertImageData';

/**
 * Bilinear sampling of a square `n × n` image at points (x[i], y[i]) already inside [0, n − 1], as
 * `scipy.ndimage.map_coordinates(img, [y, x], order=1)` there (algotom `util.mapping`). Writes
 * out[i]; used by the polar ↔ Cartesian mappings.
 */
export function polarSample(
  data: ImageData2D | Float64Array,
  n: number,
  x: Float64Array,
  y: Float64Array,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < out.length; i++) {
    const xi = x[i];
    const yi = y[i];
    let x0 = Math.floor(xi);
    let y0 = Math.floor(yi);
    if (x0 >= n - 1) x0 = n - 2 < 0 ? 0 : n - 2;
    if (y0 >= n - 1) y0 = n - 2 < 0 ? 0 : n - 2;
    const fx = xi - x0;
    const fy = yi - y0;
    const x1 = x0 + 1 < n ? x0 + 1 : x0;
    const y1 = y0 + 1 < n ? y0 + 1 : y0;
    const top = data[y0 * n + x0] * (1 - fx) + data[y0 * n + x1] * fx;
    const bottom = data[y1 * n + x0] * (1 - fx) + data[y1 * n + x1] * fx;
    out[i] = top * (1 - fy) + bottom * fy;
  }
  return out;
}
