// Painted labels → CNN: the pixel classifier's "scribbles" output trains segment.train-cnn (U-Net and
// LRCS-Net, TF.js), and segment.cnn runs the trained network, wired in and reopened from the
// <name>.ofmodel.json file the trainer emitted, on the whole image.
import { describe, expect, it } from 'vitest';
import { pixelClassifierNode } from '../pixelClassifier';
import { trainCnnNode } from '../trainCnn';
import { cnnSegmentNode } from '../cnn';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type LabelsValue } from '../../../runtime/values';
import type { ScribbleStroke } from '../../../ops/scribbles/rasterizeScribbles';
import { trainIouMetrics } from '../../../ops/cnn/trainIouMetrics';
import { twoPhase } from '../../../ops/cnn/__tests__/twoPhase';
import { testContext } from '../../io/__tests__/imageNodeContext';

const W = 64;
const H = 96;
const { image, labels: truth } = twoPhase(W, H, 21);
const img: ImageValue = { kind: 'image', width: W, height: H, dtype: 'f32', data: image, valueAxis: { name: 'attenuation', unit: '' }, meta: emptyMeta() };

/** Short strokes (radius 1) where the 5×5 neighbourhood is one phase: under a tenth of the pixels painted. */
function strokesFromTruth(): ScribbleStroke[] {
  const out: ScribbleStroke[] = [];
  for (let y = 2; y < H - 2; y += 5) {
    for (let x = 2; x < W - 2; x += 5) {
      const c = truth[y * W + x];
      let pure = true;
      for (let dy = -2; dy <= 2 && pure; dy++) for (let dx = -2; dx <= 2 && pure; dx++) pure = truth[(y + dy) * W + x + dx] === c;
      if (pure) out.push({ class: c + 1, frame: 0, radius: 0, points: [x - 1, y, x + 1, y] });
    }
  }
  return out;
}

const trainParams = {
  ...defaultParams(trainCnnNode.params),
  channels: 4,
  patch: 32,
  batch: 4,
  epochs: 3,
  stepsPerEpoch: 8,
  lr: 0.01,
  seed: 1,
  backend: 'wasm',
};
const cnnParams = { ...defaultParams(cnnSegmentNode.params), backend: 'wasm', tileSize: 32, overlap: 8 };

async function paintedScribbles(): Promise<LabelsValue> {
  const p = { ...defaultParams(pixelClassifierNode.params), classes: 'pore, solid', scales: '1.0', scribbles: strokesFromTruth() };
  const out = await pixelClassifierNode.run({ image: img }, p, testContext());
  const s = out.scribbles as LabelsValue;
  expect(s.classes).toEqual(['unlabelled', 'pore', 'solid']);
  let painted = 0;
  for (const v of s.data) if (v) painted++;
  expect(painted / s.data.length).toBeGreaterThan(0.02);
  expect(painted / s.data.length).toBeLessThan(0.1);
  return s;
}

describe('painted scribbles → segment.train-cnn → segment.cnn', () => {
  it('U-Net: trains on the scribbles only ("unlabelled" class 0 skipped by itself), reopened from its file labels the whole image', async () => {
    const scribbles = await paintedScribbles();
    const ctx = testContext();
    const out = await trainCnnNode.run({ images: img, labels: scribbles }, { ...trainParams, name: 'painted-unet' }, ctx);
    const model = out.model;
    if (model.kind !== 'model') throw new Error('expected a model');
    expect(model.classes).toEqual(['pore', 'solid']);
    expect(ctx.warnings.join(' ')).toMatch(/class 0 is "unlabelled" \(painted scribbles\): trained on classes 1… only/);

    // wired in
    const run1 = testContext();
    const wired = await cnnSegmentNode.run({ image: img, model }, cnnParams, run1);
    const l1 = wired.labels as LabelsValue;
    expect([l1.classes, l1.width, l1.height, l1.frames]).toEqual([['pore', 'solid'], W, H, 1]);
    const m = trainIouMetrics(l1.data, truth, 2);
    console.log(`U-Net from scribbles, through segment.cnn: IoU pore ${m.iou[0].toFixed(3)}, solid ${m.iou[1].toFixed(3)}`);
    expect(m.iou[0]).toBeGreaterThan(0.85);
    expect(m.iou[1]).toBeGreaterThan(0.6);

    // reopened from the file the trainer emitted (what the studio keeps in its files)
    const file = ctx.emitted.filter((f) => f.name === 'painted-unet.ofmodel.json').at(-1)!;
    const run2 = testContext();
    await run2.store.put(file.name, file.bytes);
    const fromFile = await cnnSegmentNode.run({ image: img }, { ...cnnParams, file: [{ name: file.name }] }, run2);
    expect((fromFile.labels as LabelsValue).data).toEqual(l1.data);
    expect(run2.warnings.join(' ')).toMatch(/painted-unet\.ofmodel\.json ran on (WebAssembly \(CPU\)|JavaScript \(CPU\)): 1 slice/);
  }, 120_000);

  it('LRCS-Net trained in the studio runs through segment.cnn too, on a 2-slice stack', async () => {
    const scribbles = await paintedScribbles();
    const ctx = testContext();
    const out = await trainCnnNode.run({ images: img, labels: scribbles }, { ...trainParams, architecture: 'lrcs-net', epochs: 6, stepsPerEpoch: 20, name: 'painted-lrcs' }, ctx);
    const model = out.model;
    if (model.kind !== 'model') throw new Error('expected a model');
    expect(model.card?.architecture).toBe('lrcs-net');
    const stack = { kind: 'stack' as const, frames: 2, width: W, height: H, dtype: 'f32' as const, data: Float32Array.from([...image, ...image]), frameAxis: { name: 'z', unit: 'px' }, frameCoords: new Float64Array([0, 1]), valueAxis: img.valueAxis, meta: emptyMeta() };
    const run = testContext();
    const res = await cnnSegmentNode.run({ image: stack, model }, cnnParams, run);
    const l = res.labels as LabelsValue;
    expect([l.classes, l.frames]).toEqual([['pore', 'solid'], 2]);
    expect(l.data.subarray(W * H)).toEqual(l.data.subarray(0, W * H)); // same slice, same labels
    // slice-by-slice progress: reaches 1, passes the second slice's start
    expect(run.progressCalls.at(-1)).toBe(1);
    expect(run.progressCalls.some((f) => f >= 0.5 && f < 1)).toBe(true);
    // A few short epochs do not make LRCS-Net (no skip connections) good, but it must find the bright discs.
    const m = trainIouMetrics(l.data.subarray(0, W * H), truth, 2);
    console.log(`LRCS-Net from scribbles, through segment.cnn: IoU pore ${m.iou[0].toFixed(3)}, solid ${m.iou[1].toFixed(3)}, accuracy ${m.accuracy.toFixed(3)}`);
    expect(m.iou[0]).toBeGreaterThan(0.5);
    expect(m.iou[1]).toBeGreaterThan(0.4);
  }, 120_000);
});
