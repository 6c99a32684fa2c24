import { assertVolume, finiteRange, type VolumeData } from './assertVolume';

export interface PeakLocalMaxOptions {
  /**
   * Depth (frames) of a 3-D volume `depth × height × width`.
   * @default 1
   */
  depth?: number;
  /**
   * Peaks are at least this far apart (Chebyshev distance, pixels) and are maxima of a
   * (2·minDistance+1)-wide box; peaks closer than this to the border are dropped.
   * @default 1
   */
  minDistance?: number;
  /**
   * Peaks must exceed this value; `null`: the image minimum.
   * @default null
   */
  thresholdAbs?: number | null;
  /**
   * Peaks must also exceed thresholdRel × the image maximum; `null`: no relative threshold.
   * @default null
   */
  thresholdRel?: number | null;
}

/** Box maximum along one axis, `mode='constant'` with cval 0 beyond the border. */
function maxAlong(src: Float64Array, dst: Float64Array, len: number, stride: number, starts: number[], r: number, buf: Float64Array): void {
  for (const start of starts) {
    for (let q = 0; q < len; q++) buf[q] = src[start + q * stride];
    for (let q = 0; q < len; q++) {
      let m = q - r < 0 || q + r >= len ? 0 : -Infinity;
      const a = Math.max(0, q - r);
      const b = Math.min(len - 1, q + r);
      for (let t = a; t <= b; t++) if (buf[t] > m) m = buf[t];
      dst[start + q * stride] = m;
    }
  }
}

/**
 * Local maxima, as `skimage.feature.peak_local_max(image, min_distance, threshold_abs,
 * threshold_rel, exclude_border=True)` (0.19): pixels equal to the maximum of their
 * (2·min_distance+1)-wide box (`scipy.ndimage.maximum_filter`, constant 0 outside), above the
 * threshold and at least min_distance from the border; then, from the highest down (stable order
 * for equal heights), a peak is dropped when an already kept one is closer than min_distance
 * (Chebyshev). A constant image has no peaks. Returns the flat indices of the peaks, highest first.
 */
export function peakLocalMax(data: VolumeData, width: number, height: number, options: PeakLocalMaxOptions = {}): Int32Array {
  const depth = options.depth ?? 1;
  assertVolume('peakLocalMax', data, width, height, depth);
  const md = options.minDistance ?? 1;
  if (!Number.isInteger(md) || md < 1) throw new RangeError(`peakLocalMax: minDistance = ${md}, expected an integer ≥ 1`);
  const n = width * height * depth;
  const [min, max] = finiteRange('peakLocalMax', data);
  let threshold = options.thresholdAbs ?? min;
  if (options.thresholdRel != null) threshold = Math.max(threshold, options.thresholdRel * max);

  const plane = width * height;
  const img = Float64Array.from(data);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const buf = new Float64Array(Math.max(width, height, depth));
  const starts = (count: number, f: (i: number) => number) => Array.from({ length: count }, (_, i) => f(i));
  maxAlong(img, a, width, 1, starts(height * depth, (i) => Math.floor(i / height) * plane + (i % height) * width), md, buf);
  maxAlong(a, b, height, width, starts(width * depth, (i) => Math.floor(i / width) * plane + (i % width)), md, buf);
  let boxMax = b;
  if (depth > 1) {
    maxAlong(b, a, depth, plane, starts(plane, (i) => i), md, buf);
    boxMax = a;
  }
  let trivial = true;
  for (let i = 0; i < n && trivial; i++) if (img[i] !== boxMax[i]) trivial = false;
  if (trivial) return new Int32Array(0);

  const cand: number[] = [];
  const bz = depth > 1 ? md : 0;
  for (let z = bz; z < depth - bz; z++) {
    for (let y = md; y < height - md; y++) {
      for (let x = md; x < width - md; x++) {
        const i = z * plane + y * width + x;
        if (img[i] === boxMax[i] && img[i] > threshold) cand.push(i);
      }
    }
  }
  cand.sort((p, q) => img[q] - img[p] || p - q);
  // Greedy spacing: a kept peak blocks the box of half-width md−1 around it.
  const blocked = new Uint8Array(n);
  const kept: number[] = [];
  const r = md - 1;
  for (const i of cand) {
    if (blocked[i]) continue;
    kept.push(i);
    const z = Math.floor(i / plane);
    const y = Math.floor((i % plane) / width);
    const x = i % width;
    const rz = depth > 1 ? r : 0;
    for (let zz = Math.max(0, z - rz); zz <= Math.min(depth - 1, z + rz); zz++) {
      for (let yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
        const row = zz * plane + yy * width;
        blocked.fill(1, row + Math.max(0, x - r), row + Math.min(width - 1, x + r) + 1);
      }
    }
  }
  return Int32Array.from(kept);
}
