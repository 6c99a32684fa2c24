import { assertOut, type ImageData2D } from '../image/assertImageData';
import { gaussianFilter } from '../image/gaussianFilter';
import { assertVolumeData } from './assertVolumeData';

export interface GaussianFilter3dOptions {
  /** Standard deviation in voxels (> 0), the same along frames, rows and columns. */
  sigma: number;
  /**
   * Kernel half-width in standard deviations: radius = floor(truncate·sigma + 0.5).
   * @default 4
   */
  truncate?: number;
  /** Output buffer (frames·height·width); allocated when absent. */
  out?: Float32Array;
}

/**
 * 3-D Gaussian blur of a `frames × height × width` volume, as `scipy.ndimage.gaussian_filter(vol,
 * sigma, mode='nearest', truncate=4)`: separable, a normalised sampled Gaussian along the frame
 * axis (into a float64 volume, edge frames repeated), then `gaussianFilter` (rows and columns) on
 * each frame. Float32 result.
 */
export function gaussianFilter3d(
  data: ImageData2D,
  width: number,
  height: number,
  frames: number,
  options: GaussianFilter3dOptions,
): Float32Array {
  const { sigma } = options;
  const truncate = options.truncate ?? 4;
  assertVolumeData('gaussianFilter3d', data, width, height, frames);
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`gaussianFilter3d: sigma = ${sigma}, expected a finite number > 0 (voxels)`);
  if (!(truncate > 0) || !Number.isFinite(truncate)) throw new RangeError(`gaussianFilter3d: truncate = ${truncate}, expected a finite number > 0`);
  const plane = width * height;
  const n = plane * frames;
  assertOut('gaussianFilter3d', options.out, n);
  const out = options.out ?? new Float32Array(n);

  const r = Math.floor(truncate * sigma + 0.5);
  const weights = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let k = -r; k <= r; k++) {
    weights[k + r] = Math.exp((-0.5 * k * k) / (sigma * sigma));
    sum += weights[k + r];
  }
  for (let k = 0; k < weights.length; k++) weights[k] /= sum;

  // Frame-axis pass, one output frame at a time (float64), then the 2-D pass into `out`.
  const tmp = new Float64Array(plane);
  const clamp = (f: number) => (f < 0 ? 0 : f >= frames ? frames - 1 : f) * plane;
  for (let f = 0; f < frames; f++) {
    const c = f * plane;
    const w0 = weights[r];
    for (let i = 0; i < plane; i++) tmp[i] = data[c + i] * w0;
    for (let k = r; k >= 1; k--) {
      const w = weights[r - k];
      const a = clamp(f - k);
      const b = clamp(f + k);
      for (let i = 0; i < plane; i++) tmp[i] += (data[a + i] + data[b + i]) * w;
    }
    gaussianFilter(tmp, width, height, { sigma, truncate, out: out.subarray(c, c + plane) });
  }
  return out;
}
