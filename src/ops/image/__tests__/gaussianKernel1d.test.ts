import { describe, expect, it } from 'vitest';
import { gaussianKernel1d } from '../gaussianKernel1d';

describe('gaussianKernel1d', () => {
  it('matches scipy.ndimage._filters._gaussian_kernel1d(sigma=1, order=0, radius=4)', () => {
    // scipy 1.10: [1.3383062e-04 4.4318616e-03 5.3991127e-02 2.4197144e-01 3.9894346e-01 ...] (symmetric)
    const w = gaussianKernel1d({ sigma: 1 });
    expect(w.length).toBe(9);
    const ref = [1.33830625e-4, 4.43186162e-3, 5.39911274e-2, 2.41971446e-1, 3.98943469e-1];
    for (let i = 0; i < 5; i++) {
      expect(w[i]).toBeCloseTo(ref[i], 8);
      expect(w[8 - i]).toBe(w[i]);
    }
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });
  it('uses radius floor(truncate·σ + 0.5) and names a bad sigma', () => {
    expect(gaussianKernel1d({ sigma: 2, truncate: 3 }).length).toBe(13);
    expect(() => gaussianKernel1d({ sigma: 0 })).toThrow(/sigma = 0, expected a finite number > 0/);
  });
});
