import { describe, expect, it } from 'vitest';
import { reduceStats } from '../reduceStats';

describe('reduceStats', () => {
  it('matches numpy min/max/sum/sum of squares on a small case', () => {
    // numpy: x = [3, -1.5, 2, 0.25]; x.min() -1.5, x.max() 3, x.sum() 3.75, (x**2).sum() 15.3125
    expect(reduceStats(new Float32Array([3, -1.5, 2, 0.25]))).toEqual({ min: -1.5, max: 3, sum: 3.75, sumSquares: 15.3125, count: 4 });
  });
  it('propagates NaN and rejects empty input', () => {
    expect(reduceStats([1, NaN, 2]).sum).toBeNaN();
    expect(() => reduceStats([])).toThrow(/0 values, expected at least 1/);
  });
});
