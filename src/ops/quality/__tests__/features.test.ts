import { describe, expect, it } from 'vitest';
import { noiseSigmaImmerkaer } from '../noiseSigmaImmerkaer';
import { noiseSigmaWavelet } from '../noiseSigmaWavelet';
import { laplacianVariance } from '../laplacianVariance';
import { intensityContrast } from '../intensityContrast';
import { brisqueFeatures, BRISQUE_FEATURE_NAMES } from '../brisqueFeatures';
import { mscn } from '../mscn';
import { gamma } from '../gamma';
import { fixtureImages } from './fixtures';
import { lcg } from '../../image/__tests__/helpers';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('per-image features against numpy / scipy / scikit-image (scripts/fixtures/quality_features.py)', () => {
  for (const { name, data, ref } of fixtureImages()) {
    describe(name, () => {
      it('Immerkær σ as the convolve2d formula', () => {
        expect(rel(noiseSigmaImmerkaer(data, ref.w, ref.h), ref.noiseImmerkaer)).toBeLessThan(1e-12);
      });
      it('wavelet σ as skimage.restoration.estimate_sigma', () => {
        expect(rel(noiseSigmaWavelet(data, ref.w, ref.h), ref.noiseWavelet)).toBeLessThan(1e-12);
      });
      it('variance of the Laplacian as scipy.ndimage.laplace(x).var()', () => {
        expect(rel(laplacianVariance(data, ref.w, ref.h), ref.laplacianVariance)).toBeLessThan(1e-12);
      });
      it('mean, std and Michelson on the 1/99 percentiles', () => {
        const c = intensityContrast(data, ref.w, ref.h);
        expect(rel(c.mean, ref.mean)).toBeLessThan(1e-12);
        expect(rel(c.rmsContrast, ref.rmsContrast)).toBeLessThan(1e-12);
        expect(rel(c.michelson, ref.michelson)).toBeLessThan(1e-12);
      });
      it('36 BRISQUE features as the numpy port of brisque_feature.m', () => {
        const f = brisqueFeatures(data, ref.w, ref.h, { offset: ref.lo, scale: 255 / (ref.hi - ref.lo) });
        expect(f.length).toBe(36);
        for (let i = 0; i < 36; i++) {
          const name = BRISQUE_FEATURE_NAMES[i];
          // α on the 0.001 grid: identical; moments: float rounding only.
          if (name.includes('Alpha')) expect(f[i], name).toBeCloseTo(ref.brisque[i], 9);
          else expect(rel(f[i], ref.brisque[i]), name).toBeLessThan(1e-9);
        }
      });
    });
  }
});

describe('analytic cases and properties', () => {
  it('gamma: Γ(n) = (n−1)!, Γ(½) = √π, Γ(x+1) = xΓ(x)', () => {
    expect(rel(gamma(5), 24)).toBeLessThan(1e-14);
    expect(rel(gamma(15), 87178291200)).toBeLessThan(1e-13);
    expect(rel(gamma(0.5), Math.sqrt(Math.PI))).toBeLessThan(1e-14);
    for (const x of [0.1, 0.37, 2.5, 7.3]) expect(rel(gamma(x + 1), x * gamma(x))).toBeLessThan(1e-13);
  });

  it('Immerkær and wavelet σ recover the σ of white noise; Laplacian variance of noise = 20σ²', () => {
    const W = 256;
    const u = lcg(2 * W * W, 3);
    const g = new Float64Array(W * W);
    // Box–Muller on the LCG: Gaussian noise of σ = 5 on a linear ramp (which both estimators ignore).
    for (let i = 0; i < g.length; i++) {
      const a = u[2 * i] + 0.5 || 1e-12;
      const b = u[2 * i + 1] + 0.5;
      g[i] = 100 + 0.3 * (i % W) + 5 * Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
    }
    expect(noiseSigmaImmerkaer(g, W, W)).toBeCloseTo(5, 0);
    expect(noiseSigmaWavelet(g, W, W)).toBeCloseTo(5, 0);
    expect(laplacianVariance(g, W, W) / 25).toBeGreaterThan(19);
    expect(laplacianVariance(g, W, W) / 25).toBeLessThan(21);
  });

  it('a constant image: no noise, no sharpness, zero contrast; MSCN all 0', () => {
    const c = new Float32Array(20 * 10).fill(7);
    expect(noiseSigmaImmerkaer(c, 20, 10)).toBe(0);
    expect(noiseSigmaWavelet(c, 20, 10)).toBeLessThan(1e-12); // db2 high-pass sums to ~1e-16, as in pywt
    expect(laplacianVariance(c, 20, 10)).toBe(0);
    expect(intensityContrast(c, 20, 10)).toEqual({ mean: 7, rmsContrast: 0, michelson: 0 });
    expect(Array.from(mscn(c, 20, 10)).every((v) => v === 0)).toBe(true);
    expect(Array.from(brisqueFeatures(c, 20, 10)).every((v) => Number.isNaN(v))).toBe(true);
  });

  it('rejects bad input naming it', () => {
    expect(() => noiseSigmaImmerkaer(new Float32Array(4), 2, 2)).toThrow(/image is 2×2, expected at least 3×3/);
    expect(() => laplacianVariance(new Float32Array(5), 2, 2)).toThrow(/data has 5 values, expected width·height = 2·2 = 4/);
    expect(() => mscn(new Float32Array(4), 2, 2, { c: 0 })).toThrow(/c = 0, expected a finite number > 0/);
    expect(() => brisqueFeatures(new Float32Array(4), 2, 2, { scale: -1 })).toThrow(/scale = -1, expected a finite number > 0/);
  });
});
