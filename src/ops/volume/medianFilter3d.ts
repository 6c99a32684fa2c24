import { selectKth } from '../array/selectKth';
import { assertOut, type ImageData2D } from '../image/assertImageData';
import { assertVolumeData } from './assertVolumeData';

export interface MedianFilter3dOptions {
  /**
   * Side of the cubic window in voxels (odd integer ≥ 3).
   * @default 3
   */
  size?: number;
  /** Output buffer (frames·height·width); allocated when absent. */
  out?: Float32Array;
}

/** scipy.ndimage 'reflect' (half-sample symmetric: d c b a | a b c d | d c b a) indices −r … n−1+r. */
function reflected(n: number, r: number): Int32Array {
  const idx = new Int32Array(n + 2 * r);
  for (let i = 0; i < idx.length; i++) {
    let m = (i - r) % (2 * n);
    if (m < 0) m += 2 * n;
    idx[i] = m >= n ? 2 * n - 1 - m : m;
  }
  return idx;
}

/**
 * 3-D median filter of a `frames × height × width` volume over a size³ cube, as
 * `scipy.ndimage.median_filter(vol, size=size, mode='reflect')`. Each window is gathered into one
 * reused buffer through precomputed reflected indices and sorted in place (typed-array numeric
 * sort); no per-voxel allocation.
 */
export function medianFilter3d(
  data: ImageData2D,
  width: number,
  height: number,
  frames: number,
  options: MedianFilter3dOptions = {},
): Float32Array {
  const size = options.size ?? 3;
  assertVolumeData('medianFilter3d', data, width, height, frames);
  if (!Number.isInteger(size) || size < 3 || size % 2 === 0) throw new RangeError(`medianFilter3d: size = ${size}, expected an odd integer ≥ 3`);
  const plane = width * height;
  const n = plane * frames;
  assertOut('medianFilter3d', options.out, n);
  const out = options.out ?? new Float32Array(n);
  const r = (size - 1) / 2;
  const fs = reflected(frames, r);
  const ys = reflected(height, r);
  const xs = reflected(width, r);
  for (let i = 0; i < fs.length; i++) fs[i] *= plane;
  for (let i = 0; i < ys.length; i++) ys[i] *= width;
  const win = new Float64Array(size * size * size);
  const mid = (win.length - 1) / 2;
  for (let f = 0; f < frames; f++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let k = 0;
        for (let df = 0; df < size; df++) {
          const pf = fs[f + df];
          for (let dy = 0; dy < size; dy++) {
            const py = pf + ys[y + dy];
            for (let dx = 0; dx < size; dx++) win[k++] = data[py + xs[x + dx]];
          }
        }
        out[f * plane + y * width + x] = selectKth(win, mid);
      }
    }
  }
  return out;
}
