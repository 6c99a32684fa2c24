import { assertOut, type ImageData2D } from '../image/assertImageData';
import { gaussianKernel1d } from '../image/gaussianKernel1d';
import { gaussianScratch, gaussianSeparable2d } from '../image/gaussianSeparable2d';
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
 * axis (into a float64 volume, edge frames repeated), then the rows-and-columns pass of
 * `gaussianFilter` (`gaussianSeparable2d`, buffers reused) on each frame. Float32 result.
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

  const weights = gaussianKernel1d({ sigma, truncate });
  const r = (weights.length - 1) / 2;
  const scratch = gaussianScratch(width, r);

  // Frame-axis pass, one output frame at a time (float64), then the 2-D pass into `out`.
  const tmp = new Float64Array(plane);
  for (let f = 0; f < frames; f++) {
    frameAxisPass(data, plane, frames, f, weights, tmp);
    gaussianSeparable2d(tmp, width, height, weights, out.subarray(f * plane, (f + 1) * plane), scratch);
  }
  return out;
}

/**
 * tmp = Σ_k w_k·(frame f − k + frame f + k), frame indices clamped ('nearest'); pairs from the
 * outside in, two per sweep over the plane (half the traffic on tmp, same sum order).
 */
function frameAxisPass(data: ImageData2D, plane: number, frames: number, f: number, weights: Float64Array, tmp: Float64Array): void {
  const r = (weights.length - 1) / 2;
  const at = (g: number) => (g < 0 ? 0 : g >= frames ? frames - 1 : g) * plane;
  const c = f * plane;
  const w0 = weights[r];
  for (let i = 0; i < plane; i++) tmp[i] = data[c + i] * w0;
  let k = r;
  for (; k >= 2; k -= 2) {
    const wa = weights[r - k];
    const wb = weights[r - k + 1];
    const ua = at(f - k);
    const da = at(f + k);
    const ub = at(f - k + 1);
    const db = at(f + k - 1);
    for (let i = 0; i < plane; i++) tmp[i] = tmp[i] + (data[ua + i] + data[da + i]) * wa + (data[ub + i] + data[db + i]) * wb;
  }
  if (k === 1) {
    const w = weights[r - 1];
    const u = at(f - 1);
    const d = at(f + 1);
    for (let i = 0; i < plane; i++) tmp[i] += (data[u + i] + data[d + i]) * w;
  }
}
