import { describe, expect, it } from 'vitest';
import { fitGgd } from '../fitGgd';
import { fitAggd } from '../fitAggd';
import { fixtureF64, qualityFx } from './fixtures';

describe('GGD / AGGD moment matching against the numpy port of estimateggdparam.m / estimateaggdparam.m', () => {
  for (const f of qualityFx.fits) {
    it(`${f.kind} α=${f.alpha} on 3000 samples of known shape`, () => {
      const x = fixtureF64(f.file);
      if (f.kind === 'ggd') {
        const g = fitGgd(x);
        expect(g.alpha).toBeCloseTo(f.fit[0], 10);
        expect(g.sigma2).toBeCloseTo(f.fit[1], 12);
        // And the estimate is near the true shape (3000 samples: within ~15 %).
        expect(Math.abs(g.alpha - f.alpha) / f.alpha).toBeLessThan(0.15);
        expect(Math.abs(g.sigma2 - f.sigma2!) / f.sigma2!).toBeLessThan(0.15);
      } else {
        const a = fitAggd(x);
        expect(a.alpha).toBeCloseTo(f.fit[0], 10);
        expect(a.mean).toBeCloseTo(f.fit[1], 12);
        expect(a.sigmaL2).toBeCloseTo(f.fit[2], 12);
        expect(a.sigmaR2).toBeCloseTo(f.fit[3], 12);
        expect(Math.abs(a.alpha - f.alpha) / f.alpha).toBeLessThan(0.15);
        expect(Math.abs(a.sigmaL2 - f.sigmaL2!) / f.sigmaL2!).toBeLessThan(0.15);
      }
    });
  }

  it('a Gaussian has α ≈ 2 and a symmetric AGGD mean ≈ 0 (large LCG Box–Muller sample)', () => {
    const n = 200000;
    const x = new Float64Array(n);
    let s = 12345;
    const u = () => ((s = (Math.imul(1664525, s) + 1013904223) >>> 0) + 0.5) / 4294967296;
    for (let i = 0; i < n; i++) x[i] = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    expect(fitGgd(x).alpha).toBeCloseTo(2, 1);
    const a = fitAggd(x);
    expect(a.alpha).toBeCloseTo(2, 1);
    expect(Math.abs(a.mean)).toBeLessThan(0.02);
  });

  it('rejects degenerate samples', () => {
    expect(() => fitGgd(new Float64Array(5))).toThrow(/fitGgd: x has 5 values with Σ\|x\| = 0/);
    expect(() => fitAggd(Float64Array.from([1, 2, 3]))).toThrow(/0 negative and 3 positive values/);
  });
});
