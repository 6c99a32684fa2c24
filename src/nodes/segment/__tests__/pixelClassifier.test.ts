import { describe, expect, it } from 'vitest';
import { pixelClassifierNode, pixelClassifierCacheSize } from '../pixelClassifier';
import { checkParam, defaultParams, validateParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type LabelsValue, type StackValue } from '../../../runtime/values';
import { readTiff } from '../../../ops/io/tiff/readTiff';
import { fixtureBytes } from '../../../ops/image/__tests__/helpers';
import { trainIouMetrics } from '../../../ops/cnn/trainIouMetrics';
import { rasterizeScribbles, type ScribbleStroke } from '../../../ops/scribbles/rasterizeScribbles';
import { testContext } from '../../io/__tests__/imageNodeContext';
import { makeRegistry } from '../../../runtime/registryTypes';
import { buildWorkflowSchema, compileWorkflowSchema } from '../../../runtime/workflow/workflowSchema';
import { parseWorkflow } from '../../../runtime/workflow/parseWorkflow';
import { serializeWorkflow } from '../../../runtime/workflow/serializeWorkflow';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION, type WorkflowDocument } from '../../../runtime/workflow/types';

const defaults = defaultParams(pixelClassifierNode.params);
const X0 = 160;
const Y0 = 40;
const W = 160;
const H = 120;

/** A 160×120 crop of the real NMC slice and its manual labels (0 NMC, 1 binder, 2 pores by mean intensity). */
function cropOf(file: string): { data: Float32Array; full: number } {
  const img = readTiff(fixtureBytes(file), file);
  const data = new Float32Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data[y * W + x] = img.data[(Y0 + y) * img.width + X0 + x];
  return { data, full: img.width };
}
const raw = cropOf('nmc_1.tif').data;
const truth = Uint8Array.from(cropOf('nmc_1_label.tif').data);
const image: ImageValue = { kind: 'image', width: W, height: H, dtype: 'f32', data: raw, valueAxis: { name: 'attenuation', unit: '' }, meta: emptyMeta(), pixelSize: { x: 10, y: 10, unit: 'nm' } };

/** Short strokes (radius 1) at up to `n` pixels of each truth class whose 5×5 neighbourhood is pure,
 *  taken along a coarse grid so they spread over the crop. */
function strokesFromTruth(n: number, classOf: (truthClass: number) => number): ScribbleStroke[] {
  const out: ScribbleStroke[] = [];
  const found = [0, 0, 0];
  for (let y = 3; y < H - 3; y += 4) {
    for (let x = 3; x < W - 3; x += 5) {
      const c = truth[y * W + x];
      if (found[c] >= n) continue;
      let pure = true;
      for (let dy = -2; dy <= 2 && pure; dy++) for (let dx = -2; dx <= 2 && pure; dx++) pure = truth[(y + dy) * W + x + dx] === c;
      if (!pure) continue;
      found[c]++;
      out.push({ class: classOf(c), frame: 0, radius: 1, points: [x - 1, y, x + 1, y] });
    }
  }
  return out;
}
// Class names in truth order: label 0 is the bright phase, 2 the darkest.
const NAMES = 'NMC, carbon-binder, pores';
const strokes = strokesFromTruth(25, (c) => c + 1);

describe('segment.pixel-classifier', () => {
  it('learns the three phases of the real NMC crop from a few short scribbles', async () => {
    const ctx = testContext();
    const out = await pixelClassifierNode.run({ image }, { ...defaults, classes: NAMES, scribbles: strokes }, ctx);
    const labels = out.labels as LabelsValue;
    expect([labels.kind, labels.frames, labels.width, labels.height, labels.classes, labels.pixelSize?.unit]).toEqual(['labels', 1, W, H, ['NMC', 'carbon-binder', 'pores'], 'nm']);
    const m = trainIouMetrics(labels.data, truth, 3);
    console.log(`pixel classifier on the NMC crop: IoU ${Array.from(m.iou, (v) => v.toFixed(3)).join(' / ')}, accuracy ${m.accuracy.toFixed(3)}`);
    expect(m.accuracy).toBeGreaterThan(0.8);
    expect(m.meanIou).toBeGreaterThan(0.6);
    // Scribbles output: the rasterised strokes, 0 = unlabelled.
    const scribbles = out.scribbles as LabelsValue;
    expect(scribbles.classes).toEqual(['unlabelled', 'NMC', 'carbon-binder', 'pores']);
    expect(scribbles.data).toEqual(rasterizeScribbles(strokes, W, H, 1));
    expect(out.probabilities).toBeUndefined();
    // Progress rises to 1, with the feature scales and prediction reported.
    expect(ctx.progressCalls.at(-1)).toBe(1);
    expect(ctx.progressCalls.every((v, i, a) => i === 0 || v >= a[i - 1])).toBe(true);
  });

  it('repainting reuses the cached features; equal seeds give equal labels', async () => {
    const img2: ImageValue = { ...image, data: raw.slice() };
    const p = { ...defaults, classes: NAMES, scribbles: strokes, scales: '1.0, 3.5' };
    const before = pixelClassifierCacheSize();
    const messages: string[] = [];
    const ctx = { ...testContext(), progress: async (_f: number, msg?: string) => void messages.push(msg ?? '') };
    const a = await pixelClassifierNode.run({ image: img2 }, p, ctx);
    expect(pixelClassifierCacheSize()).toBe(before + 1);
    expect(messages.filter((m) => m.includes('features σ=')).length).toBe(2);
    messages.length = 0;
    const b = await pixelClassifierNode.run({ image: img2 }, p, ctx);
    expect(messages.filter((m) => m.includes('features σ=')).length).toBe(0);
    expect((b.labels as LabelsValue).data).toEqual((a.labels as LabelsValue).data);
    const c = await pixelClassifierNode.run({ image: img2 }, { ...p, scribbles: strokes.slice(1) }, ctx);
    expect(messages.filter((m) => m.includes('features σ=')).length).toBe(0);
    expect(pixelClassifierCacheSize()).toBe(before + 1);
    expect((c.labels as LabelsValue).data.length).toBe(W * H);
  });

  it('a stack: trains on the scribbled frame, predicts every frame with progress, probabilities per frame and class', async () => {
    const stack: StackValue = {
      kind: 'stack', frames: 3, width: W, height: H, dtype: 'f32',
      data: Float32Array.from({ length: 3 * W * H }, (_, i) => raw[i % (W * H)]),
      frameAxis: { name: 'z', unit: 'nm' }, frameCoords: new Float64Array([0, 10, 20]), valueAxis: { name: 'v', unit: '' }, meta: emptyMeta(),
    };
    const strokes1 = strokes.map((s) => ({ ...s, frame: 1 }));
    const ctx = testContext();
    const out = await pixelClassifierNode.run({ image: stack }, { ...defaults, classes: NAMES, scribbles: strokes1, probabilities: true, trees: 8 }, ctx);
    const labels = out.labels as LabelsValue;
    expect(labels.frames).toBe(3);
    // Every frame holds the same image: the same prediction (frames 0 and 2 share a scratch block).
    expect(labels.data.subarray(0, W * H)).toEqual(labels.data.subarray(W * H, 2 * W * H));
    expect(labels.data.subarray(2 * W * H)).toEqual(labels.data.subarray(W * H, 2 * W * H));
    const prob = out.probabilities as StackValue;
    expect([prob.frames, prob.dtype, prob.frameAxis.name]).toEqual([9, 'f32', 'frame·class']);
    const n = W * H;
    for (const p of [0, 777, n - 1]) {
      const ps = [0, 1, 2].map((k) => prob.data[(3 + k) * n + p]);
      expect(ps[0] + ps[1] + ps[2]).toBeCloseTo(1, 5);
      expect(ps.indexOf(Math.max(...ps))).toBe(labels.data[n + p]);
    }
    const scribbles = out.scribbles as LabelsValue;
    expect(scribbles.data.subarray(0, n).every((v) => v === 0)).toBe(true);
    // Progress passes through each frame's prediction, in order, and ends at 1.
    const firsts = [0.45, 0.45 + 0.55 / 3, 0.45 + 1.1 / 3].map((b) => ctx.progressCalls.findIndex((v) => v >= b - 1e-12));
    expect(firsts.every((i, k) => i > 0 && (k === 0 || i > firsts[k - 1]))).toBe(true);
    expect(ctx.progressCalls.at(-1)).toBe(1);
  });

  it('explains what is missing or wrong', async () => {
    const run = (patch: Record<string, unknown>) => pixelClassifierNode.run({ image }, { ...defaults, ...patch }, testContext());
    await expect(run({})).rejects.toThrow(/scribbles: paint at least two classes .*painted so far: pores 0 px, carbon-binder 0 px, NMC 0 px/);
    await expect(run({ scribbles: strokes.filter((s) => s.class === 1) })).rejects.toThrow(/paint at least two classes/);
    await expect(run({ scribbles: [{ class: 4, frame: 0, radius: 1, points: [1, 1] }] })).rejects.toThrow(/scribbles\[0\]: class 4, but only 3 classes are named/);
    await expect(run({ scribbles: [{ class: 1, frame: 1, radius: 1, points: [1, 1] }] })).rejects.toThrow(/scribbles\[0\]: frame 1, but the input has 1 frame/);
    await expect(run({ classes: 'a' })).rejects.toThrow(/classes: 1 names given/);
    await expect(run({ gaussian: false, gradient: false, laplacian: false, dog: false, structure: false, hessian: false, scribbles: strokes })).rejects.toThrow(/no feature family selected/);
    const nan = raw.slice();
    nan[5] = NaN;
    await expect(pixelClassifierNode.run({ image: { ...image, data: nan } }, { ...defaults, scribbles: strokes }, testContext())).rejects.toThrow(/non-finite value \(NaN\) at row 0, column 5/);
  });

  it('stored scribbles are checked against their JSON Schema, naming the stroke and field', () => {
    const spec = pixelClassifierNode.params.scribbles;
    expect(checkParam('scribbles', spec, strokes)).toBeNull();
    expect(checkParam('scribbles', spec, [{ class: 1, frame: 0, radius: 2 }])).toMatch(/^scribbles\/0: must have required property 'points'/);
    expect(checkParam('scribbles', spec, [{ class: 1, frame: 0, radius: 2, points: [1.5, 2] }])).toMatch(/^scribbles\/0\/points\/0: must be integer/);
    expect(checkParam('scribbles', spec, 'x')).toMatch(/^scribbles: must be array, got "x"/);
    expect(checkParam('scales', pixelClassifierNode.params.scales, '0.7, 2')).toMatch(/expected text matching/);
    expect(validateParams(pixelClassifierNode.params, {}).values.scribbles).toEqual([]);
    expect(pixelClassifierNode.check!({ ...defaults, classes: 'a, b', scribbles: [{ class: 3, frame: 0, radius: 1, points: [0, 0] }] })).toEqual([
      { param: 'scribbles', message: 'scribbles[0]: class 3, but only 2 classes are named' },
    ]);
  });

  it('scribbles are saved in the workflow file, pass the published JSON Schema (strict ajv) and read back equal', () => {
    const registry = makeRegistry([pixelClassifierNode]);
    const doc: WorkflowDocument = {
      format: WORKFLOW_FORMAT,
      version: WORKFLOW_VERSION,
      meta: { title: 'scribbles', created: '2026-11-25T09:00:00.000Z' },
      nodes: [{ id: 'pc', type: 'segment.pixel-classifier', typeVersion: 1, params: { ...defaults, scribbles: strokes.slice(0, 3) }, position: { x: 0, y: 0 } }],
      edges: [],
    };
    const text = serializeWorkflow(doc);
    const validate = compileWorkflowSchema(buildWorkflowSchema(registry));
    expect(validate(JSON.parse(text))).toBe(true);
    const bad = JSON.parse(text);
    bad.nodes[0].params.scribbles[1].radius = -2;
    expect(validate(bad)).toBe(false);
    const back = parseWorkflow(text, registry);
    expect(back.issues).toEqual([]);
    expect(back.doc?.nodes[0].params.scribbles).toEqual(strokes.slice(0, 3));
    const reported = parseWorkflow(JSON.stringify(bad), registry);
    expect(reported.issues.map((i) => i.message).join('\n')).toMatch(/scribbles\/1\/radius: must be >= 0/);
  });
});
