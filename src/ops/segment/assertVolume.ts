/** Arrays the volume ops (2-D images or 3-D `depth × height × width` volumes) accept. */
export type VolumeData = Uint8Array | Uint16Array | Int32Array | Float32Array | Float64Array;

/**
 * Precondition of the segmentation ops on a `depth × height × width` volume (depth 1 for a 2-D
 * image): positive integer sizes and exactly `width·height·depth` values. Throws a `RangeError`
 * naming the op, the parameter, the value and what was expected.
 */
export function assertVolume(op: string, data: { length: number }, width: number, height: number, depth: number): void {
  for (const [name, v] of [['width', width], ['height', height], ['depth', depth]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${op}: ${name} = ${v}, expected a positive integer`);
  }
  const n = width * height * depth;
  if (data.length !== n) {
    throw new RangeError(`${op}: data has ${data.length} values, expected width·height·depth = ${width}·${height}·${depth} = ${n}`);
  }
}

/**
 * Offsets (dz, dy, dx) of the neighbours of a pixel/voxel: connectivity 1 = faces only (4 in 2-D,
 * 6 in 3-D), 2 = faces and edges (8 / 18), 3 = also corners (26; 2-D caps at 2), as
 * `scipy.ndimage.generate_binary_structure(ndim, connectivity)`. Only the z offsets −1..1 are
 * produced when `depth > 1`.
 */
export function neighbourOffsets(connectivity: number, depth: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  const zr = depth > 1 ? 1 : 0;
  for (let dz = -zr; dz <= zr; dz++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const m = Math.abs(dz) + Math.abs(dy) + Math.abs(dx);
        if (m > 0 && m <= connectivity) out.push([dz, dy, dx]);
      }
    }
  }
  return out;
}

/**
 * Flat indices of the in-bounds neighbours of flat index `i` (offsets from `neighbourOffsets`),
 * written to `out`; returns how many. No allocation, for flooding loops.
 */
export function neighbourIndices(
  i: number, width: number, height: number, depth: number, offsets: [number, number, number][], out: Int32Array,
): number {
  const plane = width * height;
  const z = Math.floor(i / plane);
  const y = Math.floor((i - z * plane) / width);
  const x = i - z * plane - y * width;
  let k = 0;
  for (const [dz, dy, dx] of offsets) {
    const zz = z + dz;
    const yy = y + dy;
    const xx = x + dx;
    if (zz < 0 || zz >= depth || yy < 0 || yy >= height || xx < 0 || xx >= width) continue;
    out[k++] = zz * plane + yy * width + xx;
  }
  return k;
}

/** Smallest and largest value; throws a `RangeError` naming the op and index of a NaN/±Infinity. */
export function finiteRange(op: string, data: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v !== 0) throw new RangeError(`${op}: data has a non-finite value (${v}) at index ${i}; expected finite values`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}
