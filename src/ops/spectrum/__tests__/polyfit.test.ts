import { describe, expect, it } from 'vitest';
import { polyfit } from '../polyfit';
import { solveLeastSquares } from '../solveLeastSquares';

describe('polyfit', () => {
  it('recovers an exact quadratic at XANES energies (x ≈ 9000, where a plain Vandermonde is ill-conditioned)', () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => 8900 + 7.3 * i);
    const y = x.map((e) => 0.3 - 2e-4 * (e - 9000) + 5e-8 * (e - 9000) ** 2);
    const c = polyfit(x, y, 2);
    for (let i = 0; i < x.length; i++) expect(c[0] + c[1] * x[i] + c[2] * x[i] ** 2).toBeCloseTo(y[i], 9);
    expect(c[2]).toBeCloseTo(5e-8, 14);
  });

  it('fits only [start, end) and gives the least-squares line of noisy points', () => {
    // y = 1 + 2x with residuals +1, −1, −1, +1 (orthogonal to 1 and x): the LS line is exactly 1 + 2x.
    const x = [0, 1, 2, 3, 100];
    const y = [2, 2, 4, 8, -50];
    const c = polyfit(x, y, 1, { start: 0, end: 4 });
    expect(c[0]).toBeCloseTo(1, 12);
    expect(c[1]).toBeCloseTo(2, 12);
  });

  it('refuses too few points and bad degrees', () => {
    expect(() => polyfit([1, 2], [1, 2], 2)).toThrow(/expected at least 3 points for degree 2/);
    expect(() => polyfit([1, 2], [1, 2], -1)).toThrow(/degree = -1/);
  });
});

describe('solveLeastSquares', () => {
  it('solves an overdetermined system (normal-equation solution)', () => {
    // A = [[1,0],[0,1],[1,1]], b = [1,2,4] → (AᵀA)⁻¹Aᵀb = [4/3, 7/3].
    const c = solveLeastSquares(Float64Array.from([1, 0, 0, 1, 1, 1]), 3, 2, Float64Array.from([1, 2, 4]));
    expect(c[0]).toBeCloseTo(4 / 3, 14);
    expect(c[1]).toBeCloseTo(7 / 3, 14);
  });
});
