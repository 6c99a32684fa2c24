import { assertImageData, assertOut, type ImageData2D } from '../image/assertImageData';
import { gaussianFilter } from '../image/gaussianFilter';

export interface MscnOptions {
  /**
   * Stabilising constant added to the local standard deviation (for 0–255 intensities).
   * @default 1
   */
  c?: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float64Array;
}

/**
 * Mean-subtracted contrast-normalised coefficients of BRISQUE (Mittal et al., IEEE TIP 21:4695,
 * 2012): (I − μ)/(σ + C) with μ, σ the local mean and standard deviation under a 7×7 Gaussian
 * window (σ = 7/6, radius 3), σ = √|G∗I² − μ²|. The Gaussian is `gaussianFilter` (edge pixels
 * repeated; the authors' MATLAB zero-pads, which darkens a 3-pixel border) and the local moments are
 * float32 as it returns them. Expects intensities scaled to 0–255 for C = 1.
 */
export function mscn(data: ImageData2D, width: number, height: number, options: MscnOptions = {}): Float64Array {
  const c = options.c ?? 1;
  assertImageData('mscn', data, width, height);
  if (!(c > 0) || !Number.isFinite(c)) throw new RangeError(`mscn: c = ${c}, expected a finite number > 0`);
  const n = width * height;
  assertOut('mscn', options.out, n);
  const out = options.out ?? new Float64Array(n);
  const g = { sigma: 7 / 6, truncate: 2.6 }; // radius floor(2.6·7/6 + 0.5) = 3 → a 7×7 window
  const mu = gaussianFilter(data, width, height, g);
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) sq[i] = data[i] * data[i];
  const m2 = gaussianFilter(sq, width, height, g);
  for (let i = 0; i < n; i++) {
    const m = mu[i];
    out[i] = (data[i] - m) / (Math.sqrt(Math.abs(m2[i] - m * m)) + c);
  }
  return out;
}
