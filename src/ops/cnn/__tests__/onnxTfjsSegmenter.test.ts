import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelFromOnnx } from '../modelFromOnnx';
import { onnxReadModel } from '../onnxReadModel';
import { onnxSegmenter } from '../onnxSegmenter';
import { onnxTfjsSegmenter } from '../onnxTfjsSegmenter';
import { openOnnxSegmenter } from '../openOnnxSegmenter';
import { maxAbsDiff } from '../../image/__tests__/helpers';

const MODELS = path.resolve(__dirname, '../../../../public/models');
const FIX = path.resolve(__dirname, '../../../../test/fixtures/cnn');
const bundled = (name: string) =>
  modelFromOnnx(readFileSync(path.join(MODELS, `${name}.onnx`)), readFileSync(path.join(MODELS, `${name}.json`)), `${name}.onnx`);

/** Two z-scored-looking tiles with structure at several scales. */
function tiles(n: number, h: number, w: number): Float32Array {
  return Float32Array.from({ length: n * h * w }, (_, i) => Math.sin(i * 0.37) + Math.cos((i % w) * 0.11) * Math.sin(Math.floor(i / w) * 0.07));
}

describe('onnxTfjsSegmenter: the bundled networks on TF.js wasm as onnxruntime-web runs them', () => {
  it.each(['lrcs-nmc', 'unet-nmc'])('%s: same probabilities for a batch of two 48×64 tiles', async (name) => {
    const model = bundled(name);
    const ours = await onnxTfjsSegmenter(model);
    const ort = await onnxSegmenter(model, { prefer: ['wasm'] });
    try {
      expect(ours.runtime).toBe('TF.js XNNPACK');
      expect(ours.classes).toBe(3);
      const x = tiles(2, 48, 64);
      const got = await ours.predict(x, 2, 48, 64);
      const want = await ort.predict(x, 2, 48, 64);
      expect(got.length).toBe(want.length);
      expect(maxAbsDiff(got, want)).toBeLessThan(1e-5);
    } finally {
      await ours.dispose();
      await ort.dispose();
    }
  });

  it('refuses a card whose classes differ from the network, naming the file', async () => {
    const model = { ...bundled('lrcs-nmc'), classes: ['a', 'b'] };
    await expect(onnxTfjsSegmenter(model, 'lrcs-nmc.onnx')).rejects.toThrow(/lrcs-nmc\.onnx: the network outputs 3 classes but its card names 2/);
  });
});

describe('openOnnxSegmenter: which runtime runs an ONNX model on the CPU', () => {
  it('picks the TF.js executor for a graph it covers', async () => {
    const seg = await openOnnxSegmenter(bundled('unet-nmc'), { prefer: ['wasm'] });
    expect([seg.backend, seg.runtime]).toEqual(['wasm', 'TF.js XNNPACK']);
    await seg.dispose();
  });

  it('keeps onnxruntime-web for a graph with an op the executor lacks, and says which', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(FIX, 'ops', 'unsupported_elu_segmenter.onnx')));
    const card = JSON.stringify({ classes: ['a', 'b', 'c'], normalization: { method: 'zscore' } });
    const model = modelFromOnnx(bytes, card, 'elu.onnx');
    const seg = await openOnnxSegmenter(model, { prefer: ['wasm'] });
    expect(seg.backend).toBe('wasm');
    expect(seg.runtime).toBe('onnxruntime-web (TF.js executor lacks: op Elu)');
    await seg.dispose();
  });
});

describe('onnxReadModel', () => {
  it('reads the bundled LRCS-Net graph: opset, ops, weights', () => {
    const m = onnxReadModel(readFileSync(path.join(MODELS, 'lrcs-nmc.onnx')), 'lrcs-nmc.onnx');
    expect(m.opset).toBe(13);
    expect(m.inputs).toEqual(['input']);
    expect(m.outputs).toEqual(['probabilities']);
    expect(m.nodes.filter((n) => n.opType === 'Conv')).toHaveLength(13);
    const first = m.initializers.get(m.nodes[0].inputs[1])!;
    expect(first.dims).toEqual([16, 1, 3, 3]);
    expect(first.data).toHaveLength(144);
    expect(m.nodes[0].attributes.get('pads')?.ints).toEqual([1, 1, 1, 1]);
    // as the onnx package counts them (numpy_helper over graph.initializer; batch norm folded)
    expect([...m.initializers.values()].reduce((s, t) => s + (t.data?.length ?? 0), 0)).toBe(237571);
  });

  it('reports a truncated file with its name instead of crashing', () => {
    const bytes = readFileSync(path.join(MODELS, 'unet-nmc.onnx')).subarray(0, 5000);
    expect(() => onnxReadModel(bytes, 'cut.onnx')).toThrow(/^cut\.onnx.*malformed ONNX protobuf .*expected a valid \.onnx file/);
  });
});
