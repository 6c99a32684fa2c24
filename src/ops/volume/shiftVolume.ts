import { bilinearShift } from '../image/bilinearShift';
import type { ImageData2D } from '../image/assertImageData';
import { assertVolumeData } from './assertVolumeData';

export interface ShiftVolumeOptions {
  /** Shift [dz, dy, dx] in voxels (positive moves content to higher indices). */
  shift: [number, number, number];
  /**
   * Value of voxels whose source lies outside the volume.
   * @default 0
   */
  fill?: number;
  /** Output buffer (depth·height·width); allocated when absent. */
  out?: Float32Array;
}

/**
 * Sub-voxel translation by trilinear interpolation, out(z, y, x) = in(z − dz, y − dy, x − dx), as
 * `scipy.ndimage.shift(order=1, mode='constant', cval=fill)`: a voxel whose source point lies
 * inside the volume is interpolated from its eight neighbours, any other gets `fill`. Done as a
 * `bilinearShift` of every slice, then linear interpolation between shifted slices along z.
 */
export function shiftVolume(data: ImageData2D, width: number, height: number, depth: number, options: ShiftVolumeOptions): Float32Array {
  const [dz, dy, dx] = options.shift;
  const fill = options.fill ?? 0;
  assertVolumeData('shiftVolume', data, width, height, depth);
  const plane = width * height;
  if (!Number.isFinite(dz)) throw new RangeError(`shiftVolume: dz = ${dz}, expected a finite number of voxels`);
  if (options.out && options.out.length !== data.length) throw new RangeError(`shiftVolume: out has ${options.out.length} values, expected ${data.length}`);
  const out = options.out ?? new Float32Array(data.length);
  const tol = 1e-9;
  // In-plane shifted slices, computed lazily and kept for the two z neighbours of each output slice.
  const cache = new Map<number, Float32Array>();
  const slice = (z: number): Float32Array => {
    let s = cache.get(z);
    if (!s) {
      s = bilinearShift(data.subarray(z * plane, (z + 1) * plane), width, height, { dy, dx, fill });
      cache.set(z, s);
    }
    return s;
  };
  for (let z = 0; z < depth; z++) {
    const o = out.subarray(z * plane, (z + 1) * plane);
    const sz = z - dz;
    if (sz < -tol || sz > depth - 1 + tol) {
      o.fill(fill);
      continue;
    }
    const c = Math.min(Math.max(sz, 0), depth - 1);
    const z0 = Math.min(Math.floor(c), Math.max(depth - 2, 0));
    const t = c - z0;
    for (const k of [...cache.keys()]) if (k < z0) cache.delete(k);
    const a = slice(z0);
    if (depth === 1 || t === 0) {
      o.set(a);
      continue;
    }
    const b = slice(z0 + 1);
    for (let i = 0; i < plane; i++) o[i] = a[i] * (1 - t) + b[i] * t;
  }
  return out;
}
