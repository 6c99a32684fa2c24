import { assertImageData, type ImageData2D } from '../image/assertImageData';
import { gaussianFilter } from '../image/gaussianFilter';

export interface LocalFeaturesOptions {
  /**
   * Scales (pixels) of the smoothed features.
   * @default []
   */
  sigmas?: number[];
  /**
   * Include the Gaussian-smoothed intensity at each σ.
   * @default true
   */
  smoothed?: boolean;
  /**
   * Include the gradient magnitude of the smoothed image at each σ.
   * @default false
   */
  gradient?: boolean;
  /**
   * Include the Laplacian of the smoothed image (Laplacian of Gaussian) at each σ.
   * @default false
   */
  laplacian?: boolean;
}

export interface LocalFeaturesResult {
  /** `pixels × features`, sample-major; feature 0 is the raw intensity. */
  data: Float32Array;
  features: number;
  names: string[];
}

/**
 * Per-pixel feature vectors for clustering: the intensity, then for each σ the Gaussian-smoothed
 * image `G = skimage.filters.gaussian(I, σ, mode='nearest', truncate=4)`, its gradient magnitude
 * `hypot(*np.gradient(G))` (central differences, one-sided at the borders) and its Laplacian
 * `scipy.ndimage.laplace(G, mode='nearest')` (5-point stencil), as ilastik's intensity / edge
 * features in spirit.
 */
export function localFeatures(data: ImageData2D, width: number, height: number, options: LocalFeaturesOptions = {}): LocalFeaturesResult {
  assertImageData('localFeatures', data, width, height);
  const sigmas = options.sigmas ?? [];
  const smoothed = options.smoothed ?? true;
  const gradient = options.gradient ?? false;
  const laplacian = options.laplacian ?? false;
  for (const s of sigmas) if (!(s > 0) || !Number.isFinite(s)) throw new RangeError(`localFeatures: sigmas contains ${s}, expected finite numbers > 0 (pixels)`);
  const names = ['intensity'];
  for (const s of sigmas) {
    if (smoothed) names.push(`gaussian σ=${s}`);
    if (gradient) names.push(`gradient σ=${s}`);
    if (laplacian) names.push(`laplacian σ=${s}`);
  }
  const d = names.length;
  const n = width * height;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) out[i * d] = data[i];
  const g = new Float32Array(n);
  let f = 1;
  for (const sigma of sigmas) {
    gaussianFilter(data, width, height, { sigma, out: g });
    if (smoothed) {
      for (let i = 0; i < n; i++) out[i * d + f] = g[i];
      f++;
    }
    if (gradient) {
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = y * width + x;
          const gx = width < 2 ? 0 : x === 0 ? g[i + 1] - g[i] : x === width - 1 ? g[i] - g[i - 1] : (g[i + 1] - g[i - 1]) / 2;
          const gy = height < 2 ? 0 : y === 0 ? g[i + width] - g[i] : y === height - 1 ? g[i] - g[i - width] : (g[i + width] - g[i - width]) / 2;
          out[i * d + f] = Math.hypot(gx, gy);
        }
      }
      f++;
    }
    if (laplacian) {
      for (let y = 0; y < height; y++) {
        const up = (y > 0 ? y - 1 : 0) * width;
        const down = (y < height - 1 ? y + 1 : y) * width;
        for (let x = 0; x < width; x++) {
          const i = y * width + x;
          const left = x > 0 ? x - 1 : 0;
          const right = x < width - 1 ? x + 1 : x;
          out[i * d + f] = g[up + x] + g[down + x] + g[y * width + left] + g[y * width + right] - 4 * g[i];
        }
      }
      f++;
    }
  }
  return { data: out, features: d, names };
}
