import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { onnxReadModel } from '../onnxReadModel';
import { onnxTfjsGraph, onnxTfjsUnsupported } from '../onnxTfjsGraph';
import { tfjsInitBackend } from '../tfjsInitBackend';

// The graphs of scripts/fixtures/cnn_onnx_ops.py: input "x" [2, C, 13, 10], output "y".
const DIR = path.resolve(__dirname, '../../../../test/fixtures/cnn/ops');
const read = (name: string) => new Uint8Array(readFileSync(path.join(DIR, name)));
const cases = readdirSync(DIR).filter((f) => f.endsWith('.onnx'));
const supported = cases.filter((f) => !f.startsWith('unsupported_'));

/** Seeded values in [−2, 2) (an LCG, so both runtimes get the same input). */
function values(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = s / 2 ** 30 - 2;
  }
  return a;
}

/** onnxruntime-web's output (NCHW) and the executor's (NHWC, transposed back) for the same input. */
async function both(file: string): Promise<{ want: Float32Array; got: Float32Array; wantDims: readonly number[]; gotDims: number[] }> {
  const bytes = read(file);
  const model = onnxReadModel(bytes, file);
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const meta = session.inputMetadata[0];
  const C = meta.isTensor ? (meta.shape[1] as number) : 0;
  const dims = [2, C, 13, 10];
  const x = values(2 * C * 13 * 10, 7);
  const r = (await session.run({ x: new ort.Tensor('float32', x, dims) })).y;
  await session.release();
  const graph = onnxTfjsGraph(model, file);
  try {
    const got = tf.tidy(() => {
      const y = graph.run(tf.transpose(tf.tensor4d(x, dims as [number, number, number, number]), [0, 2, 3, 1]));
      return tf.transpose(y, [0, 3, 1, 2]);
    });
    const data = got.dataSync() as Float32Array;
    const gotDims = got.shape;
    got.dispose();
    return { want: r.data as Float32Array, got: data, wantDims: r.dims, gotDims };
  } finally {
    graph.dispose();
  }
}

describe('onnxTfjsGraph (TF.js wasm) against onnxruntime-web, one op per graph', () => {
  beforeAll(async () => {
    ort.env.wasm.numThreads = 1;
    await tfjsInitBackend({ prefer: ['wasm'] });
  });

  it('has the fixture graphs', () => expect(supported.length).toBeGreaterThanOrEqual(25));

  it.each(supported)('%s: same output to float32 round-off', async (file) => {
    expect(onnxTfjsUnsupported(onnxReadModel(read(file), file))).toEqual([]);
    const before = tf.memory().numTensors;
    const { want, got, wantDims, gotDims } = await both(file);
    expect(gotDims).toEqual([...wantDims]);
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (1 + Math.abs(want[i])));
    expect(worst).toBeLessThan(2e-6);
    expect(tf.memory().numTensors).toBe(before); // no tensor left behind
  });

  it.each([
    ['unsupported_group_conv.onnx', /group 2/],
    ['unsupported_softmax_w.onnx', /Softmax over axis -1/],
    ['unsupported_resize_linear.onnx', /Resize mode linear/],
  ])('%s: refused with the reason', (file, reason) => {
    const model = onnxReadModel(read(file), file);
    expect(onnxTfjsUnsupported(model).join('; ')).toMatch(reason);
    expect(() => onnxTfjsGraph(model, file)).toThrow(new RegExp(`${file}: the TF.js executor cannot run this graph`));
  });
});
