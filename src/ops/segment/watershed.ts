import { assertVolume, neighbourIndices, neighbourOffsets, type VolumeData } from './assertVolume';
import { FloodHeap } from './floodHeap';

export interface WatershedOptions {
  /**
   * Depth (frames) of a 3-D volume `depth × height × width`.
   * @default 1
   */
  depth?: number;
  /**
   * Neighbourhood of the flooding: 1 = faces (4 / 6 neighbours), 2 = also edges, 3 = corners.
   * @default 1
   */
  connectivity?: number;
  /** Only pixels where the mask is non-zero are labelled; all pixels when absent. */
  mask?: Uint8Array;
  /** Output buffer; allocated when absent. */
  out?: Int32Array;
}

/**
 * Marker-controlled watershed by priority flooding, as `skimage.segmentation.watershed(image,
 * markers, connectivity, mask)` (compactness 0, no watershed line): every marker pixel enters a
 * priority queue ordered by image value, then by age (0 for markers, then insertion order); the
 * popped pixel gives its label to
 * each unlabelled neighbour inside the mask, which enters the queue in turn (Beucher & Meyer 1993).
 * Pixels not reachable from a marker keep 0.
 */
export function watershed(image: VolumeData, markers: Int32Array, width: number, height: number, options: WatershedOptions = {}): Int32Array {
  const depth = options.depth ?? 1;
  assertVolume('watershed', image, width, height, depth);
  assertVolume('watershed (markers)', markers, width, height, depth);
  const { mask } = options;
  if (mask) assertVolume('watershed (mask)', mask, width, height, depth);
  const maxConn = depth > 1 ? 3 : 2;
  const connectivity = options.connectivity ?? 1;
  if (!Number.isInteger(connectivity) || connectivity < 1 || connectivity > maxConn) {
    throw new RangeError(`watershed: connectivity = ${connectivity}, expected an integer in [1, ${maxConn}]`);
  }
  const n = width * height * depth;
  if (options.out && options.out.length !== n) throw new RangeError(`watershed: out has ${options.out.length} values, expected ${n}`);
  const out = options.out ?? new Int32Array(n);
  const offs = neighbourOffsets(connectivity, depth);
  const heap = new FloodHeap();
  // Markers all enter with age 0, in raster order; flooded pixels get increasing ages. With the
  // same binary-heap moves as skimage's heap, ties between markers resolve as there.
  let age = 0;
  for (let i = 0; i < n; i++) {
    const m = mask && mask[i] === 0 ? 0 : markers[i];
    out[i] = m;
    if (m !== 0) heap.push(image[i], 0, i);
  }
  const nb = new Int32Array(offs.length);
  while (heap.size > 0) {
    const i = heap.pop();
    const m = neighbourIndices(i, width, height, depth, offs, nb);
    for (let t = 0; t < m; t++) {
      const j = nb[t];
      if (out[j] !== 0 || (mask && mask[j] === 0)) continue;
      out[j] = out[i];
      heap.push(image[j], ++age, j);
    }
  }
  return out;
}
