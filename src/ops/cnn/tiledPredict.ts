import type { ModelValue } from '../../runtime/values';
import { assertImageData, assertOut, type ImageData2D } from '../image/assertImageData';
import type { Segmenter } from './segmenter';

export interface TiledPredictOptions {
  /** How raw pixels become network input (the model's `normalization`; z-score over the whole slice). */
  normalization: ModelValue['normalization'];
  /**
   * Tile side in pixels; a multiple of `multipleOf`. Slices smaller than a tile (plus the margins)
   * use one smaller tile, rounded up to `multipleOf`.
   * @default 256
   */
  tileSize?: number;
  /**
   * Overlap of neighbouring tiles in pixels (0 ≤ overlap < tileSize). The slice is also extended by
   * overlap/2 on each side by reflection, so border pixels get context like interior ones.
   * @default 32
   */
  overlap?: number;
  /**
   * Network input sizes must be multiples of this (8 for three 2× poolings).
   * @default 8
   */
  multipleOf?: number;
  /**
   * How overlapping predictions are combined. `linear`: weights 0 within overlap/4 of a tile's edge,
   * rising linearly to 1 at overlap − overlap/4, so seams fade; exact (equal to one untiled pass over
   * the reflected slice) when the network's receptive-field radius is ≤ ⌊overlap/4⌋. `centre`: each
   * pixel from the tile in whose centre part it lies (⌊overlap/2⌋ from the edges); exact for radius
   * ≤ ⌊overlap/2⌋, but a larger receptive field shows seams.
   * @default 'linear'
   */
  blend?: 'linear' | 'centre';
  /**
   * Tiles per call to the network.
   * @default 4
   */
  batchSize?: number;
  /** Also return the blended class probabilities (C × height × width). @default false */
  probabilities?: boolean;
  /** Output buffer for the labels (width·height); allocated when absent. */
  labelsOut?: Uint8Array;
  /** Output buffer for the probabilities (C·width·height, class-major); used (and returned) when given. */
  probabilitiesOut?: Float32Array;
  /** Awaited after every batch with tiles done and tiles in all; may throw to cancel. */
  onProgress?: (done: number, total: number) => Promise<void> | void;
  /** Checked before every batch; an aborted signal stops with its reason. */
  signal?: AbortSignal;
}

export interface TiledPredictResult {
  /** argmax class per pixel (ties: the lower class index), width·height. */
  labels: Uint8Array;
  /** Blended probabilities C × height × width, when asked for. */
  probabilities?: Float32Array;
  /** Number of classes C. */
  classes: number;
  /** Tiles predicted. */
  tiles: number;
}

/** Per axis: tile size, tile count, stride, margin h, padded→image index table and tile weights. */
interface AxisPlan {
  tile: number;
  count: number;
  stride: number;
  /** Image coordinate of padded coordinate u is index[u] (reflection beyond the edges). */
  index: Int32Array;
  /** Blend weight of each position inside a tile. */
  weight: Float64Array;
  /** Sum over tiles of the weight at each image coordinate (never 0). */
  total: Float64Array;
}

/** numpy.pad 'reflect' (edge not repeated), periodic for pads wider than the image. */
function reflect(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let m = i % period;
  if (m < 0) m += period;
  return m >= n ? period - m : m;
}

function planAxis(n: number, tileSize: number, overlap: number, multipleOf: number, blend: 'linear' | 'centre'): AxisPlan {
  const h = overlap >> 1;
  const need = n + 2 * h;
  const tile = Math.min(tileSize, Math.ceil(need / multipleOf) * multipleOf);
  const stride = tileSize - overlap;
  const count = tile < tileSize || need <= tileSize ? 1 : Math.ceil((need - tileSize) / stride) + 1;
  const padded = (count - 1) * stride + tile;
  const index = new Int32Array(padded);
  for (let u = 0; u < padded; u++) index[u] = reflect(u - h, n);
  const weight = new Float64Array(tile);
  const q = overlap >> 2;
  for (let i = 0; i < tile; i++) {
    const e = Math.min(i, tile - 1 - i);
    weight[i] = blend === 'centre' ? (e >= h ? 1 : 0) : e < q ? 0 : Math.min(1, (e - q + 1) / (overlap - 2 * q + 1));
  }
  const total = new Float64Array(n);
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < tile; i++) {
      const x = k * stride + i - h;
      if (x >= 0 && x < n) total[x] += weight[i];
    }
  }
  return { tile, count, stride, index, weight, total };
}

function checkInt(name: string, v: number, min: number, what: string): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`tiledPredict: ${name} = ${v}, expected ${what}`);
}

/**
 * Segments one slice with a network of any input size by overlapping tiles, the way SegmentPy
 * (Su et al., npj Comput Mater 2022) runs its networks on volumes slice by slice, with the seams
 * of its patch-wise inference removed by overlap blending (as in e.g. MONAI's sliding-window
 * inference): normalise the slice (`normalization`: affine x·scale + offset, or z-score with the
 * slice's mean and population standard deviation), extend it by reflection, cut it into
 * `tileSize`² tiles with `overlap`, predict them in batches through `segmenter`, blend the class
 * probabilities with separable weights (`blend`), and take the argmax per pixel. The normalised
 * slice is never materialised: tiles are filled straight from `data`.
 */
export async function tiledPredict(
  data: ImageData2D,
  width: number,
  height: number,
  segmenter: Segmenter,
  options: TiledPredictOptions,
): Promise<TiledPredictResult> {
  const tileSize = options.tileSize ?? 256;
  const overlap = options.overlap ?? 32;
  const multipleOf = options.multipleOf ?? 8;
  const blend = options.blend ?? 'linear';
  const batchSize = options.batchSize ?? 4;
  assertImageData('tiledPredict', data, width, height);
  checkInt('multipleOf', multipleOf, 1, 'a positive integer');
  if (width < multipleOf || height < multipleOf) {
    throw new RangeError(
      `tiledPredict: the slice is ${width}×${height} px, below the network's minimum of ${multipleOf}×${multipleOf} px (width and height must each be ≥ ${multipleOf})`,
    );
  }
  checkInt('tileSize', tileSize, multipleOf, `an integer ≥ ${multipleOf}`);
  if (tileSize % multipleOf !== 0) {
    throw new RangeError(`tiledPredict: tileSize = ${tileSize}, expected a multiple of ${multipleOf} (the network's size multiple)`);
  }
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= tileSize) {
    throw new RangeError(`tiledPredict: overlap = ${overlap}, expected an integer from 0 to tileSize − 1 = ${tileSize - 1}`);
  }
  checkInt('batchSize', batchSize, 1, 'a positive integer');
  if (blend !== 'linear' && blend !== 'centre') {
    throw new RangeError(`tiledPredict: blend = ${String(blend)}, expected 'linear' or 'centre'`);
  }
  const norm = options.normalization;
  let scale: number;
  let offset: number;
  if (norm.method === 'affine') {
    scale = norm.scale;
    offset = norm.offset;
  } else {
    let sum = 0;
    for (let i = 0; i < data.length; i++) sum += data[i];
    const mean = sum / data.length;
    let ss = 0;
    for (let i = 0; i < data.length; i++) ss += (data[i] - mean) * (data[i] - mean);
    const std = Math.sqrt(ss / data.length);
    scale = std > 0 ? 1 / std : 1;
    offset = -mean * scale;
  }
  const C = segmenter.classes;
  if (!Number.isInteger(C) || C < 1 || C > 256) {
    throw new RangeError(`tiledPredict: the network has ${C} classes, expected 1 to 256 (labels are 8-bit)`);
  }
  const plane = width * height;
  assertOut('tiledPredict (labelsOut)', options.labelsOut, plane);
  assertOut('tiledPredict (probabilitiesOut)', options.probabilitiesOut, C * plane);

  const py = planAxis(height, tileSize, overlap, multipleOf, blend);
  const px = planAxis(width, tileSize, overlap, multipleOf, blend);
  const th = py.tile;
  const tw = px.tile;
  const tilePixels = th * tw;
  const total = py.count * px.count;
  const hy = overlap >> 1;
  const hx = overlap >> 1;

  const acc = options.probabilitiesOut ?? new Float32Array(C * plane);
  acc.fill(0);
  const batch = new Float32Array(Math.min(batchSize, total) * tilePixels);
  const origins: number[] = []; // [ty, tx] of the tiles in the current batch

  let done = 0;
  for (let start = 0; start < total; start += batchSize) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('cancelled');
    const n = Math.min(batchSize, total - start);
    origins.length = 0;
    for (let b = 0; b < n; b++) {
      const t = start + b;
      const u0 = Math.floor(t / px.count) * py.stride;
      const v0 = (t % px.count) * px.stride;
      origins.push(u0, v0);
      let o = b * tilePixels;
      for (let i = 0; i < th; i++) {
        const row = py.index[u0 + i] * width;
        for (let j = 0; j < tw; j++) batch[o++] = data[row + px.index[v0 + j]] * scale + offset;
      }
    }
    const probs = await segmenter.predict(batch.subarray(0, n * tilePixels), n, th, tw);
    if (probs.length !== n * C * tilePixels) {
      throw new Error(
        `tiledPredict: the network (${segmenter.backend}) returned ${probs.length} values for ${n} tile(s) of ${th}×${tw}, expected n·C·h·w = ${n * C * tilePixels}`,
      );
    }
    for (let b = 0; b < n; b++) {
      const u0 = origins[2 * b];
      const v0 = origins[2 * b + 1];
      // Tile rows/columns that land inside the slice.
      const i0 = Math.max(0, hy - u0);
      const i1 = Math.min(th, height + hy - u0);
      const j0 = Math.max(0, hx - v0);
      const j1 = Math.min(tw, width + hx - v0);
      for (let c = 0; c < C; c++) {
        const src = (b * C + c) * tilePixels;
        const dst = c * plane;
        for (let i = i0; i < i1; i++) {
          const wy = py.weight[i];
          if (wy === 0) continue;
          const y = u0 + i - hy;
          const srow = src + i * tw;
          const drow = dst + y * width - hx + v0;
          for (let j = j0; j < j1; j++) {
            const w = wy * px.weight[j];
            if (w !== 0) acc[drow + j] += w * probs[srow + j];
          }
        }
      }
    }
    done += n;
    if (options.onProgress) await options.onProgress(done, total);
  }

  const labels = options.labelsOut ?? new Uint8Array(plane);
  for (let y = 0; y < height; y++) {
    const wy = py.total[y];
    for (let x = 0; x < width; x++) {
      const inv = 1 / (wy * px.total[x]);
      const p = y * width + x;
      let best = 0;
      let bestV = -Infinity;
      for (let c = 0; c < C; c++) {
        const v = acc[c * plane + p] * inv;
        acc[c * plane + p] = v;
        if (v > bestV) {
          bestV = v;
          best = c;
        }
      }
      labels[p] = best;
    }
  }
  return { labels, probabilities: options.probabilities || options.probabilitiesOut ? acc : undefined, classes: C, tiles: total };
}
