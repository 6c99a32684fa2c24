import { assertImageData, assertOut, type ImageData2D } from './assertImageData';

export interface BilateralFilterOptions {
  /**
   * Standard deviation of the value (radiometric) Gaussian, in pixel-value units. `null`: the
   * standard deviation of the image.
   * @default null
   */
  sigmaColor?: number | null;
  /**
   * Standard deviation of the spatial Gaussian, in pixels.
   * @default 1
   */
  sigmaSpatial?: number;
  /**
   * Window side in pixels (odd). `null`: max(5, 2·ceil(3·sigmaSpatial) + 1).
   * @default null
   */
  winSize?: number | null;
  /**
   * Number of entries of the value-weight lookup table over [0, max − min].
   * @default 10000
   */
  bins?: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Edge-preserving bilateral filter, as `skimage.restoration.denoise_bilateral(image, win_size,
 * sigma_color, sigma_spatial, bins, mode='constant', cval=0)` in scikit-image 0.19 for a float
 * grey image: each pixel becomes the mean of its window weighted by spatial × value Gaussians.
 *
 * Reproduces skimage's details: the value weight is read from a `bins`-entry table of
 * exp(−½(v/σc)²) at v = k·max/bins, bin = min(floor(|Δ|·bins/max′), bins − 1), where max′ is the
 * maximum after shifting the image to a zero minimum when it has negative values (the table keeps
 * the unshifted max); pixels outside the image are 0 in those shifted values; a flat image is
 * returned unchanged; and the spatial table is built on a (win+1)² grid from −(win+1)/2 to
 * (win−1)/2 but indexed as `row·win + col` (a quirk of 0.19 reproduced so results agree).
 */
export function bilateralFilter(
  data: ImageData2D,
  width: number,
  height: number,
  options: BilateralFilterOptions = {},
): Float32Array {
  assertImageData('bilateralFilter', data, width, height);
  const sigmaSpatial = options.sigmaSpatial ?? 1;
  const bins = options.bins ?? 10000;
  if (!(sigmaSpatial > 0) || !Number.isFinite(sigmaSpatial)) {
    throw new RangeError(`bilateralFilter: sigmaSpatial = ${sigmaSpatial}, expected a finite number > 0 (pixels)`);
  }
  const win = options.winSize ?? Math.max(5, 2 * Math.ceil(3 * sigmaSpatial) + 1);
  if (!Number.isInteger(win) || win < 1 || win % 2 === 0) {
    throw new RangeError(`bilateralFilter: winSize = ${win}, expected an odd integer ≥ 1`);
  }
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bilateralFilter: bins = ${bins}, expected an integer ≥ 1`);
  const n = width * height;
  assertOut('bilateralFilter', options.out, n);
  const out = options.out ?? new Float32Array(n);

  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  if (min === max) {
    // skimage returns a flat image unchanged.
    for (let i = 0; i < n; i++) out[i] = data[i];
    return out;
  }
  let sigmaColor = options.sigmaColor ?? null;
  if (sigmaColor === null || sigmaColor === 0) {
    // skimage: `sigma_color or image.std()` (population standard deviation).
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (data[i] - mean) * (data[i] - mean);
    sigmaColor = Math.sqrt(ss / n);
  }
  if (!(sigmaColor > 0) || !Number.isFinite(sigmaColor)) {
    throw new RangeError(`bilateralFilter: sigmaColor = ${sigmaColor}, expected a finite number > 0 (or null: image std)`);
  }
  const shift = min < 0 ? min : 0;
  const maxValue = max - shift;

  // The table spans [0, max) of the values *before* the shift, as skimage 0.19 builds it.
  const colorLut = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    const v = (k * max) / bins;
    colorLut[k] = Math.exp(-0.5 * ((v * v) / (sigmaColor * sigmaColor)));
  }
  const g = win + 1;
  const lo = -Math.floor((win + 1) / 2);
  const grid = new Float64Array(g * g);
  for (let r = 0; r < g; r++) {
    for (let c = 0; c < g; c++) {
      const d = Math.hypot(lo + r, lo + c);
      grid[r * g + c] = Math.exp(-0.5 * ((d * d) / (sigmaSpatial * sigmaSpatial)));
    }
  }
  const rangeLut = grid.subarray(0, win * win);
  const ext = (win - 1) / 2;
  const distScale = bins / maxValue;
  const lastBin = bins - 1;

  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const centre = data[y * width + x] - shift;
      let total = 0;
      let totalWeight = 0;
      for (let wr = -ext; wr <= ext; wr++) {
        const yy = y + wr;
        const inside = yy >= 0 && yy < height;
        const lutRow = (wr + ext) * win + ext;
        for (let wc = -ext; wc <= ext; wc++) {
          const xx = x + wc;
          const value = inside && xx >= 0 && xx < width ? data[yy * width + xx] - shift : 0;
          const dist = Math.abs(centre - value);
          // C's (Py_ssize_t)(dist·scale): truncation; dist ≥ 0 so floor.
          const b = Math.floor(dist * distScale);
          const weight = rangeLut[lutRow + wc] * colorLut[b < lastBin ? b : lastBin];
          total += value * weight;
          totalWeight += weight;
        }
      }
      out[y * width + x] = total / totalWeight + shift;
    }
  }
  return out;
}
