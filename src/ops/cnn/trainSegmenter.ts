/**
 * Trains a segmentation CNN with TF.js as SegmentPy does (Su et al. 2022): patches cut from
 * (image, labels) pairs, one random augmentation per patch, Dice and/or cross-entropy loss over
 * labelled pixels, Adam with a learning-rate schedule, batches and epochs. After every epoch the
 * network is evaluated on the validation patches (loss, per-class IoU, pixel accuracy); the weights
 * with the best mean validation IoU are kept. An aborted `signal` stops training before the next
 * batch and still returns the best model so far (`stopped: true`).
 * Input normalisation is per frame `(x − mean) / std` (model normalisation `zscore`).
 */
import * as tf from '@tensorflow/tfjs';
import type { PixelArray } from '../../runtime/values';
import { reduceStats } from '../array/reduceStats';
import { seededUniform } from '../segment/assertSamples';
import { augmentPatch } from './augmentPatch';
import { lossesCrossEntropy } from './lossesCrossEntropy';
import { lossesDice } from './lossesDice';
import { lrSchedule, type LrScheduleKind } from './lrSchedule';
import { patchesExtract, type PatchBatch } from './patchesExtract';
import { patchesSample } from './patchesSample';
import { encodeTfjsArtifacts } from './tfjsArtifacts';
import { tfjsInitBackend, type TfjsBackendName } from './tfjsInitBackend';
import { tfjsLrcsNet } from './tfjsLrcsNet';
import { tfjsUNet } from './tfjsUNet';
import { trainIouMetrics } from './trainIouMetrics';

export interface TrainingData {
  /** Frames × height × width pixels (one frame for a single image). */
  image: PixelArray;
  /** Class per pixel, same layout; values below `labelsStartAt` are unlabelled. */
  labels: Uint8Array | Uint16Array;
  width: number;
  height: number;
  frames: number;
}

export interface TrainSegmenterOptions {
  /** Network. @default 'lrcs-net' */
  architecture?: 'lrcs-net' | 'u-net';
  /** Number of classes C. @default 3 */
  classes?: number;
  /** Channel width of the first level. @default 16 */
  channels?: number;
  /** Convolution kernel side (odd). @default 3 */
  kernel?: number;
  /** Patch side in pixels, a multiple of 8. @default 64 */
  patch?: number;
  /** Patches per batch. @default 8 */
  batch?: number;
  /** Epochs. @default 5 */
  epochs?: number;
  /** Batches per epoch; null: every training patch once per epoch. @default null */
  stepsPerEpoch?: number | null;
  /** Initial learning rate. @default 1e-3 */
  lr?: number;
  /** Learning-rate schedule. @default 'constant' */
  schedule?: LrScheduleKind;
  /** Schedule decay factor per period. @default 0.5 */
  decay?: number;
  /** Schedule period in epochs. @default 1 */
  decayEpochs?: number;
  /** Loss. @default 'both' */
  loss?: 'dice' | 'cross-entropy' | 'both';
  /** Random augmentation of each training patch. @default true */
  augment?: boolean;
  /** Validation share. @default 0.2 */
  validationFraction?: number;
  /** Split by slice or by position. @default 'position' */
  splitBy?: 'slice' | 'position';
  /** Label values below this are unlabelled (1: label 0 marks unpainted pixels). @default 0 */
  labelsStartAt?: number;
  /** Seed of weights, patch order, augmentation and split. @default 0 */
  seed?: number;
  /** TF.js backends to try in order. @default ['webgpu', 'wasm', 'cpu'] */
  backends?: TfjsBackendName[];
  /**
   * Called with the encoded model each time an epoch gives a new best validation IoU (to keep a
   * checkpoint outside, e.g. a file that survives a cancel). @default none
   */
  onBest?: (bytes: Uint8Array, record: TrainProgress) => void | Promise<void>;
}

export interface TrainProgress {
  phase: 'step' | 'epoch';
  /** 1-based epoch. */
  epoch: number;
  /** Global step (batches done so far). */
  step: number;
  totalSteps: number;
  /** Training loss: of this batch ('step'), mean over the epoch ('epoch'). */
  loss: number;
  lr: number;
  /** 'epoch' only: validation loss, per-class IoU, mean IoU and pixel accuracy. */
  valLoss?: number;
  valIou?: Float64Array;
  valMeanIou?: number;
  valAccuracy?: number;
}

export interface TrainSegmenterResult {
  /** The best model's bytes (`encodeTfjsArtifacts`). */
  bytes: Uint8Array;
  /** Epoch (1-based) whose weights were kept; 0 when stopped before the first validation. */
  bestEpoch: number;
  /** One record per finished epoch. */
  history: TrainProgress[];
  /** Validation IoU per class of the kept weights (NaN where undefined). */
  valIou: Float64Array;
  valMeanIou: number;
  valAccuracy: number;
  stopped: boolean;
  backend: TfjsBackendName;
  trainPatches: number;
  validationPatches: number;
}

/** Per-frame mean and (population) standard deviation: the zscore statistics. */
function frameStats(image: PixelArray, plane: number, frames: number): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(frames);
  const std = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    const r = reduceStats(image.subarray(f * plane, (f + 1) * plane), { op: `image frame ${f}` });
    mean[f] = r.sum / r.count;
    std[f] = Math.sqrt(Math.max(0, r.sumSquares / r.count - mean[f] * mean[f]));
  }
  return { mean, std };
}

function lossOf(kind: 'dice' | 'cross-entropy' | 'both', y: tf.Tensor, p: tf.Tensor, m: tf.Tensor): tf.Scalar {
  if (kind === 'dice') return lossesDice(y, p, m);
  if (kind === 'cross-entropy') return lossesCrossEntropy(y, p, m);
  return tf.add(lossesDice(y, p, m), lossesCrossEntropy(y, p, m)) as tf.Scalar;
}

export async function trainSegmenter(
  data: TrainingData,
  options: TrainSegmenterOptions = {},
  onProgress?: (p: TrainProgress) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<TrainSegmenterResult> {
  const { width, height, frames } = data;
  const plane = width * height;
  const classes = options.classes ?? 3;
  const patch = options.patch ?? 64;
  const batch = options.batch ?? 8;
  const epochs = options.epochs ?? 5;
  const seed = options.seed ?? 0;
  const start = options.labelsStartAt ?? 0;
  const lossKind = options.loss ?? 'both';
  if (data.image.length !== plane * frames)
    throw new RangeError(`image: expected ${frames}×${height}×${width} = ${plane * frames} pixels, got ${data.image.length}`);
  if (data.labels.length !== plane * frames)
    throw new RangeError(`labels: expected ${plane * frames} values (same size as the image), got ${data.labels.length}`);
  if (!Number.isInteger(patch) || patch % 8 !== 0) throw new RangeError(`patch: expected a multiple of 8 px, got ${patch}`);
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch: expected an integer ≥ 1, got ${batch}`);
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`epochs: expected an integer ≥ 1, got ${epochs}`);
  if (lossKind !== 'dice' && lossKind !== 'cross-entropy' && lossKind !== 'both')
    throw new RangeError(`loss: expected "dice", "cross-entropy" or "both", got ${JSON.stringify(lossKind)}`);
  for (let i = 0; i < data.labels.length; i++) {
    if (data.labels[i] - start >= classes)
      throw new RangeError(
        `labels: value ${data.labels[i]} at pixel ${i} is class ${data.labels[i] - start}, but there are ${classes} classes (0..${classes - 1}${start ? `, labels ${start}..${classes - 1 + start}` : ''})`,
      );
  }

  const sets = patchesSample(data.labels, width, height, frames, {
    patch,
    validationFraction: options.validationFraction ?? 0.2,
    splitBy: options.splitBy ?? 'position',
    seed,
    labelsStartAt: start,
  });
  const nTrain = sets.train.length / 3;
  const nVal = sets.validation.length / 3;
  if (nTrain === 0) throw new RangeError('labels: no training patch holds a labelled pixel; label (paint) more of the training part');
  if (nVal === 0)
    throw new RangeError('labels: no validation patch holds a labelled pixel; label (paint) some pixels in the validation part (bottom rows, or the validation slices)');

  const backend = await tfjsInitBackend({ prefer: options.backends });
  const build = options.architecture === 'u-net' ? tfjsUNet : tfjsLrcsNet;
  const model = build({ classes, channels: options.channels ?? 16, kernel: options.kernel ?? 3, seed });
  const { mean, std } = frameStats(data.image, plane, frames);
  const stepsPerEpoch = options.stepsPerEpoch ?? Math.ceil(nTrain / batch);
  const totalSteps = stepsPerEpoch * epochs;
  const lr0 = options.lr ?? 1e-3;
  const schedule = { lr0, kind: options.schedule ?? 'constant', k: options.decay ?? 0.5, period: Math.max(1, (options.decayEpochs ?? 1) * stepsPerEpoch) };
  const optimizer = tf.train.adam(lr0);
  const rand = seededUniform(seed + 1);
  const augment = options.augment ?? true;
  const buf: PatchBatch = { x: new Float32Array(batch * patch * patch), y: new Float32Array(batch * patch * patch * classes), mask: new Float32Array(batch * patch * patch) };
  const order = Int32Array.from({ length: nTrain }, (_, i) => i);
  let cursor = nTrain; // forces a shuffle at the first batch

  const history: TrainProgress[] = [];
  let best: tf.Tensor[] | null = null;
  let bestEpoch = 0;
  let bestRecord: TrainProgress | null = null;
  let step = 0;
  let stopped = false;

  const validate = (): { loss: number; iou: Float64Array; meanIou: number; accuracy: number } => {
    const pred = new Uint8Array(nVal * patch * patch);
    const truth = new Int32Array(nVal * patch * patch);
    let lossSum = 0;
    for (let b0 = 0; b0 < nVal; b0 += batch) {
      const n = Math.min(batch, nVal - b0);
      const idx = Int32Array.from({ length: n }, (_, i) => b0 + i);
      patchesExtract(data.image, data.labels, width, height, sets.validation, idx, patch, classes, mean, std, { labelsStartAt: start, out: buf });
      const [l, am] = tf.tidy(() => {
        const xs = tf.tensor4d(buf.x.subarray(0, n * patch * patch), [n, patch, patch, 1]);
        const ys = tf.tensor4d(buf.y.subarray(0, n * patch * patch * classes), [n, patch, patch, classes]);
        const ms = tf.tensor4d(buf.mask.subarray(0, n * patch * patch), [n, patch, patch, 1]);
        const p = model.predict(xs) as tf.Tensor;
        return [lossOf(lossKind, ys, p, ms), tf.argMax(p, -1)];
      });
      lossSum += (l.dataSync()[0] ?? 0) * n;
      pred.set(am.dataSync(), b0 * patch * patch);
      l.dispose();
      am.dispose();
      for (let i = 0; i < n * patch * patch; i++) {
        const m = buf.mask[i];
        let cls = -1;
        if (m > 0) for (let c = 0; c < classes; c++) if (buf.y[i * classes + c] > 0) cls = c;
        truth[b0 * patch * patch + i] = cls;
      }
    }
    const metrics = trainIouMetrics(pred, truth, classes, { ignore: -1 });
    return { loss: lossSum / nVal, iou: metrics.iou, meanIou: metrics.meanIou, accuracy: metrics.accuracy };
  };

  try {
    for (let epoch = 1; epoch <= epochs && !stopped; epoch++) {
      let epochLoss = 0;
      let epochSteps = 0;
      let lr = lr0;
      for (let s = 0; s < stepsPerEpoch; s++) {
        if (signal?.aborted) {
          stopped = true;
          break;
        }
        const idx = new Int32Array(batch);
        for (let i = 0; i < batch; i++) {
          if (cursor >= nTrain) {
            for (let k = nTrain - 1; k > 0; k--) {
              const j = Math.floor(rand() * (k + 1));
              const t = order[k];
              order[k] = order[j];
              order[j] = t;
            }
            cursor = 0;
          }
          idx[i] = order[cursor++];
        }
        patchesExtract(data.image, data.labels, width, height, sets.train, idx, patch, classes, mean, std, { labelsStartAt: start, out: buf });
        if (augment) for (let b = 0; b < batch; b++) augmentPatch(buf.x, buf.y, buf.mask, b, patch, classes, rand);
        lr = lrSchedule(step, schedule);
        (optimizer as unknown as { learningRate: number }).learningRate = lr;
        const cost = tf.tidy(() => {
          const xs = tf.tensor4d(buf.x, [batch, patch, patch, 1]);
          const ys = tf.tensor4d(buf.y, [batch, patch, patch, classes]);
          const ms = tf.tensor4d(buf.mask, [batch, patch, patch, 1]);
          return optimizer.minimize(() => lossOf(lossKind, ys, model.apply(xs, { training: true }) as tf.Tensor, ms), true) as tf.Scalar;
        });
        const loss = (await cost.data())[0] ?? NaN;
        cost.dispose();
        step++;
        epochLoss += loss;
        epochSteps++;
        await onProgress?.({ phase: 'step', epoch, step, totalSteps, loss, lr });
      }
      if (epochSteps === 0) break;
      const v = validate();
      const record: TrainProgress = {
        phase: 'epoch',
        epoch,
        step,
        totalSteps,
        loss: epochLoss / epochSteps,
        lr,
        valLoss: v.loss,
        valIou: v.iou,
        valMeanIou: v.meanIou,
        valAccuracy: v.accuracy,
      };
      history.push(record);
      const score = Number.isNaN(v.meanIou) ? -1 : v.meanIou;
      const bestScore = bestRecord ? (Number.isNaN(bestRecord.valMeanIou!) ? -1 : bestRecord.valMeanIou!) : -Infinity;
      if (score > bestScore) {
        best?.forEach((t) => t.dispose());
        best = model.getWeights().map((w) => w.clone());
        bestEpoch = epoch;
        bestRecord = record;
        if (options.onBest) await options.onBest(await encodeTfjsArtifacts(model), record);
      }
      await onProgress?.(record);
    }
    if (best) model.setWeights(best);
    const bytes = await encodeTfjsArtifacts(model);
    return {
      bytes,
      bestEpoch,
      history,
      valIou: bestRecord?.valIou ?? new Float64Array(classes).fill(NaN),
      valMeanIou: bestRecord?.valMeanIou ?? NaN,
      valAccuracy: bestRecord?.valAccuracy ?? NaN,
      stopped,
      backend,
      trainPatches: nTrain,
      validationPatches: nVal,
    };
  } finally {
    best?.forEach((t) => t.dispose());
    optimizer.dispose();
    model.dispose();
  }
}
