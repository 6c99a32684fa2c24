import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { downsampleBox, downsampleNearest, previewFactor } from '../downsampleImage';
import { floatImage } from './referenceImages';

const ref = JSON.parse(readFileSync(new URL('../../../../test/fixtures/preview/box_downsample.json', import.meta.url), 'utf8'));

describe('downsampleImage', () => {
  it('previewFactor fits the long side into maxSide', () => {
    expect(previewFactor(1024, 10)).toBe(1);
    expect(previewFactor(1025, 10)).toBe(2);
    expect(previewFactor(10, 2500)).toBe(3);
    expect(() => previewFactor(10, 10, 0)).toThrow(/maxSide/);
  });

  it('box mean matches a NaN-ignoring numpy block mean, partial edge blocks included', () => {
    const img = floatImage(ref.width * ref.height);
    expect(previewFactor(ref.width, ref.height)).toBe(ref.factor);
    const out = downsampleBox(img, ref.width, ref.height, ref.factor);
    expect([out.width, out.height]).toEqual([ref.outWidth, ref.outHeight]);
    let worst = 0;
    for (let i = 0; i < ref.data.length; i++) worst = Math.max(worst, Math.abs(out.data[i] - ref.data[i]));
    expect(worst).toBeLessThan(1e-4);
  });

  it('nearest keeps only values present in the source (labels stay classes)', () => {
    const w = 9;
    const h = 5;
    const src = Uint8Array.from({ length: w * h }, (_, i) => (i % w < 4 ? 1 : 3));
    const out = downsampleNearest(src, w, h, 2, new Uint8Array(5 * 3));
    expect(out.width).toBe(5);
    expect(out.height).toBe(3);
    expect([...out.data]).toEqual([1, 1, 3, 3, 3, 1, 1, 3, 3, 3, 1, 1, 3, 3, 3]);
  });

  it('refuses data shorter than width × height', () => {
    expect(() => downsampleBox(new Float32Array(3), 2, 2, 1)).toThrow(/data: expected ≥ 4 values/);
  });
});
