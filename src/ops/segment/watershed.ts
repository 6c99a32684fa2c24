import { assertVolume, neighbourOffsets, type VolumeData } from './assertVolume';

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
 * Binary min-heap of (value, age, index), ordered by value then age; push sifts up and pop moves
 * the last item to the root and sifts down, as skimage's `heap_general.pxi`.
 */
class FloodHeap {
  value = new Float64Array(1024);
  age = new Float64Array(1024);
  index = new Int32Array(1024);
  size = 0;
  private less(a: number, b: number): boolean {
    return this.value[a] < this.value[b] || (this.value[a] === this.value[b] && this.age[a] < this.age[b]);
  }
  private swap(a: number, b: number): void {
    const v = this.value[a], g = this.age[a], i = this.index[a];
    this.value[a] = this.value[b]; this.age[a] = this.age[b]; this.index[a] = this.index[b];
    this.value[b] = v; this.age[b] = g; this.index[b] = i;
  }
  push(value: number, age: number, index: number): void {
    if (this.size === this.value.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.value = grow(this.value, (n) => new Float64Array(n));
      this.age = grow(this.age, (n) => new Float64Array(n));
      this.index = grow(this.index, (n) => new Int32Array(n));
    }
    let c = this.size++;
    this.value[c] = value;
    this.age[c] = age;
    this.index[c] = index;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (!this.less(c, p)) break;
      this.swap(c, p);
      c = p;
    }
  }
  /** Removes the smallest element and returns its index field. */
  pop(): number {
    const top = this.index[0];
    this.size--;
    if (this.size > 0) {
      this.value[0] = this.value[this.size];
      this.age[0] = this.age[this.size];
      this.index[0] = this.index[this.size];
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < this.size && this.less(l, m)) m = l;
        if (r < this.size && this.less(r, m)) m = r;
        if (m === c) break;
        this.swap(c, m);
        c = m;
      }
    }
    return top;
  }
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
  const plane = width * height;
  const heap = new FloodHeap();
  // Markers all enter with age 0, in raster order; flooded pixels get increasing ages. With the
  // same binary-heap moves as skimage's heap, ties between markers resolve as there.
  let age = 0;
  for (let i = 0; i < n; i++) {
    const m = mask && mask[i] === 0 ? 0 : markers[i];
    out[i] = m;
    if (m !== 0) heap.push(image[i], 0, i);
  }
  while (heap.size > 0) {
    const i = heap.pop();
    const z = Math.floor(i / plane);
    const y = Math.floor((i - z * plane) / width);
    const x = i - z * plane - y * width;
    for (const [dz, dy, dx] of offs) {
      const zz = z + dz;
      const yy = y + dy;
      const xx = x + dx;
      if (zz < 0 || zz >= depth || yy < 0 || yy >= height || xx < 0 || xx >= width) continue;
      const j = zz * plane + yy * width + xx;
      if (out[j] !== 0 || (mask && mask[j] === 0)) continue;
      out[j] = out[i];
      heap.push(image[j], ++age, j);
    }
  }
  return out;
}
