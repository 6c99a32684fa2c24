// The bundled U-Net (public/models/unet-nmc.onnx, scripts/models/bundle_unet_nmc.py) run by
// segment.cnn from its .onnx + card files, as a user's own ONNX model would be: the node reproduces
// the PyTorch probabilities of the 64×64 crop of slice 394, and tiles a whole slice of any size.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cnnSegmentNode } from '../cnn';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type LabelsValue, type StackValue } from '../../../runtime/values';
import { readTiff } from '../../../ops/io/tiff/readTiff';
import { fixtureBytes, ROOT, maxAbsDiff } from '../../../ops/image/__tests__/helpers';
import { testContext } from '../../io/__tests__/imageNodeContext';

const CNN = join(ROOT, 'test', 'fixtures', 'cnn');
const bytes = (name: string) => new Uint8Array(readFileSync(join(CNN, name)));
const f32 = (name: string) => {
  const b = bytes(name);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
};
const MODELS = join(ROOT, 'public', 'models');
const params = { ...defaultParams(cnnSegmentNode.params), backend: 'wasm', file: [{ name: 'unet-nmc.onnx' }, { name: 'unet-nmc.json' }] };

async function context() {
  const ctx = testContext();
  for (const f of ['unet-nmc.onnx', 'unet-nmc.json']) await ctx.store.put(f, new Uint8Array(readFileSync(join(MODELS, f))));
  return ctx;
}

describe('segment.cnn with a U-Net ONNX model file', () => {
  it('reproduces the PyTorch probabilities on the 64×64 crop of slice 394 (one tile)', async () => {
    const card = JSON.parse(readFileSync(join(MODELS, 'unet-nmc.json'), 'utf8')) as { architecture: { network: string; onnx: { ops: string[] } } };
    expect(card.architecture.network).toBe('U-Net');
    expect(card.architecture.onnx.ops).toEqual(expect.arrayContaining(['ConvTranspose', 'Concat', 'MaxPool']));
    const image: ImageValue = { kind: 'image', width: 64, height: 64, dtype: 'f32', data: f32('nmc394_crop.f32'), valueAxis: { name: 'attenuation', unit: '' }, meta: emptyMeta() };
    const ctx = await context();
    const out = await cnnSegmentNode.run({ image }, { ...params, tileSize: 64, overlap: 0, probabilities: true }, ctx);
    const probs = out.probabilities as StackValue;
    const want = f32('unet_nmc_probabilities.f32');
    expect(probs.frames).toBe(3);
    expect(maxAbsDiff(probs.data, want)).toBeLessThan(1e-4);
    expect((out.labels as LabelsValue).classes).toEqual(['NMC', 'carbon-binder', 'pores']);
    expect(ctx.warnings.join(' ')).toMatch(/unet-nmc\.onnx ran on WebAssembly \(CPU\), TF\.js XNNPACK: 1 slice/);
  }, 60_000);

  it('tiles a whole 601×499 slice (not a multiple of 8) with overlap, progress rising to 1', async () => {
    const img = readTiff(fixtureBytes('nmc_1.tif'), 'nmc_1.tif');
    const image: ImageValue = { kind: 'image', width: img.width, height: img.height, dtype: img.dtype, data: img.data, valueAxis: { name: 'attenuation', unit: '' }, meta: emptyMeta() };
    const ctx = await context();
    const out = await cnnSegmentNode.run({ image }, { ...params, tileSize: 128, overlap: 32 }, ctx);
    const labels = out.labels as LabelsValue;
    expect([labels.width, labels.height]).toEqual([img.width, img.height]);
    // all three phases found on the real slice
    const counts = [0, 0, 0, 0];
    for (const v of labels.data) counts[Math.min(v, 3)]++;
    expect(counts[3]).toBe(0);
    for (let k = 0; k < 3; k++) expect(counts[k] / labels.data.length, labels.classes[k]).toBeGreaterThan(0.02);
    expect(ctx.progressCalls.at(-1)).toBe(1);
    expect(ctx.progressCalls.length).toBeGreaterThan(10); // tile by tile
  }, 120_000);
});
