import { describe, expect, it } from 'vitest';
import { patchesSample } from '../patchesSample';
import { patchesExtract } from '../patchesExtract';

describe('patchesSample', () => {
  it('position split: training patches above, validation patches in the bottom rows, never overlapping', () => {
    const w = 40;
    const h = 50;
    const labels = new Uint8Array(w * h).fill(1);
    const s = patchesSample(labels, w, h, 1, { patch: 8, stride: 4, validationFraction: 0.2 });
    // validation rows: max(8, round(50·0.2)) = 10 → rows 40..49; training rows 0..39
    for (let i = 0; i < s.train.length; i += 3) expect(s.train[i + 1] + 8).toBeLessThanOrEqual(40);
    for (let i = 0; i < s.validation.length; i += 3) expect(s.validation[i + 1]).toBeGreaterThanOrEqual(40);
    // training grid: y in 0,4,…,32 (9), x in 0,4,…,32 (9); validation: y 40, 42 (flush) × x 0,8,…,32 (5)
    expect(s.train.length / 3).toBe(81);
    expect(s.validation.length / 3).toBe(10);
  });
  it('keeps only patches with a labelled pixel (scribbles, labels start at 1)', () => {
    const w = 32;
    const h = 64;
    const labels = new Uint8Array(w * h); // 0 = unlabelled
    labels[5 * w + 5] = 1; // one scribble pixel in the training part
    labels[60 * w + 30] = 2; // one in the validation part
    const s = patchesSample(labels, w, h, 1, { patch: 8, stride: 8, labelsStartAt: 1, validationFraction: 0.25 });
    expect(Array.from(s.train)).toEqual([0, 0, 0]);
    expect(Array.from(s.validation)).toEqual([0, 56, 24]);
  });
  it('slice split: seeded choice of whole validation frames', () => {
    const labels = new Uint8Array(16 * 16 * 5);
    const a = patchesSample(labels, 16, 16, 5, { patch: 8, splitBy: 'slice', validationFraction: 0.4, seed: 3 });
    const b = patchesSample(labels, 16, 16, 5, { patch: 8, splitBy: 'slice', validationFraction: 0.4, seed: 3 });
    expect(a.validationFrames).toHaveLength(2);
    expect(a.validationFrames).toEqual(b.validationFrames);
    for (let i = 0; i < a.validation.length; i += 3) expect(a.validationFrames).toContain(a.validation[i]);
    for (let i = 0; i < a.train.length; i += 3) expect(a.validationFrames).not.toContain(a.train[i]);
  });
  it('names the parameter on bad input', () => {
    const labels = new Uint8Array(16 * 16);
    expect(() => patchesSample(labels, 16, 16, 1, { patch: 32 })).toThrow(/patch: 32 px is larger/);
    expect(() => patchesSample(labels, 16, 16, 1, { patch: 8, splitBy: 'slice' })).toThrow(/at least 2 frames/);
    expect(() => patchesSample(labels, 16, 16, 1, { patch: 8, validationFraction: 0.6 })).toThrow(/validationFraction/);
    expect(() => patchesSample(labels, 16, 15, 1)).toThrow(/labels: expected/);
  });
});

describe('patchesExtract', () => {
  it('z-scores per frame, one-hot targets and mask (labels start at 1: 0 unlabelled)', () => {
    const w = 4;
    const h = 4;
    const image = new Float32Array(2 * w * h);
    for (let i = 0; i < image.length; i++) image[i] = i;
    const labels = new Uint8Array(2 * w * h).fill(2);
    labels[16 + 5] = 0;
    const corners = Int32Array.from([1, 1, 1]);
    const mean = Float64Array.from([0, 10]);
    const std = Float64Array.from([1, 2]);
    const b = patchesExtract(image, labels, w, h, corners, [0], 2, 2, mean, std, { labelsStartAt: 1 });
    expect(Array.from(b.x)).toEqual([(21 - 10) / 2, (22 - 10) / 2, (25 - 10) / 2, (26 - 10) / 2]);
    expect(Array.from(b.mask)).toEqual([0, 1, 1, 1]);
    expect(Array.from(b.y)).toEqual([0, 0, 0, 1, 0, 1, 0, 1]);
  });
});
