import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { tfjsInitBackend } from '../tfjsInitBackend';
import { tfjsConv2dBackpropFilterWasm, tfjsConv2dBackpropInputWasm, type WasmKernelBackend } from '../tfjsConv2dGradsWasm';

type Shape4 = [number, number, number, number];
type Case = { x: Shape4; k: [number, number]; co: number; stride: number; pad: 'same' | 'valid' };

/** Seeded uniform values in [−1, 1) (a small LCG: the same inputs on both backends). */
function values(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = s / 2 ** 31 - 1;
  }
  return a;
}

/** dL/dx and dL/dW of L = Σ conv2d(x, w)·dy on the current backend, by TF.js's autodiff. */
function grads(c: Case, seed: number): { dx: Float32Array; dw: Float32Array; dy: Float32Array } {
  const wShape: Shape4 = [c.k[0], c.k[1], c.x[3], c.co];
  const x = tf.tensor4d(values(tf.util.sizeFromShape(c.x), seed), c.x);
  const w = tf.tensor4d(values(tf.util.sizeFromShape(wShape), seed + 1), wShape);
  const yShape = tf.conv2d(x, w, c.stride, c.pad).shape;
  const dy = tf.tensor(values(tf.util.sizeFromShape(yShape), seed + 2), yShape);
  const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), dy)))([x, w]);
  return { dx: gx.dataSync() as Float32Array, dw: gw.dataSync() as Float32Array, dy: dy.dataSync() as Float32Array };
}

function expectClose(ours: ArrayLike<number>, ref: Float32Array): void {
  expect(ours.length).toBe(ref.length);
  let scale = 0;
  for (const v of ref) scale = Math.max(scale, Math.abs(v));
  let err = 0;
  for (let i = 0; i < ref.length; i++) err = Math.max(err, Math.abs(ours[i] - ref[i]));
  expect(scale).toBeGreaterThan(0);
  expect(err / scale).toBeLessThan(1e-5);
}

// Odd sizes, several channel counts; stride 1 'same' (the networks' case), 'valid', and strided
// cases (filter gradient by a dilated convolution, input gradient by the backend's own kernel).
const cases: Case[] = [
  { x: [2, 9, 11, 1], k: [3, 3], co: 4, stride: 1, pad: 'same' },
  { x: [3, 13, 7, 3], k: [3, 3], co: 5, stride: 1, pad: 'same' },
  { x: [2, 17, 15, 8], k: [5, 3], co: 16, stride: 1, pad: 'same' },
  { x: [1, 11, 9, 16], k: [1, 1], co: 7, stride: 1, pad: 'same' },
  { x: [2, 9, 11, 3], k: [3, 3], co: 4, stride: 1, pad: 'valid' },
  { x: [2, 9, 11, 3], k: [5, 3], co: 4, stride: 2, pad: 'same' },
  { x: [2, 10, 11, 3], k: [2, 2], co: 4, stride: 2, pad: 'valid' },
];

describe('wasm convolution gradients by forward Conv2D', () => {
  it.each(cases)('equal the cpu backend reference gradients (%j)', async (c) => {
    await tfjsInitBackend({ prefer: ['cpu'] });
    const ref = grads(c, 7);
    await tfjsInitBackend({ prefer: ['wasm'] });
    const ours = grads(c, 7); // through the kernels tfjsRegisterKernels installed for wasm
    expectClose(ours.dw, ref.dw);
    expectClose(ours.dx, ref.dx);
  });

  it.each(cases.filter((c) => c.stride === 1))('take the forward-convolution path at stride 1 (%j)', async (c) => {
    await tfjsInitBackend({ prefer: ['cpu'] });
    const ref = grads(c, 11);
    await tfjsInitBackend({ prefer: ['wasm'] });
    const be = tf.backend() as unknown as WasmKernelBackend & { readSync(id: object): Float32Array };
    const wShape: Shape4 = [c.k[0], c.k[1], c.x[3], c.co];
    const x = tf.tensor4d(values(tf.util.sizeFromShape(c.x), 11), c.x);
    const w = tf.tensor4d(values(tf.util.sizeFromShape(wShape), 12), wShape);
    const dy = tf.tensor4d(ref.dy, tf.conv2d(x, w, 1, c.pad).shape);
    const dW = tfjsConv2dBackpropFilterWasm(x, dy, { strides: 1, pad: c.pad, filterShape: wShape }, be);
    const dX = tfjsConv2dBackpropInputWasm(dy, w, { strides: 1, pad: c.pad, inputShape: c.x }, be);
    expect(dW).not.toBeNull();
    expect(dX).not.toBeNull();
    expect(dW!.shape).toEqual(wShape);
    expect(dX!.shape).toEqual(c.x);
    expectClose(be.readSync(dW!.dataId), ref.dw);
    expectClose(be.readSync(dX!.dataId), ref.dx);
    be.disposeData(dW!.dataId);
    be.disposeData(dX!.dataId);
  });

  it('leaves no tensors behind in a training step', async () => {
    await tfjsInitBackend({ prefer: ['wasm'] });
    const x = tf.tensor4d(values(2 * 9 * 9 * 3, 1), [2, 9, 9, 3]);
    const w = tf.variable(tf.tensor4d(values(3 * 3 * 3 * 4, 2), [3, 3, 3, 4]));
    const opt = tf.train.sgd(0.1);
    const loss = () => {
      const h = tf.conv2d(x, w, 1, 'same');
      return tf.sum(tf.square(tf.conv2d(h, tf.transpose(w, [0, 1, 3, 2]) as tf.Tensor4D, 1, 'same'))) as tf.Scalar;
    };
    const step = () => opt.minimize(loss, true)!.dispose();
    step();
    const before = tf.memory();
    const heapTensors = tf.backend().numDataIds(); // the kernels' intermediates live only here
    step();
    step();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    expect(tf.backend().numDataIds()).toBe(heapTensors);
  });
});
