import { assertImageData, type ImageData2D } from '../image/assertImageData';
import { fitAggd } from './fitAggd';
import { fitGgd } from './fitGgd';
import { mscn } from './mscn';

export interface BrisqueFeaturesOptions {
  /**
   * Intensities are mapped to (value − offset)·scale before the MSCN step, which expects 0–255.
   * @default 0
   */
  offset?: number;
  /**
   * See `offset`.
   * @default 1
   */
  scale?: number;
}

/** Names of the 36 features, in order: per scale s1, s2 — GGD of the MSCN, AGGD of H, V, D1, D2 products. */
export const BRISQUE_FEATURE_NAMES: readonly string[] = [1, 2].flatMap((s) => [
  `mscnAlpha_s${s}`,
  `mscnSigma2_s${s}`,
  ...['H', 'V', 'D1', 'D2'].flatMap((d) => [`${d}Alpha_s${s}`, `${d}Mean_s${s}`, `${d}SigmaL2_s${s}`, `${d}SigmaR2_s${s}`]),
]);

/** Pairwise-product neighbours as BRISQUE's circshift offsets [0 1], [1 0], [1 1], [−1 1] (rows, cols). */
const SHIFTS: [number, number][] = [
  [0, 1],
  [1, 0],
  [1, 1],
  [-1, 1],
];

/**
 * The 36 BRISQUE natural-scene statistics of one image (Mittal, Moorthy & Bovik, IEEE TIP
 * 21:4695, 2012, `brisque_feature.m`): at two scales (the image, then its 2×2 mean
 * downscale as `skimage.transform.downscale_local_mean` on the even-cropped image), the GGD fit
 * (α, σ²) of the MSCN coefficients and AGGD fits (α, mean, σl², σr²) of their products with the
 * horizontal, vertical and two diagonal neighbours (circular shifts, as the reference). No
 * regressor: the features themselves are compared between frames. Needs at least 2×2 pixels.
 * Features that cannot be fitted (a flat image, products all on one side of 0) are NaN.
 */
export function brisqueFeatures(
  data: ImageData2D,
  width: number,
  height: number,
  options: BrisqueFeaturesOptions = {},
): Float64Array {
  const offset = options.offset ?? 0;
  const scale = options.scale ?? 1;
  assertImageData('brisqueFeatures', data, width, height);
  if (!Number.isFinite(offset)) throw new RangeError(`brisqueFeatures: offset = ${offset}, expected a finite number`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`brisqueFeatures: scale = ${scale}, expected a finite number > 0`);
  if (width < 2 || height < 2) throw new RangeError(`brisqueFeatures: image is ${width}×${height}, expected at least 2×2 pixels`);
  const feats = new Float64Array(36);
  let w = width;
  let h = height;
  let img = new Float64Array(w * h);
  for (let i = 0; i < img.length; i++) img[i] = (data[i] - offset) * scale;
  let k = 0;
  for (let s = 0; s < 2; s++) {
    if (s === 1) {
      const hw = w >> 1;
      const hh = h >> 1;
      const half = new Float64Array(hw * hh);
      for (let y = 0; y < hh; y++) {
        const a = 2 * y * w;
        const b = a + w;
        for (let x = 0; x < hw; x++) half[y * hw + x] = (img[a + 2 * x] + img[a + 2 * x + 1] + img[b + 2 * x] + img[b + 2 * x + 1]) / 4;
      }
      img = half;
      w = hw;
      h = hh;
    }
    const m = mscn(img, w, h);
    // A flat image (all MSCN 0) or products all on one side of 0 have no fit: NaN features.
    const g = fits(() => fitGgd(m));
    feats[k++] = g ? g.alpha : NaN;
    feats[k++] = g ? g.sigma2 : NaN;
    const prod = new Float64Array(w * h);
    for (const [dy, dx] of SHIFTS) {
      // np.roll(m, (dy, dx)): the neighbour of (y, x) is m[(y − dy) mod h, (x − dx) mod w].
      for (let y = 0; y < h; y++) {
        const ny = (((y - dy) % h) + h) % h;
        for (let x = 0; x < w; x++) {
          const nx = (((x - dx) % w) + w) % w;
          prod[y * w + x] = m[y * w + x] * m[ny * w + nx];
        }
      }
      const a = fits(() => fitAggd(prod));
      feats[k++] = a ? a.alpha : NaN;
      feats[k++] = a ? a.mean : NaN;
      feats[k++] = a ? a.sigmaL2 : NaN;
      feats[k++] = a ? a.sigmaR2 : NaN;
    }
  }
  return feats;
}

/** The fit, or null when the estimator refuses the sample (RangeError). */
function fits<T>(fit: () => T): T | null {
  try {
    return fit();
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}
