/**
 * Where training and validation patches come from: SegmentPy cuts patches on a grid (stride 5) out
 * of `N.tif` / `N_label.tif` pairs and splits them 0.9 / 0.1. Here the split is made so that no
 * validation pixel is ever seen in training:
 * - `slice`: whole frames go to validation (a seeded choice of round(frames·fraction) ≥ 1 frames);
 * - `position`: in every frame, the bottom max(patch, round(height·fraction)) rows are validation
 *   and the rows above them training.
 * Training patches lie on a grid of step `stride` inside the training part, validation patches on a
 * grid of step `patch` (plus one flush with the far edge) inside the validation part. Only patches
 * holding at least one labelled pixel are kept (scribbles may label a few pixels only).
 * Returns patch corners as (frame, y, x) triples; nothing is copied.
 */
import { seededUniform } from '../segment/assertSamples';

export interface PatchesSampleOptions {
  /** Side of the square patches in pixels (≥ 8). @default 64 */
  patch?: number;
  /** Grid step of training patches in pixels (≥ 1). @default patch / 4 */
  stride?: number;
  /** Fraction of the data kept for validation, in (0, 0.9]. @default 0.2 */
  validationFraction?: number;
  /** Split by whole slices (frames) or by position (bottom rows of every frame). @default 'position' */
  splitBy?: 'slice' | 'position';
  /** Seed of the choice of validation slices. @default 0 */
  seed?: number;
  /** Label values below this are "unlabelled" (1 when 0 marks unpainted pixels). @default 0 */
  labelsStartAt?: number;
}

export interface PatchSets {
  patch: number;
  /** (frame, y, x) of each training patch's top-left corner. */
  train: Int32Array;
  /** (frame, y, x) of each validation patch's top-left corner. */
  validation: Int32Array;
  /** Frames used for validation (`slice` split), else empty. */
  validationFrames: number[];
}

function gridStarts(from: number, to: number, patch: number, step: number): number[] {
  const out: number[] = [];
  const last = to - patch;
  if (last < from) return out;
  for (let s = from; s <= last; s += step) out.push(s);
  if (out[out.length - 1] !== last) out.push(last);
  return out;
}

export function patchesSample(
  labels: ArrayLike<number>,
  width: number,
  height: number,
  frames: number,
  options: PatchesSampleOptions = {},
): PatchSets {
  const patch = options.patch ?? 64;
  const stride = options.stride ?? Math.max(1, Math.floor(patch / 4));
  const fraction = options.validationFraction ?? 0.2;
  const splitBy = options.splitBy ?? 'position';
  const start = options.labelsStartAt ?? 0;
  if (!Number.isInteger(patch) || patch < 8) throw new RangeError(`patch: expected an integer ≥ 8 px, got ${patch}`);
  if (!Number.isInteger(stride) || stride < 1) throw new RangeError(`stride: expected an integer ≥ 1 px, got ${stride}`);
  if (!(fraction > 0 && fraction <= 0.9)) throw new RangeError(`validationFraction: expected a value in (0, 0.9], got ${fraction}`);
  if (labels.length !== width * height * frames)
    throw new RangeError(`labels: expected ${frames}×${height}×${width} = ${width * height * frames} values, got ${labels.length}`);
  if (patch > width || patch > height) throw new RangeError(`patch: ${patch} px is larger than the ${width}×${height} image`);

  let valFrames: number[] = [];
  let trainRows = height;
  if (splitBy === 'slice') {
    if (frames < 2) throw new RangeError(`splitBy: "slice" needs at least 2 frames, got ${frames}; split by position instead`);
    const nVal = Math.min(frames - 1, Math.max(1, Math.round(frames * fraction)));
    const rand = seededUniform(options.seed ?? 0);
    const order = Array.from({ length: frames }, (_, i) => i);
    for (let i = frames - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    valFrames = order.slice(0, nVal).sort((a, b) => a - b);
  } else if (splitBy === 'position') {
    const valRows = Math.max(patch, Math.round(height * fraction));
    trainRows = height - valRows;
    if (trainRows < patch)
      throw new RangeError(
        `validationFraction: ${fraction} leaves ${trainRows} training rows of ${height}, fewer than one ${patch}-px patch; use a smaller patch or fraction`,
      );
  } else {
    throw new RangeError(`splitBy: expected "slice" or "position", got ${JSON.stringify(splitBy)}`);
  }

  // Labelled-pixel counts by summed-area table, one frame at a time.
  const sat = new Int32Array((width + 1) * (height + 1));
  const train: number[] = [];
  const validation: number[] = [];
  const plane = width * height;
  for (let f = 0; f < frames; f++) {
    for (let y = 0; y < height; y++) {
      let row = 0;
      const o = f * plane + y * width;
      for (let x = 0; x < width; x++) {
        if (labels[o + x] >= start) row++;
        sat[(y + 1) * (width + 1) + x + 1] = sat[y * (width + 1) + x + 1] + row;
      }
    }
    const labelled = (y: number, x: number) =>
      sat[(y + patch) * (width + 1) + x + patch] - sat[y * (width + 1) + x + patch] - sat[(y + patch) * (width + 1) + x] + sat[y * (width + 1) + x] > 0;
    const add = (into: number[], ys: number[], xs: number[]) => {
      for (const y of ys) for (const x of xs) if (labelled(y, x)) into.push(f, y, x);
    };
    if (splitBy === 'slice') {
      if (valFrames.includes(f)) add(validation, gridStarts(0, height, patch, patch), gridStarts(0, width, patch, patch));
      else add(train, gridStarts(0, height, patch, stride), gridStarts(0, width, patch, stride));
    } else {
      add(train, gridStarts(0, trainRows, patch, stride), gridStarts(0, width, patch, stride));
      add(validation, gridStarts(trainRows, height, patch, patch), gridStarts(0, width, patch, patch));
    }
  }
  return { patch, train: Int32Array.from(train), validation: Int32Array.from(validation), validationFrames: valFrames };
}
