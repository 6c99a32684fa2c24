import { describe, expect, it } from 'vitest';
import { crossPowerSpectrum } from '../crossPowerSpectrum';

describe('crossPowerSpectrum', () => {
  it('is a·conj(b) normalised to unit magnitude (analytic case), zero stays zero', () => {
    // (1 + 2i)·conj(3 − i) = (1 + 2i)(3 + i) = 1 + 7i, |·| = √50.
    const r = crossPowerSpectrum([1, 2, 0, 0], [3, -1, 5, 5], { out: new Float64Array(4) });
    expect(r[0]).toBeCloseTo(1 / Math.sqrt(50), 15);
    expect(r[1]).toBeCloseTo(7 / Math.sqrt(50), 15);
    expect([r[2], r[3]]).toEqual([0, 0]);
    const plain = crossPowerSpectrum([1, 2], [3, -1], { normalize: false });
    expect(Array.from(plain)).toEqual([1, 7]);
  });
  it('rejects odd or mismatched lengths, naming the parameter', () => {
    expect(() => crossPowerSpectrum([1, 2, 3], [1, 2, 3])).toThrow(/a has 3 values/);
    expect(() => crossPowerSpectrum([1, 2], [1, 2, 3, 4])).toThrow(/b has 4 values, expected 2/);
  });
});
