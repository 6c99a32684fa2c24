import { describe, expect, it } from 'vitest';
import { trainCnnNode } from '../trainCnn';
import { AbortError, NodeInputError } from '../../../runtime/nodeDefinition';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type LabelsValue } from '../../../runtime/values';
import type { Preview } from '../../../runtime/engineApi';
import { decodeModelFile } from '../../../ops/cnn/modelFile';
import { createTfjsSegmenter } from '../../../ops/cnn/tfjsSegmenter';
import { trainIouMetrics } from '../../../ops/cnn/trainIouMetrics';
import { twoPhase } from '../../../ops/cnn/__tests__/twoPhase';
import { testContext } from '../../io/__tests__/imageNodeContext';

const W = 64;
const H = 96;
const { image, labels } = twoPhase(W, H, 21);
const img: ImageValue = { kind: 'image', width: W, height: H, dtype: 'f32', data: image, valueAxis: { name: 'attenuation', unit: '' }, meta: { ...emptyMeta(), sources: [{ name: 'slice.tif' }] } };
const lab: LabelsValue = { kind: 'labels', frames: 1, width: W, height: H, data: labels, classes: ['pore', 'solid'], meta: emptyMeta() };
const params = {
  ...defaultParams(trainCnnNode.params),
  channels: 4,
  patch: 32,
  batch: 4,
  epochs: 3,
  stepsPerEpoch: 8,
  lr: 0.01,
  seed: 1,
  backend: 'wasm',
  name: 'phases',
};

describe('segment.train-cnn', () => {
  it('trains, outputs a tfjs model + history, emits <name>.ofmodel.json, sends live curves; the model segments the image', async () => {
    const ctx = testContext();
    const live: Preview[] = [];
    ctx.livePreview = (p) => live.push(p);
    const out = await trainCnnNode.run({ images: img, labels: lab }, params, ctx);
    const model = out.model;
    if (model.kind !== 'model' || out.history.kind !== 'table') throw new Error('expected model and table');
    expect([model.format, model.name, model.classes, model.normalization.method, model.inputShape]).toEqual(['tfjs', 'phases', ['pore', 'solid'], 'zscore', [-1, 1, -1, -1]]);
    expect(Object.keys(model.metrics)).toEqual(['iou.pore', 'iou.solid', 'meanIou', 'accuracy']);
    expect(out.history.rows).toBe(3);
    expect(out.history.columns.map((c) => c.name)).toEqual(['epoch', 'loss', 'val loss', 'val IoU pore', 'val IoU solid', 'lr']);
    // the emitted file is the model (last emitted under the name: the final one)
    const file = ctx.emitted.filter((f) => f.name === 'phases.ofmodel.json').at(-1)!;
    const back = decodeModelFile(file.bytes, file.name);
    expect(back.format).toBe('tfjs');
    expect(Array.from(back.bytes)).toEqual(Array.from(model.bytes));
    // live curves: a plot with the step loss, then validation curves per class
    expect(live.length).toBeGreaterThanOrEqual(3 * 8);
    const last = live.at(-1) as Extract<Preview, { type: 'plot' }>;
    expect(last.series.map((s) => s.label)).toEqual(['loss', 'val loss', 'val IoU pore', 'val IoU solid']);
    expect(last.series[0].x.at(-1)).toBe(3);
    // the preview after the run is the history plot
    const pv = trainCnnNode.preview!({}, params, 0, out) as Extract<Preview, { type: 'plot' }>;
    expect(pv.series.map((s) => s.label)).toEqual(['loss', 'val loss', 'val IoU pore', 'val IoU solid']);
    // the model runs through the Segmenter contract (NCHW), z-scored input
    const seg = await createTfjsSegmenter(back, { prefer: ['wasm'] });
    expect([seg.classes, seg.backend]).toEqual([2, 'wasm']);
    let s = 0;
    let s2 = 0;
    for (const v of image) {
      s += v;
      s2 += v * v;
    }
    const mean = s / image.length;
    const std = Math.sqrt(s2 / image.length - mean * mean);
    const probs = await seg.predict(Float32Array.from(image, (v) => (v - mean) / std), 1, H, W);
    expect(probs.length).toBe(2 * H * W);
    const pred = Uint8Array.from({ length: W * H }, (_, i) => (probs[W * H + i] > probs[i] ? 1 : 0));
    const m = trainIouMetrics(pred, labels, 2);
    expect(m.iou[0]).toBeGreaterThan(0.85);
    expect(m.iou[1]).toBeGreaterThan(0.7);
    await seg.dispose();
  });

  it('on cancel stops before the next batch, throws AbortError, and has emitted the best model so far', async () => {
    const ctrl = new AbortController();
    const ctx = { ...testContext(), signal: ctrl.signal };
    const base = testContext();
    ctx.emit = (f) => base.emit(f);
    let after = 0;
    ctx.progress = async (_f: number, msg?: string) => {
      if (ctrl.signal.aborted && msg?.includes('step')) after++;
      if (msg?.startsWith('epoch 1:')) ctrl.abort(); // the first epoch's validation report
    };
    await expect(trainCnnNode.run({ images: img, labels: lab }, { ...params, epochs: 6 }, ctx)).rejects.toBeInstanceOf(AbortError);
    const file = base.emitted.filter((f) => f.name === 'phases.ofmodel.json');
    expect(file.length).toBeGreaterThanOrEqual(1);
    const m = decodeModelFile(file.at(-1)!.bytes);
    expect(m.card?.bestEpoch).toBe(1);
    expect(after).toBe(0); // no batch trained after the cancel
    expect(m.metrics['iou.pore']).toBeGreaterThan(0);
  });

  it('names bad input: size mismatch, patch not a multiple of 8, no labelled pixel', async () => {
    const small: LabelsValue = { ...lab, width: 32, data: new Uint8Array(32 * H) };
    await expect(trainCnnNode.run({ images: img, labels: small }, params, testContext())).rejects.toThrow(/labels: 1×96×32 .* expected the size of images 1×96×64/);
    await expect(trainCnnNode.run({ images: img, labels: lab }, { ...params, patch: 36 }, testContext())).rejects.toThrow(/patch: expected a multiple of 8/);
    const none: LabelsValue = { ...lab, data: new Uint8Array(W * H) };
    await expect(trainCnnNode.run({ images: img, labels: none }, { ...params, labelsStartAt: 1 }, testContext())).rejects.toThrow(NodeInputError);
    expect(trainCnnNode.check!({ ...params, patch: 36 })).toHaveLength(1);
  });
});
