import { assertVolume, finiteRange, neighbourIndices, neighbourOffsets, type VolumeData } from './assertVolume';
import { FloodHeap } from './floodHeap';

export interface HMaximaOptions {
  /**
   * Depth (frames) of a 3-D volume `depth × height × width`.
   * @default 1
   */
  depth?: number;
  /** Output buffer; allocated when absent. */
  out?: Uint8Array;
}

/**
 * Regional maxima of height ≥ h, as `skimage.morphology.h_maxima(image, h)` on a float64 image
 * (0.19), in float64 arithmetic whatever the input type: the image lowered by h (and by 2·float64 resolution·|image|) is reconstructed by
 * dilation under the image (full 3×3 / 3×3×3 neighbourhood; Vincent 1993, done here as a
 * max-priority flood), and pixels where image − reconstruction ≥ h are marked 1. `h` larger than
 * the image's range gives no maxima.
 */
export function hMaxima(data: VolumeData, width: number, height: number, h: number, options: HMaximaOptions = {}): Uint8Array {
  const depth = options.depth ?? 1;
  assertVolume('hMaxima', data, width, height, depth);
  if (!(h > 0) || !Number.isFinite(h)) throw new RangeError(`hMaxima: h = ${h}, expected a finite number > 0`);
  const n = width * height * depth;
  if (options.out && options.out.length !== n) throw new RangeError(`hMaxima: out has ${options.out.length} values, expected ${n}`);
  const out = options.out ?? new Uint8Array(n);
  out.fill(0);
  const [min, max] = finiteRange('hMaxima', data);
  if (h > max - min) return out;
  const resolution = 2 * 1e-15;
  const rec = new Float64Array(n);
  const heap = new FloodHeap();
  for (let i = 0; i < n; i++) {
    rec[i] = data[i] - h - resolution * Math.abs(data[i]);
    heap.push(-rec[i], i, i);
  }
  const offs = neighbourOffsets(3, depth);
  const nb = new Int32Array(offs.length);
  while (heap.size > 0) {
    const top = -heap.value[0];
    const i = heap.pop();
    if (top < rec[i]) continue; // stale entry
    const m = neighbourIndices(i, width, height, depth, offs, nb);
    for (let t = 0; t < m; t++) {
      const j = nb[t];
      const c = Math.min(rec[i], data[j]);
      if (c > rec[j]) {
        rec[j] = c;
        heap.push(-c, j, j);
      }
    }
  }
  for (let i = 0; i < n; i++) out[i] = +(data[i] - rec[i] >= h);
  return out;
}
