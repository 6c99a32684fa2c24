/**
 * segment.train-cnn: trains a SegmentPy-style CNN (LRCS-Net or U-Net) with TensorFlow.js on
 * labelled slices or painted scribbles, with live loss/IoU curves; outputs the model and its
 * training history, and emits it as an `.ofmodel.json` file.
 */
import { defineNode, NodeInputError, AbortError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams, type ParamValues } from '../../runtime/params';
import { deriveMeta, type ModelValue, type TableValue, type Value } from '../../runtime/values';
import type { Preview } from '../../runtime/engineApi';
import { encodeModelFile } from '../../ops/cnn/modelFile';
import type { TrainProgress } from '../../ops/cnn/trainSegmenter';

const params = defineParams({
  architecture: {
    type: 'enum',
    label: 'Network',
    description:
      'U-Net (skip connections: learns fine boundaries fast from few labels) or LRCS-Net (SegmentPy’s trimmed SegNet, no skip connections, a sigmoid bottleneck; needs more epochs).',
    default: 'u-net',
    options: [
      { value: 'u-net', label: 'U-Net', description: '3 levels of two convolutions, max-pool, skip connections' },
      { value: 'lrcs-net', label: 'LRCS-Net', description: 'SegmentPy LRCS11: conv1(cs)…conv4(4cs, sigmoid), decoder 4cs/2cs/2cs/cs' },
    ],
  },
  channels: {
    type: 'integer',
    label: 'Channels',
    description: 'Channel width of the first level (SegmentPy nb_conv; 16–80 there). More learns more but is slower: time grows with its square.',
    default: 8,
    min: 1,
    max: 128,
  },
  kernel: {
    type: 'integer',
    label: 'Kernel',
    description: 'Side of the convolution kernels (SegmentPy conv size: 3, 5, 7 or 9).',
    default: 3,
    min: 1,
    max: 15,
    parity: 'odd',
    unit: 'px',
  },
  patch: {
    type: 'integer',
    label: 'Patch',
    description: 'Side of the square training patches, a multiple of 8 (three 2× poolings). Larger sees more context; SegmentPy hints 80–512.',
    default: 64,
    min: 16,
    max: 512,
    unit: 'px',
  },
  batch: { type: 'integer', label: 'Batch', description: 'Patches per training step (SegmentPy: 8 or 16).', default: 8, min: 1, max: 128 },
  epochs: {
    type: 'integer',
    label: 'Epochs',
    description: 'Training passes; the validation IoU is measured after each and the best epoch’s weights are kept.',
    default: 10,
    min: 1,
    max: 1000,
  },
  stepsPerEpoch: {
    type: 'integer',
    label: 'Steps per epoch',
    description: 'Batches per epoch. Auto: every training patch once (many on large images).',
    default: 50,
    min: 1,
    max: 100000,
    nullable: true,
    nullLabel: 'auto (all patches)',
  },
  lr: {
    type: 'number',
    label: 'Learning rate',
    description: 'Initial Adam learning rate (SegmentPy: 1e-4 … 1e-2).',
    default: 0.001,
    min: 0,
    exclusiveMin: true,
    max: 1,
  },
  schedule: {
    type: 'enum',
    label: 'LR schedule',
    description: 'How the learning rate decays: ramp (staircase) lr·k^floor(epoch/period), exponential lr·k^(epoch/period), or constant.',
    default: 'constant',
    options: [
      { value: 'constant', label: 'constant' },
      { value: 'ramp', label: 'ramp (staircase)' },
      { value: 'exponential', label: 'exponential' },
    ],
  },
  decay: {
    type: 'number',
    label: 'Decay k',
    description: 'Ramp / exponential: factor applied per period.',
    default: 0.5,
    min: 0,
    exclusiveMin: true,
    max: 1,
    advanced: true,
  },
  decayEpochs: { type: 'number', label: 'Decay period', description: 'Ramp / exponential: period in epochs.', default: 5, min: 0, exclusiveMin: true, unit: 'epochs', advanced: true },
  loss: {
    type: 'enum',
    label: 'Loss',
    description: 'Dice 1 − 2Σ(y·p)/Σ(y+p) (robust to class imbalance), cross-entropy −mean(y·log p), or their sum. Unlabelled pixels do not count.',
    default: 'both',
    options: [
      { value: 'both', label: 'Dice + cross-entropy' },
      { value: 'dice', label: 'Dice' },
      { value: 'cross-entropy', label: 'cross-entropy' },
    ],
  },
  augment: {
    type: 'boolean',
    label: 'Augmentation',
    description: 'One random change per patch as SegmentPy: flip, Gaussian noise σ = 0.1, salt & pepper, grey-level shift, or none.',
    default: true,
  },
  validationFraction: {
    type: 'number',
    label: 'Validation share',
    description: 'Part of the data kept out of training to measure IoU and choose the best epoch.',
    default: 0.2,
    min: 0.05,
    max: 0.9,
  },
  splitBy: {
    type: 'enum',
    label: 'Validation split',
    description: 'Keep the bottom rows of every slice for validation, or whole slices (stacks of several labelled slices).',
    default: 'position',
    options: [
      { value: 'position', label: 'by position (bottom rows)' },
      { value: 'slice', label: 'by slice' },
    ],
  },
  labelsStartAt: {
    type: 'integer',
    label: 'Labels start at',
    description:
      '0: every pixel is labelled, classes 0…C−1. 1: painted scribbles, 0 = unlabelled (ignored), classes 1…C. Labels whose class 0 is named "unlabelled" (the pixel classifier’s scribbles output) always start at 1.',
    default: 0,
    min: 0,
    max: 1,
  },
  seed: { type: 'integer', label: 'Seed', description: 'Seed of weights, patch order, augmentation and split: same seed, same model (on the same backend).', default: 0, min: 0 },
  backend: {
    type: 'enum',
    label: 'Backend',
    description: 'Where TF.js runs: auto tries WebGPU, then WASM, then plain JavaScript.',
    default: 'auto',
    options: [
      { value: 'auto', label: 'auto (WebGPU → WASM → CPU)' },
      { value: 'wasm', label: 'WASM' },
      { value: 'cpu', label: 'CPU (JavaScript)' },
    ],
    advanced: true,
  },
  name: {
    type: 'string',
    label: 'Model name',
    description: 'Name of the model and of its file (<name>.ofmodel.json).',
    default: 'trained-cnn',
    pattern: '[A-Za-z0-9._-]+',
  },
});

type P = ParamValues<typeof params>;

/** Loss and IoU curves of the history table (the node's preview after training). */
function historyPlot(history: TableValue): Preview {
  const epoch = history.columns.find((c) => c.name === 'epoch');
  const x = epoch && 'data' in epoch ? epoch.data : new Float64Array(0);
  return {
    type: 'plot',
    xAxis: { name: 'epoch', unit: '' },
    yAxis: { name: 'loss / IoU', unit: '' },
    series: history.columns
      .filter((c): c is Extract<typeof c, { data: Float64Array }> => 'data' in c && c.name !== 'epoch' && c.name !== 'lr')
      .map((c) => ({ label: c.name, x: x.slice(), y: c.data.slice(), style: c.name === 'loss' ? ('line' as const) : ('markers' as const) })),
  };
}

export const trainCnnNode = defineNode({
  type: 'segment.train-cnn',
  version: 1,
  category: 'segment',
  title: 'Train CNN',
  help:
    'Trains a segmentation network in the browser with TensorFlow.js (WebGPU, else WASM, else CPU), as SegmentPy ' +
    '(Su et al., npj Comput Mater 2022): square patches cut from the labelled slices, one random augmentation per ' +
    'patch, Dice and/or cross-entropy over labelled pixels only, Adam with a constant / ramp / exponential learning ' +
    'rate. Labels are classes 0…C−1, or painted scribbles 1…C with 0 = unlabelled (“Labels start at” 1; wire a pixel ' +
    'classifier’s "scribbles" output to train on what was painted there). Part of the ' +
    'data (bottom rows, or whole slices) is kept for validation: after each epoch the per-class IoU is measured there ' +
    'and the weights of the best epoch are kept. The preview shows the loss and IoU curves live while training. ' +
    'Cancel stops training before the next batch; the best model so far is still emitted as <name>.ofmodel.json ' +
    '(download it, or pick it in a CNN segmentation node), while the outputs stay empty. Input is normalised per ' +
    'slice (x − mean)/std. Outputs: the model (metrics: final validation IoU per class) and the history table ' +
    '(epoch, loss, val loss, val IoU per class, lr).',
  inputs: [
    { name: 'images', label: 'Images', kinds: ['image', 'stack'], required: true, description: 'Slices to learn from' },
    { name: 'labels', label: 'Labels', kinds: ['labels'], required: true, description: 'Class per pixel, same size (e.g. painted scribbles)' },
  ],
  outputs: [
    { name: 'model', label: 'Model', kinds: ['model'] },
    { name: 'history', label: 'History', kinds: ['table'] },
  ],
  params,
  check(p) {
    const issues: { param: string; message: string }[] = [];
    if (p.patch % 8 !== 0) issues.push({ param: 'patch', message: `patch: expected a multiple of 8 px (three 2× poolings), got ${p.patch}` });
    return issues;
  },
  preview(_inputs, _p, _frame, outputs?: Record<string, Value>) {
    const h = outputs?.history;
    return h && h.kind === 'table' ? historyPlot(h) : null;
  },
  async run(inputs, p: P, ctx) {
    const img = requireInput(inputs, 'images', ['image', 'stack']);
    const lab = requireInput(inputs, 'labels', ['labels']);
    const frames = img.kind === 'stack' ? img.frames : 1;
    if (lab.width !== img.width || lab.height !== img.height || lab.frames !== frames) {
      throw new NodeInputError(
        `labels: ${lab.frames}×${lab.height}×${lab.width} (frames×height×width), expected the size of images ${frames}×${img.height}×${img.width}`,
      );
    }
    const problems = trainCnnNode.check!(p);
    if (problems.length) throw new NodeInputError(problems[0].message);
    // Painted scribbles (the pixel classifier's "scribbles" output) name class 0 "unlabelled": never a
    // class to learn, so they start at 1 whatever the parameter says.
    const scribbled = lab.classes[0]?.toLowerCase() === 'unlabelled';
    const start = scribbled ? 1 : p.labelsStartAt;
    if (scribbled && p.labelsStartAt === 0) ctx.warn('labels: class 0 is "unlabelled" (painted scribbles): trained on classes 1… only, as with "Labels start at" 1');
    let maxLabel = 0;
    for (let i = 0; i < lab.data.length; i++) if (lab.data[i] > maxLabel) maxLabel = lab.data[i];
    const classes = Math.max(maxLabel - start + 1, lab.classes.length - start, 2);
    const names = Array.from({ length: classes }, (_, c) => lab.classes[c + start] ?? `class ${c + start}`);
    if (maxLabel < start) throw new NodeInputError(`labels: no labelled pixel (all values < ${start}); paint or load labels first`);

    await ctx.progress(0, 'loading TensorFlow.js');
    const { trainSegmenter } = await import('../../ops/cnn/trainSegmenter');
    const { trainCurves } = await import('../../ops/cnn/trainCurves');
    const steps: TrainProgress[] = [];
    const epochs: TrainProgress[] = [];
    const meta = deriveMeta(img.meta, lab.meta);
    const fileName = `${p.name}.ofmodel.json`;
    const makeModel = (bytes: Uint8Array, rec: TrainProgress | null, extra: Record<string, unknown>): ModelValue => {
      const metrics: Record<string, number> = {};
      names.forEach((n, c) => (metrics[`iou.${n}`] = rec?.valIou?.[c] ?? NaN));
      metrics.meanIou = rec?.valMeanIou ?? NaN;
      metrics.accuracy = rec?.valAccuracy ?? NaN;
      return {
        kind: 'model',
        format: 'tfjs',
        bytes,
        name: p.name,
        inputShape: [-1, 1, -1, -1],
        classes: names,
        normalization: { method: 'zscore' },
        metrics,
        multipleOf: 8,
        card: {
          trainedWith: 'OperandoFlow segment.train-cnn (TensorFlow.js)',
          architecture: p.architecture,
          channels: p.channels,
          kernel: p.kernel,
          patch: p.patch,
          batch: p.batch,
          loss: p.loss,
          lr: p.lr,
          schedule: p.schedule,
          augment: p.augment,
          validation: `${p.splitBy}, ${p.validationFraction}`,
          seed: p.seed,
          sources: meta.sources.map((s) => s.name),
          ...extra,
        },
        meta,
      };
    };
    const emitModel = (m: ModelValue) => ctx.emit({ name: fileName, mime: 'application/json', bytes: new TextEncoder().encode(encodeModelFile(m)) });
    const stepsPerEpochOf = (rec: TrainProgress) => rec.totalSteps / p.epochs;

    let result;
    try {
      result = await trainSegmenter(
        { image: img.data, labels: lab.data, width: img.width, height: img.height, frames },
        {
          architecture: p.architecture as 'u-net' | 'lrcs-net',
          classes,
          channels: p.channels,
          kernel: p.kernel,
          patch: p.patch,
          batch: p.batch,
          epochs: p.epochs,
          stepsPerEpoch: p.stepsPerEpoch,
          lr: p.lr,
          schedule: p.schedule as 'constant' | 'ramp' | 'exponential',
          decay: p.decay,
          decayEpochs: p.decayEpochs,
          loss: p.loss as 'both' | 'dice' | 'cross-entropy',
          augment: p.augment,
          validationFraction: p.validationFraction,
          splitBy: p.splitBy as 'position' | 'slice',
          labelsStartAt: start,
          seed: p.seed,
          backends: p.backend === 'auto' ? ['webgpu', 'wasm', 'cpu'] : [p.backend as 'wasm' | 'cpu'],
          // Checkpoint: the best model so far as a file, so a cancel still leaves it.
          onBest: (bytes, rec) => emitModel(makeModel(bytes, rec, { bestEpoch: rec.epoch, epochs: rec.epoch })),
        },
        async (rec) => {
          (rec.phase === 'step' ? steps : epochs).push(rec);
          ctx.livePreview?.(trainCurves(steps, epochs, names, stepsPerEpochOf(rec)));
          const msg =
            rec.phase === 'step'
              ? `epoch ${rec.epoch}/${p.epochs}, step ${rec.step}/${rec.totalSteps}, loss ${rec.loss.toPrecision(3)}`
              : `epoch ${rec.epoch}: val loss ${rec.valLoss?.toPrecision(3)}, mean IoU ${rec.valMeanIou?.toFixed(3)}`;
          try {
            await ctx.progress(rec.step / rec.totalSteps, msg);
          } catch (err) {
            // Cancelled: the trainer sees the signal before the next batch and keeps the best model.
            if (!(err instanceof AbortError)) throw err;
          }
        },
        ctx.signal,
      );
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    if (result.stopped) throw new AbortError();
    const best = result.history.find((h) => h.epoch === result.bestEpoch) ?? null;
    const model = makeModel(result.bytes, best, { bestEpoch: result.bestEpoch, epochs: result.history.length, backend: result.backend });
    emitModel(model);
    if (result.backend !== 'webgpu') ctx.warn(`trained on ${result.backend} (no WebGPU adapter): slower than on a GPU`);
    const col = (name: string, data: Float64Array) => ({ name, unit: '', data });
    const h = result.history;
    const history: TableValue = {
      kind: 'table',
      rows: h.length,
      columns: [
        col('epoch', Float64Array.from(h, (r) => r.epoch)),
        col('loss', Float64Array.from(h, (r) => r.loss)),
        col('val loss', Float64Array.from(h, (r) => r.valLoss ?? NaN)),
        ...names.map((n, c) => col(`val IoU ${n}`, Float64Array.from(h, (r) => r.valIou?.[c] ?? NaN))),
        col('lr', Float64Array.from(h, (r) => r.lr)),
      ],
      meta: deriveMeta(meta),
    };
    await ctx.progress(1, `best epoch ${result.bestEpoch}: mean IoU ${result.valMeanIou.toFixed(3)} (${result.backend})`);
    return { model, history };
  },
});
