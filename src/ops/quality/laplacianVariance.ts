import { assertImageData, type ImageData2D } from '../image/assertImageData';

/**
 * Sharpness as the variance of the Laplacian (Pech-Pacheco et al., ICPR 2000): the 5-point
 * Laplacian [[0,1,0],[1,−4,1],[0,1,0]] with half-sample symmetric ('reflect') borders, then the
 * population variance, as `scipy.ndimage.laplace(image, mode='reflect').var()` on float64. A blurred
 * frame scores lower, a noisy one higher. One row of float64 per pass, no per-pixel allocation.
 */
export function laplacianVariance(data: ImageData2D, width: number, height: number): number {
  assertImageData('laplacianVariance', data, width, height);
  // Reflect: index −1 → 0, n → n−1 (for n = 1 both neighbours are the pixel itself).
  const left = (x: number) => (x > 0 ? x - 1 : 0);
  const right = (x: number) => (x < width - 1 ? x + 1 : width - 1);
  /** Calls `visit` with the Laplacian of every pixel, row by row. */
  const each = (visit: (v: number) => void): void => {
    for (let y = 0; y < height; y++) {
      const row = y * width;
      const up = (y > 0 ? y - 1 : 0) * width;
      const down = (y < height - 1 ? y + 1 : height - 1) * width;
      for (let x = 0; x < width; x++) {
        const c = data[row + x];
        visit(data[row + left(x)] + data[row + right(x)] - 2 * c + (data[up + x] + data[down + x] - 2 * c));
      }
    }
  };
  // Two passes (mean, then squared deviations) avoid the cancellation of E[v²] − E[v]².
  let sum = 0;
  each((v) => (sum += v));
  const mean = sum / (width * height);
  let ss = 0;
  each((v) => (ss += (v - mean) * (v - mean)));
  return ss / (width * height);
}
