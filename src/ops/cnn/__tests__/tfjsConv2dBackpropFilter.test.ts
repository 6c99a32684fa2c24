import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { tfjsConv2dBackpropFilter } from '../tfjsConv2dBackpropFilter';
import { tfjsInitBackend } from '../tfjsInitBackend';

describe('tfjsConv2dBackpropFilter', () => {
  it('hand case: 1×1 filter gradient = Σ x·dy', () => {
    const dW = tfjsConv2dBackpropFilter([1, 2, 3, 4], [1, 2, 2, 1], [1, 1, 1, 2], [1, 2, 2, 1], [1, 1, 1, 1]);
    expect(Array.from(dW)).toEqual([1 + 2 + 3 + 8]);
  });
  it.each([
    ['same', 1, [3, 3]],
    ['valid', 1, [3, 3]],
    ['same', 2, [5, 3]],
    ['valid', 2, [2, 2]],
  ] as const)('equals the gradient of tf.conv2d (pad %s, stride %i, kernel %j) by its definition', async (pad, stride, k) => {
    await tfjsInitBackend({ prefer: ['cpu'] });
    const x = tf.randomNormal([2, 9, 11, 3], 0, 1, 'float32', 3);
    const w = tf.randomNormal([k[0], k[1], 3, 4], 0, 1, 'float32', 4);
    const y = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, stride, pad);
    expect(y.shape[1]).toBeGreaterThan(1);
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 5);
    const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], w.shape as [number, number, number, number], stride, 1, pad);
    const ours = tfjsConv2dBackpropFilter(x.dataSync(), x.shape as never, dy.dataSync(), dy.shape as never, w.shape as never, {
      strides: [stride, stride],
      padTopLeft: [info.padInfo.top, info.padInfo.left],
    });
    // the definition: Σ conv(x, w)·dy is linear in w, so its gradient's element i is Σ conv(x, e_i)·dy
    // (forward convolutions only, independent of any backprop kernel)
    const e = new Float32Array(w.size);
    for (let i = 0; i < w.size; i++) {
      e.fill(0);
      e[i] = 1;
      const yi = tf.conv2d(x as tf.Tensor4D, tf.tensor4d(e, w.shape as [number, number, number, number]), stride, pad);
      expect(ours[i]).toBeCloseTo(tf.sum(tf.mul(yi, dy)).dataSync()[0], 3);
    }
  });
  it('names bad shapes', () => {
    expect(() => tfjsConv2dBackpropFilter([1], [1, 2, 2, 1], [1, 1, 1, 1], [1, 2, 2, 1], [1, 1, 1, 1])).toThrow(/x: expected 4/);
    expect(() => tfjsConv2dBackpropFilter([1, 2, 3, 4], [1, 2, 2, 1], [1, 1, 1, 1], [1, 2, 2, 1], [1, 1, 2, 1])).toThrow(/filterShape/);
  });
});
