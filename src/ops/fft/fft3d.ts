import { fft1d } from './fft1d';
import { fft2d } from './fft2d';

export interface Fft3dOptions {
  /**
   * Inverse transform, normalised by 1/(depth·rows·cols) (as `numpy.fft.ifftn`).
   * @default false
   */
  inverse?: boolean;
}

/** Lines along z transformed together: gathering neighbouring (y, x) reads memory in runs. */
const Z_BLOCK = 16;

/**
 * In-place 3-D complex DFT of a `depth × rows × cols` array (z slowest; `numpy.fft.fftn`
 * convention): `fft2d` over every slice, then 1-D transforms along z in blocks of neighbouring
 * columns. Any sizes (see `fft1d`).
 */
export function fft3d(
  re: Float64Array,
  im: Float64Array,
  depth: number,
  rows: number,
  cols: number,
  options: Fft3dOptions = {},
): void {
  for (const [k, v] of [['depth', depth], ['rows', rows], ['cols', cols]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`fft3d: ${k} = ${v}, expected a positive integer`);
  }
  const n = depth * rows * cols;
  if (re.length !== n || im.length !== n) {
    throw new RangeError(`fft3d: re/im have lengths ${re.length}/${im.length}, expected depth·rows·cols = ${n}`);
  }
  const inverse = options.inverse ?? false;
  const plane = rows * cols;
  for (let z = 0; z < depth; z++) fft2d(re.subarray(z * plane, (z + 1) * plane), im.subarray(z * plane, (z + 1) * plane), rows, cols, { inverse });
  if (depth === 1) return;
  const B = Math.min(Z_BLOCK, plane);
  const lr = new Float64Array(depth * B);
  const li = new Float64Array(depth * B);
  for (let p0 = 0; p0 < plane; p0 += B) {
    const nb = Math.min(B, plane - p0);
    for (let z = 0; z < depth; z++) {
      const src = z * plane + p0;
      for (let j = 0; j < nb; j++) {
        lr[j * depth + z] = re[src + j];
        li[j * depth + z] = im[src + j];
      }
    }
    for (let j = 0; j < nb; j++) fft1d(lr.subarray(j * depth, (j + 1) * depth), li.subarray(j * depth, (j + 1) * depth), { inverse });
    for (let z = 0; z < depth; z++) {
      const dst = z * plane + p0;
      for (let j = 0; j < nb; j++) {
        re[dst + j] = lr[j * depth + z];
        im[dst + j] = li[j * depth + z];
      }
    }
  }
}
