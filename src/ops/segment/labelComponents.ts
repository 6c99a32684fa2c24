import { assertVolume, neighbourOffsets, type VolumeData } from './assertVolume';

export interface LabelComponentsOptions {
  /**
   * Depth (frames) of a 3-D volume `depth × height × width`.
   * @default 1
   */
  depth?: number;
  /**
   * 1: neighbours share a face (4 in 2-D, 6 in 3-D); 2: also an edge (8 / 18); 3: also a corner
   * (26, 3-D only). `null`: full connectivity (8 in 2-D, 26 in 3-D), skimage's default.
   * @default null
   */
  connectivity?: number | null;
  /**
   * Pixels equal to this value are background (label 0).
   * @default 0
   */
  background?: number;
  /** Output buffer; allocated when absent. */
  out?: Int32Array;
}

export interface LabelComponentsResult {
  /** 0 for background, 1..count numbered in raster order of each component's first pixel. */
  labels: Int32Array;
  count: number;
}

function find(parent: Int32Array, i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r];
  while (parent[i] !== r) {
    const next = parent[i];
    parent[i] = r;
    i = next;
  }
  return r;
}

/**
 * Connected components, as `skimage.measure.label(image, background, connectivity)`: pixels
 * are joined when they are neighbours and have the *same* value (so a multi-class label image gets
 * separate components per class); components are numbered from 1 in raster order (z, y, x) of
 * their first pixel. Union–find over the already visited neighbours, then one relabelling pass.
 */
export function labelComponents(data: VolumeData, width: number, height: number, options: LabelComponentsOptions = {}): LabelComponentsResult {
  const depth = options.depth ?? 1;
  assertVolume('labelComponents', data, width, height, depth);
  const maxConn = depth > 1 ? 3 : 2;
  const connectivity = options.connectivity ?? maxConn;
  if (!Number.isInteger(connectivity) || connectivity < 1 || connectivity > maxConn) {
    throw new RangeError(`labelComponents: connectivity = ${connectivity}, expected an integer in [1, ${maxConn}] for a ${depth > 1 ? '3' : '2'}-D input`);
  }
  const background = options.background ?? 0;
  const n = width * height * depth;
  if (options.out && options.out.length !== n) throw new RangeError(`labelComponents: out has ${options.out.length} values, expected ${n}`);
  const out = options.out ?? new Int32Array(n);
  // Neighbours visited before the current pixel in raster order.
  const back = neighbourOffsets(connectivity, depth).filter(([dz, dy, dx]) => dz < 0 || (dz === 0 && (dy < 0 || (dy === 0 && dx < 0))));
  const plane = width * height;
  const parent = new Int32Array(n);
  for (let z = 0; z < depth; z++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = z * plane + y * width + x;
        parent[i] = i;
        const v = data[i];
        if (v === background) continue;
        for (const [dz, dy, dx] of back) {
          const zz = z + dz;
          const yy = y + dy;
          const xx = x + dx;
          if (zz < 0 || yy < 0 || yy >= height || xx < 0 || xx >= width) continue;
          const j = zz * plane + yy * width + xx;
          if (data[j] !== v) continue;
          const a = find(parent, i);
          const b = find(parent, j);
          if (a !== b) {
            if (a < b) parent[b] = a;
            else parent[a] = b;
          }
        }
      }
    }
  }
  // Roots are each component's first pixel in raster order (unions keep the smaller index).
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (data[i] === background) {
      out[i] = 0;
      continue;
    }
    const r = find(parent, i);
    out[i] = r === i ? ++count : out[r];
  }
  return { labels: out, count };
}
