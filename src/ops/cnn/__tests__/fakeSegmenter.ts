import type { Segmenter } from '../segmenter';

/**
 * A network stand-in that is a pure function of each pixel's (2r+1)² neighbourhood: the box mean m
 * (zeros outside the tile, as a padded convolution sees them), logits a_c·m + b_c, softmax. Records
 * the tile sizes and batch sizes it was given.
 */
export class BoxSoftmaxSegmenter implements Segmenter {
  readonly backend = 'fake';
  readonly calls: { n: number; h: number; w: number }[] = [];
  constructor(
    readonly radius: number,
    readonly a: number[] = [-2, 0.5, 3],
    readonly b: number[] = [0.3, 0, -0.4],
    readonly multipleOf = 8,
  ) {}
  get classes(): number {
    return this.a.length;
  }
  predict(batch: Float32Array, n: number, h: number, w: number): Promise<Float32Array> {
    if (h % this.multipleOf !== 0 || w % this.multipleOf !== 0) throw new Error(`tile ${h}×${w} is not a multiple of ${this.multipleOf}`);
    if (batch.length !== n * h * w) throw new Error('batch length');
    this.calls.push({ n, h, w });
    const C = this.classes;
    const out = new Float32Array(n * C * h * w);
    const r = this.radius;
    const area = (2 * r + 1) ** 2;
    for (let t = 0; t < n; t++) {
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          let s = 0;
          for (let dy = -r; dy <= r; dy++) {
            const yy = y + dy;
            if (yy < 0 || yy >= h) continue;
            for (let dx = -r; dx <= r; dx++) {
              const xx = x + dx;
              if (xx >= 0 && xx < w) s += batch[t * h * w + yy * w + xx];
            }
          }
          softmaxInto(s / area, this.a, this.b, out, t * C * h * w + y * w + x, h * w);
        }
      }
    }
    return Promise.resolve(out);
  }
  dispose(): Promise<void> {
    return Promise.resolve();
  }
}

/** softmax(a·m + b) written at out[at + c·step]. */
export function softmaxInto(m: number, a: number[], b: number[], out: Float32Array | Float64Array, at: number, step: number): void {
  let max = -Infinity;
  for (let c = 0; c < a.length; c++) max = Math.max(max, a[c] * m + b[c]);
  let sum = 0;
  for (let c = 0; c < a.length; c++) sum += Math.exp(a[c] * m + b[c] - max);
  for (let c = 0; c < a.length; c++) out[at + c * step] = Math.exp(a[c] * m + b[c] - max) / sum;
}

/** numpy.pad 'reflect' index, written independently of the code under test (explicit unfolding). */
export function mirrorIndex(i: number, n: number): number {
  if (n === 1) return 0;
  while (i < 0 || i >= n) i = i < 0 ? -i : 2 * (n - 1) - i;
  return i;
}

/** The untiled reference: the same network applied once to the whole slice extended by reflection. */
export function untiledBoxSoftmax(img: Float32Array, width: number, height: number, seg: BoxSoftmaxSegmenter, scale: number, offset: number): Float64Array {
  const C = seg.classes;
  const r = seg.radius;
  const area = (2 * r + 1) ** 2;
  const out = new Float64Array(C * width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let dy = -r; dy <= r; dy++) {
        for (let dx = -r; dx <= r; dx++) s += img[mirrorIndex(y + dy, height) * width + mirrorIndex(x + dx, width)] * scale + offset;
      }
      softmaxInto(s / area, seg.a, seg.b, out, y * width + x, width * height);
    }
  }
  return out;
}
