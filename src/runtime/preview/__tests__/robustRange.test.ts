import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { robustRange } from '../robustRange';
import { floatImage, u16Image } from './referenceImages';

const ref = JSON.parse(readFileSync(new URL('../../../../test/fixtures/preview/robust_range.json', import.meta.url), 'utf8'));

describe('robustRange', () => {
  it('matches numpy nanpercentile (exact path, NaN ignored)', () => {
    const r = robustRange(floatImage(ref.float_300x200.n));
    expect(r.min).toBeCloseTo(ref.float_300x200.min, 4);
    expect(r.max).toBeCloseTo(ref.float_300x200.max, 4);
    expect(r.lo).toBeCloseTo(ref.float_300x200.lo, 4);
    expect(r.hi).toBeCloseTo(ref.float_300x200.hi, 4);
  });

  it('matches numpy percentile within one histogram bin (large data path)', () => {
    const r = robustRange(u16Image(ref.u16_1500x1000.n));
    const bin = (ref.u16_1500x1000.max - ref.u16_1500x1000.min) / 65536;
    expect(r.count).toBe(ref.u16_1500x1000.n);
    expect(r.min).toBe(ref.u16_1500x1000.min);
    expect(r.max).toBe(ref.u16_1500x1000.max);
    expect(Math.abs(r.lo - ref.u16_1500x1000.lo)).toBeLessThanOrEqual(bin);
    expect(Math.abs(r.hi - ref.u16_1500x1000.hi)).toBeLessThanOrEqual(bin);
  });

  it('histogram and exact paths agree on the same data', () => {
    const d = floatImage(60000);
    const exact = robustRange(d);
    const hist = robustRange(d, { exactLimit: 10 });
    const bin = (exact.max - exact.min) / 65536;
    expect(Math.abs(hist.lo - exact.lo)).toBeLessThanOrEqual(2 * bin);
    expect(Math.abs(hist.hi - exact.hi)).toBeLessThanOrEqual(2 * bin);
  });

  it('all-NaN data give zeros and count 0, never NaN', () => {
    expect(robustRange(new Float32Array([NaN, NaN]))).toEqual({ min: 0, max: 0, lo: 0, hi: 0, count: 0 });
  });

  it('refuses a bad percentile, naming it', () => {
    expect(() => robustRange([1, 2], { low: -1 })).toThrow(/low: expected a percentile/);
  });
});
