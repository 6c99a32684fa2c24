import { assertOut } from '../image/assertImageData';
import { assertVolume, type VolumeData } from './assertVolume';

export interface DistanceTransformEdtOptions {
  /**
   * Depth (frames) of a 3-D volume `depth × height × width`.
   * @default 1
   */
  depth?: number;
  /**
   * Spacing along (z, y, x) (e.g. voxel size); distances are in these units.
   * @default [1, 1, 1]
   */
  sampling?: [number, number, number];
  /** Output buffer (width·height·depth); allocated when absent. */
  out?: Float64Array;
}

/**
 * One line of the squared distance transform of a sampled function f (Felzenszwalb &
 * Huttenlocher 2012, lower envelope of parabolas), in place through `f`/`d` scratch buffers.
 */
function edt1d(f: Float64Array, n: number, s2: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  let first = 0;
  while (first < n && f[first] === Infinity) first++;
  if (first === n) {
    d.fill(Infinity, 0, n);
    return;
  }
  v[0] = first;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = first + 1; q < n; q++) {
    if (f[q] === Infinity) continue;
    let s: number;
    for (;;) {
      const p = v[k];
      s = (f[q] - f[p] + s2 * (q * q - p * p)) / (2 * s2 * (q - p));
      if (s <= z[k] && k > 0) k--;
      else break;
    }
    if (s <= z[k]) {
      // k === 0 and the new parabola dominates everywhere.
      v[0] = q;
      z[0] = -Infinity;
      z[1] = Infinity;
      continue;
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    const t = q - v[k];
    d[q] = s2 * t * t + f[v[k]];
  }
}

/**
 * Exact Euclidean distance transform, as `scipy.ndimage.distance_transform_edt(input, sampling)`:
 * for every non-zero pixel/voxel, the distance to the nearest zero one (zero pixels get 0).
 * Separable squared-distance passes along x, y and z (Felzenszwalb & Huttenlocher, "Distance
 * transforms of sampled functions", Theory of Computing 8, 2012), then a square root. A volume
 * without any zero gets +Infinity everywhere.
 */
export function distanceTransformEdt(data: VolumeData, width: number, height: number, options: DistanceTransformEdtOptions = {}): Float64Array {
  const depth = options.depth ?? 1;
  assertVolume('distanceTransformEdt', data, width, height, depth);
  const [sz, sy, sx] = options.sampling ?? [1, 1, 1];
  for (const [name, v] of [['sampling[0] (z)', sz], ['sampling[1] (y)', sy], ['sampling[2] (x)', sx]] as const) {
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`distanceTransformEdt: ${name} = ${v}, expected a finite number > 0`);
  }
  const n = width * height * depth;
  assertOut('distanceTransformEdt', options.out, n);
  const out = options.out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = data[i] !== 0 ? Infinity : 0;
  const m = Math.max(width, height, depth);
  const f = new Float64Array(m);
  const dd = new Float64Array(m);
  const v = new Int32Array(m);
  const z = new Float64Array(m + 1);
  const pass = (len: number, stride: number, starts: Iterable<number>, s: number) => {
    const s2 = s * s;
    for (const start of starts) {
      for (let q = 0; q < len; q++) f[q] = out[start + q * stride];
      edt1d(f, len, s2, dd, v, z);
      for (let q = 0; q < len; q++) out[start + q * stride] = dd[q];
    }
  };
  const plane = width * height;
  function* rows() {
    for (let zz = 0; zz < depth; zz++) for (let y = 0; y < height; y++) yield zz * plane + y * width;
  }
  function* cols() {
    for (let zz = 0; zz < depth; zz++) for (let x = 0; x < width; x++) yield zz * plane + x;
  }
  function* pillars() {
    for (let i = 0; i < plane; i++) yield i;
  }
  pass(width, 1, rows(), sx);
  if (height > 1) pass(height, width, cols(), sy);
  if (depth > 1) pass(depth, plane, pillars(), sz);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(out[i]);
  return out;
}
