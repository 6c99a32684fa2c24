// The bundled ONNX network run by onnxruntime-web (WASM backend, in Node): the graph loads, has the
// contract's input/output names, accepts any batch and any H, W that are multiples of 8, returns
// softmax probabilities, and reproduces the PyTorch reference of test/fixtures/cnn (computed by
// scripts/models/train_segmentpy.py from the same weights in eval mode).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reduceStats } from '../../src/ops/array/reduceStats';

const repo = path.resolve(__dirname, '../..');
const card = JSON.parse(readFileSync(path.join(repo, 'public/models/lrcs-nmc.json'), 'utf8')) as { file: string; classes: string[] };
const fixtures = path.join(repo, 'test/fixtures/cnn');
const ref = JSON.parse(readFileSync(path.join(fixtures, 'nmc394_crop.json'), 'utf8')) as {
  crop: { height: number; width: number };
  input: { file: string };
  output: { file: string };
  normalization: { mean: number; std: number };
};
const f32 = (f: string) => {
  const b = readFileSync(path.join(fixtures, f));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

/** z-score over the whole array (population std), as the model card's normalisation. */
function zscore(x: Float32Array): Float32Array {
  const { sum, sumSquares, count } = reduceStats(x);
  const mean = sum / count;
  const std = Math.sqrt(sumSquares / count - mean * mean);
  return x.map((v) => (v - mean) / std);
}

let session: ort.InferenceSession;
beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  session = await ort.InferenceSession.create(readFileSync(path.join(repo, 'public/models', card.file)), { executionProviders: ['wasm'] });
});
afterAll(async () => {
  await session.release();
});

describe('public/models/lrcs-nmc.onnx in onnxruntime-web (WASM)', () => {
  it('has the input "input" and the output "probabilities"', () => {
    expect(session.inputNames).toEqual(['input']);
    expect(session.outputNames).toEqual(['probabilities']);
  });

  it('reproduces the PyTorch probabilities of the 64×64 crop of slice 394 to 1e-4', async () => {
    const { height: h, width: w } = ref.crop;
    const raw = f32(ref.input.file);
    const x = zscore(raw);
    const { sum, count } = reduceStats(raw);
    expect(sum / count).toBeCloseTo(ref.normalization.mean, 5);
    const out = await session.run({ input: new ort.Tensor('float32', x, [1, 1, h, w]) });
    const p = out.probabilities;
    expect(p.dims).toEqual([1, card.classes.length, h, w]);
    const want = f32(ref.output.file);
    const got = p.data as Float32Array;
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
    expect(worst).toBeLessThan(1e-4);
  });

  it('takes a free batch size and any H, W that are multiples of 8; batch items are independent', async () => {
    const { width: w } = ref.crop;
    const x = zscore(f32(ref.input.file));
    // two tiles of 48×40 cut from the crop: rows 0..47 cols 0..39, rows 16..63 cols 24..63
    const n = 2;
    const th = 48;
    const tw = 40;
    const batch = new Float32Array(n * th * tw);
    const origins = [
      [0, 0],
      [16, 24],
    ];
    origins.forEach(([r0, c0], b) => {
      for (let r = 0; r < th; r++) for (let c = 0; c < tw; c++) batch[(b * th + r) * tw + c] = x[(r0 + r) * w + c0 + c];
    });
    const out = await session.run({ input: new ort.Tensor('float32', batch, [n, 1, th, tw]) });
    expect(out.probabilities.dims).toEqual([n, 3, th, tw]);
    const p = out.probabilities.data as Float32Array;
    let worstSum = 0;
    for (let b = 0; b < n; b++)
      for (let i = 0; i < th * tw; i++) {
        const s = p[(b * 3 + 0) * th * tw + i] + p[(b * 3 + 1) * th * tw + i] + p[(b * 3 + 2) * th * tw + i];
        worstSum = Math.max(worstSum, Math.abs(s - 1));
      }
    expect(worstSum).toBeLessThan(1e-5);
    // item 1 alone gives the same probabilities as inside the batch
    const single = await session.run({ input: new ort.Tensor('float32', batch.subarray(th * tw), [1, 1, th, tw]) });
    const q = single.probabilities.data as Float32Array;
    let worst = 0;
    for (let i = 0; i < q.length; i++) worst = Math.max(worst, Math.abs(q[i] - p[3 * th * tw + i]));
    expect(worst).toBeLessThan(1e-5);
  });
});
