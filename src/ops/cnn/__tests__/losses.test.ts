import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { lossesDice } from '../lossesDice';
import { lossesCrossEntropy } from '../lossesCrossEntropy';
import { tfjsInitBackend } from '../tfjsInitBackend';

const ref = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../test/fixtures/cnn/train_losses.json'), 'utf8')) as {
  shape: [number, number, number, number];
  p: number[];
  y: number[];
  mask: number[];
  dice: number;
  diceMasked: number;
  crossEntropy: number;
  crossEntropyMasked: number;
};

beforeAll(async () => {
  await tfjsInitBackend({ prefer: ['cpu'] });
});

function tensors() {
  const [n, h, w, c] = ref.shape;
  return { p: tf.tensor4d(ref.p, [n, h, w, c]), y: tf.tensor4d(ref.y, [n, h, w, c]), m: tf.tensor4d(ref.mask, [n, h, w, 1]) };
}

describe('lossesDice', () => {
  it('matches numpy (SegmentPy formula) with and without a mask', () => {
    const { p, y, m } = tensors();
    expect(lossesDice(y, p).dataSync()[0]).toBeCloseTo(ref.dice, 5);
    expect(lossesDice(y, p, m).dataSync()[0]).toBeCloseTo(ref.diceMasked, 5);
    expect(ref.dice).not.toBeCloseTo(ref.diceMasked, 3); // the mask matters in this case
  });
  it('hand case: 0 for a perfect prediction, 1 for a disjoint one, 1 − 2·1/(2+2) = 0.5 for half overlap', () => {
    const y = tf.tensor4d([1, 0, 0, 1], [1, 1, 2, 2]);
    expect(lossesDice(y, y).dataSync()[0]).toBeCloseTo(0, 6);
    expect(lossesDice(y, tf.tensor4d([0, 1, 1, 0], [1, 1, 2, 2])).dataSync()[0]).toBeCloseTo(1, 6);
    expect(lossesDice(y, tf.tensor4d([1, 0, 1, 0], [1, 1, 2, 2])).dataSync()[0]).toBeCloseTo(0.5, 6);
    // the wrong second pixel masked out: perfect
    expect(lossesDice(y, tf.tensor4d([1, 0, 1, 0], [1, 1, 2, 2]), tf.tensor4d([1, 0], [1, 1, 2, 1])).dataSync()[0]).toBeCloseTo(0, 6);
  });
});

describe('lossesCrossEntropy', () => {
  it('matches numpy −mean(y·log clip(p, 1e-10, 1)) with and without a mask', () => {
    const { p, y, m } = tensors();
    expect(lossesCrossEntropy(y, p).dataSync()[0]).toBeCloseTo(ref.crossEntropy, 5);
    expect(lossesCrossEntropy(y, p, m).dataSync()[0]).toBeCloseTo(ref.crossEntropyMasked, 5);
  });
  it('hand case: p = 0 on the true class is clipped at 1e-10 → −log(1e-10)/C per pixel', () => {
    const y = tf.tensor4d([1, 0], [1, 1, 1, 2]);
    expect(lossesCrossEntropy(y, tf.tensor4d([0, 1], [1, 1, 1, 2])).dataSync()[0]).toBeCloseTo(-Math.log(1e-10) / 2, 3);
    expect(lossesCrossEntropy(y, tf.tensor4d([0.5, 0.5], [1, 1, 1, 2])).dataSync()[0]).toBeCloseTo(Math.log(2) / 2, 6);
    expect(lossesCrossEntropy(y, tf.tensor4d([0, 1], [1, 1, 1, 2]), tf.tensor4d([0], [1, 1, 1, 1])).dataSync()[0]).toBeCloseTo(0, 12);
  });
  it('has gradients that train (finite, non-zero on labelled pixels only)', () => {
    const y = tf.tensor4d([1, 0, 0, 1], [1, 1, 2, 2]);
    const mask = tf.tensor4d([1, 0], [1, 1, 2, 1]);
    const g = tf.grad((p: tf.Tensor) => lossesCrossEntropy(y, p, mask))(tf.tensor4d([0.6, 0.4, 0.3, 0.7], [1, 1, 2, 2]));
    const v = g.dataSync();
    expect(v[0]).toBeCloseTo(-1 / (0.6 * 2), 5);
    expect(Math.abs(v[2])).toBe(0);
    expect(Math.abs(v[3])).toBe(0);
  });
});
