import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainIouMetrics } from '../trainIouMetrics';

const ref = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../test/fixtures/cnn/train_losses.json'), 'utf8')) as {
  truth: number[];
  pred: number[];
  mask: number[];
  iouMasked: (number | null)[];
  accuracyMasked: number;
};

describe('trainIouMetrics', () => {
  it('hand case: 2 classes, 6 pixels', () => {
    // truth 0 0 0 1 1 1, pred 0 0 1 1 1 0 → class 0: inter 2, union 4; class 1: inter 2, union 4; accuracy 4/6
    const m = trainIouMetrics([0, 0, 1, 1, 1, 0], [0, 0, 0, 1, 1, 1], 2);
    expect(Array.from(m.iou)).toEqual([0.5, 0.5]);
    expect(m.accuracy).toBeCloseTo(4 / 6, 12);
    expect(m.meanIou).toBe(0.5);
  });
  it('ignores unlabelled pixels and gives NaN for a class in neither map', () => {
    const m = trainIouMetrics([0, 1, 2, 0], [0, 255, 255, 0], 3, { ignore: 255 });
    expect(m.counted).toBe(2);
    expect(m.iou[0]).toBe(1);
    expect(Number.isNaN(m.iou[1]) && Number.isNaN(m.iou[2])).toBe(true);
    expect(m.meanIou).toBe(1);
  });
  it('matches numpy on the masked fixture', () => {
    const truth = ref.truth.map((t, i) => (ref.mask[i] > 0 ? t : -1));
    const m = trainIouMetrics(ref.pred, truth, 3, { ignore: -1 });
    ref.iouMasked.forEach((v, c) => (v === null ? expect(m.iou[c]).toBeNaN() : expect(m.iou[c]).toBeCloseTo(v, 12)));
    expect(m.accuracy).toBeCloseTo(ref.accuracyMasked, 12);
  });
  it('names the problem on bad input', () => {
    expect(() => trainIouMetrics([0], [0, 1], 2)).toThrow(/pred: expected 2/);
    expect(() => trainIouMetrics([0, 3], [0, 1], 2)).toThrow(/pixel 1/);
  });
});
