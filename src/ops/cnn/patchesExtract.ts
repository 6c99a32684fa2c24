/**
 * Fills a training batch from patch corners without copying the images: network input normalised
 * per frame as (x − mean_f) / std_f (the model's `zscore` normalisation), one-hot targets and the
 * labelled-pixel mask, all NHWC (`[n, p, p, 1]`, `[n, p, p, C]`, `[n, p, p, 1]`).
 */
import type { PixelArray } from '../../runtime/values';

export interface PatchBatch {
  x: Float32Array;
  y: Float32Array;
  mask: Float32Array;
}

export interface PatchesExtractOptions {
  /** Label values below this are unlabelled (mask 0); class = value − labelsStartAt. @default 0 */
  labelsStartAt?: number;
  /** Reuse these buffers (sizes n·p², n·p²·C, n·p²) instead of allocating. */
  out?: PatchBatch;
}

/**
 * @param corners (frame, y, x) triples (from `patchesSample`)
 * @param indices which patches (triple indices) go into the batch, in order
 * @param mean per-frame means, @param std per-frame standard deviations (0 is treated as 1)
 */
export function patchesExtract(
  image: PixelArray,
  labels: ArrayLike<number>,
  width: number,
  height: number,
  corners: Int32Array,
  indices: ArrayLike<number>,
  patch: number,
  classes: number,
  mean: Float64Array,
  std: Float64Array,
  options: PatchesExtractOptions = {},
): PatchBatch {
  const n = indices.length;
  const pp = patch * patch;
  const start = options.labelsStartAt ?? 0;
  const out = options.out ?? { x: new Float32Array(n * pp), y: new Float32Array(n * pp * classes), mask: new Float32Array(n * pp) };
  if (out.x.length < n * pp || out.y.length < n * pp * classes || out.mask.length < n * pp)
    throw new RangeError(`out: buffers too small for ${n} patches of ${patch}×${patch} px and ${classes} classes`);
  out.y.fill(0, 0, n * pp * classes);
  const plane = width * height;
  for (let b = 0; b < n; b++) {
    const t = indices[b];
    const f = corners[3 * t];
    const y0 = corners[3 * t + 1];
    const x0 = corners[3 * t + 2];
    if (y0 < 0 || x0 < 0 || y0 + patch > height || x0 + patch > width || f < 0 || f * plane >= image.length)
      throw new RangeError(`corners: patch ${t} at frame ${f}, (${y0}, ${x0}) is not inside the ${width}×${height} frames`);
    const m = mean[f];
    const inv = std[f] > 0 ? 1 / std[f] : 1;
    for (let r = 0; r < patch; r++) {
      const src = f * plane + (y0 + r) * width + x0;
      const dst = b * pp + r * patch;
      for (let c = 0; c < patch; c++) {
        out.x[dst + c] = (image[src + c] - m) * inv;
        const cls = labels[src + c] - start;
        if (cls >= 0 && cls < classes) {
          out.mask[dst + c] = 1;
          out.y[(dst + c) * classes + cls] = 1;
        } else {
          out.mask[dst + c] = 0;
        }
      }
    }
  }
  return out;
}
