import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelFromOnnx } from '../modelFromOnnx';
import { onnxSegmenter } from '../onnxSegmenter';
import { tiledPredict } from '../tiledPredict';
import { maxAbsDiff } from '../../image/__tests__/helpers';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/cnn');
const read = (name: string) => new Uint8Array(readFileSync(path.join(DIR, name)));
const f32 = (name: string) => {
  const b = read(name);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
};
const ref = JSON.parse(readFileSync(path.join(DIR, 'tinyconv_ref.json'), 'utf8')) as { width: number; height: number; slices: number };
const card = readFileSync(path.join(DIR, 'tinyconv.json'), 'utf8');
const tiny = () => modelFromOnnx(read('tinyconv.onnx'), card, 'tinyconv.onnx', 'tinyconv.json');

describe('onnxSegmenter (onnxruntime-web, WASM in Node)', () => {
  it('runs the tiny 3×3-conv network tiled over three real NMC crops as numpy computes it', async () => {
    const seg = await onnxSegmenter(tiny(), { prefer: ['wasm'] });
    expect(seg.backend).toBe('wasm');
    expect(seg.classes).toBe(3);
    const { width: w, height: h, slices } = ref;
    const plane = w * h;
    const stack = f32('tinyconv_stack.f32');
    const wantP = f32('tinyconv_probabilities.f32');
    const wantL = read('tinyconv_labels.u8');
    try {
      for (const [tileSize, overlap] of [[256, 32], [24, 8], [16, 4]]) {
        for (let s = 0; s < slices; s++) {
          const res = await tiledPredict(stack.subarray(s * plane, (s + 1) * plane), w, h, seg, {
            normalization: { method: 'zscore' }, tileSize, overlap, multipleOf: 8, probabilities: true,
          });
          const want = wantP.subarray(s * 3 * plane, (s + 1) * 3 * plane);
          expect(maxAbsDiff(res.probabilities!, want), `tile ${tileSize} overlap ${overlap} slice ${s}`).toBeLessThan(2e-5);
          let differ = 0;
          for (let i = 0; i < plane; i++) if (res.labels[i] !== wantL[s * plane + i]) differ++;
          expect(differ, `labels, tile ${tileSize} overlap ${overlap} slice ${s}`).toBeLessThanOrEqual(1); // top-2 gaps go down to 1e-5
        }
      }
    } finally {
      await seg.dispose();
    }
  });

  it('refuses a network of the wrong input rank, a card naming a different number of classes and bytes onnxruntime cannot load', async () => {
    const bad = modelFromOnnx(read('badrank.onnx'), card, 'badrank.onnx');
    await expect(onnxSegmenter(bad, { prefer: ['wasm'], source: 'badrank.onnx' })).rejects.toThrow(
      /badrank\.onnx: the network's input "input" has shape \[N, H, W\] \(rank 3\), expected rank 4 \[N, 1, H, W\]/,
    );
    const two = modelFromOnnx(read('tinyconv.onnx'), JSON.stringify({ classes: ['a', 'b'], normalization: { method: 'zscore' } }), 'tinyconv.onnx');
    await expect(onnxSegmenter(two, { prefer: ['wasm'] })).rejects.toThrow(/the network outputs 3 classes but its card names 2 \(a, b\)/);
    const junk = read('tinyconv.onnx').slice(0, 200);
    await expect(onnxSegmenter({ ...tiny(), bytes: junk }, { prefer: ['wasm'], source: 'cut.onnx' })).rejects.toThrow(
      /cut\.onnx: onnxruntime could not load the network \(wasm: .*\); expected a valid \.onnx file/,
    );
    await expect(onnxSegmenter({ ...tiny(), format: 'tfjs' })).rejects.toThrow(/model format is "tfjs", expected "onnx"/);
  });
});

describe('onnxSegmenter with a network exported for a fixed batch size', () => {
  it('runs batches of any size through a batch-1 network, tile by tile, with the same result', async () => {
    const free = await onnxSegmenter(tiny(), { prefer: ['wasm'] });
    const one = await onnxSegmenter(modelFromOnnx(read('tinyconv_b1.onnx'), card, 'tinyconv_b1.onnx'), { prefer: ['wasm'] });
    try {
      const n = 3;
      const batch = f32('tinyconv_stack.f32').slice(0, n * 16 * 24);
      const a = await free.predict(batch, n, 16, 24);
      const b = await one.predict(batch, n, 16, 24);
      expect(b.length).toBe(n * 3 * 16 * 24);
      expect(b).toEqual(a);
    } finally {
      await free.dispose();
      await one.dispose();
    }
  });
});

describe('onnxSegmenter with the bundled LRCS-Net (public/models/lrcs-nmc.onnx)', () => {
  it('reproduces the PyTorch probabilities on the 64×64 crop of slice 394 (one tile, no padding)', async () => {
    const { readBundledModel } = await import('../readBundledModel');
    const info = JSON.parse(readFileSync(path.join(DIR, 'nmc394_crop.json'), 'utf8')) as { crop: { height: number; width: number }; classes: string[] };
    const model = await readBundledModel('lrcs-nmc');
    expect(model.classes).toEqual(info.classes);
    const seg = await onnxSegmenter(model, { prefer: ['wasm'] });
    try {
      const { width: w, height: h } = info.crop;
      const res = await tiledPredict(f32('nmc394_crop.f32'), w, h, seg, { normalization: model.normalization, tileSize: 64, overlap: 0, probabilities: true });
      expect(res.tiles).toBe(1);
      expect(maxAbsDiff(res.probabilities!, f32('nmc394_probabilities.f32'))).toBeLessThan(1e-4);
    } finally {
      await seg.dispose();
    }
  });
});
