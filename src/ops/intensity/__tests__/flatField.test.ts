import { describe, expect, it } from 'vitest';
import { combineFrames } from '../combineFrames';
import { flatFieldDenominator } from '../flatFieldDenominator';
import { flatFieldCorrect } from '../flatFieldCorrect';
import { intensityF32, intensityJson, maxRelDiff } from './intensityFixtures';

interface Fx {
  projections: number;
  flats: number;
  darks: number;
  height: number;
  width: number;
  epsilon: number;
}
const fx = intensityJson<Fx>('flatfield.json');
const { width: W, height: H } = fx;
const plane = W * H;
const proj = intensityF32('tooth_proj.f32');
const flats = intensityF32('tooth_flat.f32');
const darks = intensityF32('tooth_dark.f32');

function correctAll(method: 'mean' | 'median', minusLog: boolean): Float32Array {
  const flat = combineFrames(flats, W, H, { method });
  const dark = combineFrames(darks, W, H, { method });
  const { denominator, clipped } = flatFieldDenominator(flat, dark, W, H, { epsilon: fx.epsilon });
  expect(clipped).toBe(0);
  const out = new Float32Array(proj.length);
  for (let f = 0; f < fx.projections; f++) {
    flatFieldCorrect(proj.subarray(f * plane, (f + 1) * plane), denominator, W, H, { dark, minusLog, out: out.subarray(f * plane, (f + 1) * plane) });
  }
  return out;
}

describe('flat/dark-field correction against tomopy.normalize (numpy, float32) on the real tooth projections', () => {
  it('mean-combined flats and darks', () => {
    expect(maxRelDiff(correctAll('mean', false), intensityF32('tooth_ff_mean.f32'))).toBeLessThan(2e-6);
  });
  it('median-combined flats and darks', () => {
    // Median picks (or averages two) input values: the same float32 arithmetic as numpy.
    expect(maxRelDiff(correctAll('median', false), intensityF32('tooth_ff_median.f32'))).toBeLessThan(1e-7);
  });
  it('−log for absorption (tomopy.minus_log)', () => {
    expect(maxRelDiff(correctAll('mean', true), intensityF32('tooth_ff_minuslog.f32'), 1e-3)).toBeLessThan(1e-5);
  });
});

describe('rules and preconditions', () => {
  it('F − D below epsilon is clipped to epsilon and counted', () => {
    const flat = new Float32Array([100, 10, 5, 50]);
    const dark = new Float32Array([10, 10, 8, 0]);
    const { denominator, clipped } = flatFieldDenominator(flat, dark, 2, 2, { epsilon: 0.5 });
    expect(clipped).toBe(2);
    expect(Array.from(denominator)).toEqual([90, 0.5, 0.5, 50]);
    const t = flatFieldCorrect(new Float32Array([55, 11, 8, 25]), denominator, 2, 2, { dark });
    expect(Array.from(t)).toEqual([0.5, 2, 0, 0.5]);
    const a = flatFieldCorrect(new Float32Array([55, 11, 8, 25]), denominator, 2, 2, { dark, minusLog: true, minTransmission: 1e-3 });
    expect(a[0]).toBeCloseTo(Math.log(2), 6);
    expect(a[2]).toBeCloseTo(-Math.log(1e-3), 6);
  });

  it('without darks D = 0; median of an even count averages the middle pair', () => {
    const { denominator } = flatFieldDenominator(new Float32Array([4, 8]), undefined, 2, 1);
    expect(Array.from(flatFieldCorrect(new Uint16Array([2, 2]), denominator, 2, 1))).toEqual([0.5, 0.25]);
    const med = combineFrames(new Float32Array([1, 10, 7, 20, 3, 30, 100, 40]), 2, 1, { method: 'median' });
    expect(Array.from(med)).toEqual([5, 25]);
    expect(Array.from(combineFrames(new Uint8Array([1, 2, 3, 4]), 2, 1))).toEqual([2, 3]);
  });

  it('rejects bad sizes and parameters naming them', () => {
    expect(() => combineFrames(new Float32Array(5), 2, 2)).toThrow(/data has 5 values, expected a positive multiple of width·height = 2·2 = 4/);
    expect(() => flatFieldDenominator(new Float32Array(4), new Float32Array(3), 2, 2)).toThrow(/\(dark\): data has 3 values/);
    expect(() => flatFieldDenominator(new Float32Array(4), undefined, 2, 2, { epsilon: 0 })).toThrow(/epsilon = 0, expected a finite number > 0/);
    expect(() => flatFieldCorrect(new Float32Array(4), new Float32Array(4), 2, 2, { out: new Float32Array(2) })).toThrow(/out has 2 values, expected 4/);
  });
});
