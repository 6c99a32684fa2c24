import { describe, expect, it } from 'vitest';
import { intensityLevels } from '../intensityLevels';
import { rescaleLevels } from '../rescaleLevels';
import { lcg } from '../../image/__tests__/helpers';
import { maxRelDiff } from './intensityFixtures';

/** A 12-frame series of one textured scene under a beam that decays (and, for `offset`, a drifting dark level). */
function series(offset: boolean) {
  const W = 40;
  const H = 30;
  const scene = Float64Array.from(lcg(W * H, 3), (v) => 1000 + 800 * v);
  const frames = 12;
  const gains = Float64Array.from({ length: frames }, (_, f) => Math.exp(-f / 8));
  const offsets = Float64Array.from({ length: frames }, (_, f) => (offset ? 20 * f : 0));
  const data = new Float32Array(frames * W * H);
  for (let f = 0; f < frames; f++) for (let i = 0; i < W * H; i++) data[f * W * H + i] = gains[f] * scene[i] + offsets[f];
  return { W, H, frames, scene, gains, offsets, data };
}

describe('intensity drift along a series: levels of each frame mapped onto the reference frame', () => {
  it('mean and percentile normalisation recover a multiplicative beam decay', () => {
    const s = series(false);
    const plane = s.W * s.H;
    for (const opts of [{ method: 'mean' as const }, { method: 'percentile' as const, percentile: 50 }, { method: 'percentile' as const, percentile: 90 }]) {
      const ref = intensityLevels(s.data.subarray(0, plane), opts);
      for (let f = 0; f < s.frames; f++) {
        const frame = s.data.subarray(f * plane, (f + 1) * plane);
        const r = rescaleLevels(frame, intensityLevels(frame, opts), ref);
        expect(r.gain).toBeCloseTo(1 / s.gains[f], 5);
        expect(r.offset).toBe(0);
        expect(maxRelDiff(r.out, s.scene)).toBeLessThan(1e-5);
      }
    }
  });

  it('range normalisation (1..99 %) also removes an additive drift', () => {
    const s = series(true);
    const plane = s.W * s.H;
    const opts = { method: 'range' as const, low: 1, high: 99 };
    const ref = intensityLevels(s.data.subarray(0, plane), opts);
    const last = s.data.subarray((s.frames - 1) * plane);
    const r = rescaleLevels(last, intensityLevels(last, opts), ref);
    expect(maxRelDiff(r.out, s.scene)).toBeLessThan(1e-5);
    // The mean alone cannot undo an offset: the check can fail.
    const m = rescaleLevels(last, intensityLevels(last), intensityLevels(s.data.subarray(0, plane)));
    expect(maxRelDiff(m.out, s.scene)).toBeGreaterThan(1e-2);
  });

  it('percentiles follow np.percentile (linear interpolation); errors name the parameter', () => {
    expect(intensityLevels(new Float32Array([4, 1, 3, 2]), { method: 'percentile', percentile: 50 })).toEqual([0, 2.5]);
    expect(intensityLevels(new Uint8Array([0, 10, 20, 30, 40]), { method: 'range', low: 10, high: 90 })).toEqual([4, 36]);
    expect(() => intensityLevels(new Float32Array(3), { method: 'range', low: 60, high: 40 })).toThrow(/low = 60, high = 40, expected 0 ≤ low < high ≤ 100/);
    expect(() => rescaleLevels(new Float32Array(3), [0, 0], [0, 1])).toThrow(/expected two different levels/);
  });
});
