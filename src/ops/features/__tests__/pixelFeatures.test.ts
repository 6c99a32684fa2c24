import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gaussianDerivatives } from '../gaussianDerivatives';
import { pixelFeatures, FEATURE_FAMILIES, type FeatureFamily } from '../pixelFeatures';
import { readTiff } from '../../io/tiff/readTiff';
import { gaussianFilter } from '../../image/gaussianFilter';
import { fixtureBytes, lcg, maxAbsDiff, ROOT } from '../../image/__tests__/helpers';

const DIR = join(ROOT, 'test', 'fixtures', 'features');
interface Fx {
  crop: { file: string; y0: number; x0: number; h: number; w: number };
  names: string[];
  cases: { sigma: number; file: string; maxAbs: Record<string, number> }[];
}
const fx = JSON.parse(readFileSync(join(DIR, 'features.json'), 'utf8')) as Fx;
const { h: H, w: W } = fx.crop;
const N = H * W;

function crop(): Float32Array {
  const { file, y0, x0 } = fx.crop;
  const img = readTiff(fixtureBytes(file), file);
  const out = new Float32Array(N);
  for (let y = 0; y < H; y++) out.set(img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x0 + W), y * W);
  return out;
}

/** Reference array `name` of a sigma case (little-endian float32 file, arrays in `fx.names` order). */
function ref(file: string, name: string): Float32Array {
  const b = readFileSync(join(DIR, file));
  const k = fx.names.indexOf(name);
  const dv = new DataView(b.buffer, b.byteOffset + k * N * 4, N * 4);
  return Float32Array.from({ length: N }, (_, i) => dv.getFloat32(4 * i, true));
}

const input = crop();

describe('gaussianDerivatives against scipy.ndimage.gaussian_filter(order=…) on the real NMC crop', () => {
  const orders = [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1], [0, 2]] as const; // [orderX, orderY]
  for (const c of fx.cases) {
    it(`σ=${c.sigma}: all orders ≤ 2 in one call`, () => {
      const got = gaussianDerivatives(input, W, H, { sigma: c.sigma, orders });
      orders.forEach(([ox, oy], i) => {
        const name = `d_${oy}${ox}`;
        // float32 rounding of float64 sums, relative to the largest magnitude of the result.
        expect(maxAbsDiff(got[i], ref(c.file, name)), name).toBeLessThanOrEqual(2e-6 * c.maxAbs[name] + 1e-6);
      });
    });
  }

  it('writes into given buffers; a 1-pixel-wide image and kernels wider than the image follow scipy', () => {
    const out = [new Float32Array(N)];
    expect(gaussianDerivatives(input, W, H, { sigma: 1.6, orders: [[1, 1]], out })[0]).toBe(out[0]);
    expect(maxAbsDiff(out[0], ref('features_nmc_s1.6.f32', 'd_11'))).toBeLessThan(1e-3);
    // A single column: the x derivative of a constant row is 0; the y pass alone acts.
    const col = Float32Array.from({ length: 9 }, (_, i) => i * i);
    const [dx, dy0] = gaussianDerivatives(col, 1, 9, { sigma: 3, orders: [[1, 0], [0, 0]] });
    expect(Array.from(dx).every((v) => Math.abs(v) < 1e-12)).toBe(true);
    expect(maxAbsDiff(dy0, gaussianFilter(col, 1, 9, { sigma: 3 }))).toBeLessThan(1e-5);
  });
});

describe('pixelFeatures against scipy / scikit-image on the real NMC crop', () => {
  const fams: Record<FeatureFamily, string[]> = {
    gaussian: ['gauss'],
    gradient: ['gradmag'],
    laplacian: ['log'],
    dog: ['dog'],
    structure: ['st0', 'st1'],
    hessian: ['he0', 'he1'],
  };
  for (const c of fx.cases) {
    it(`all six families at σ=${c.sigma}, in FEATURE_FAMILIES order`, () => {
      const block = pixelFeatures(input, W, H, { scales: [c.sigma] });
      expect(block.count).toBe(8);
      expect(block.names).toEqual([
        `gaussian σ=${c.sigma}`, `gradient σ=${c.sigma}`, `laplacian σ=${c.sigma}`, `dog σ=${c.sigma}`,
        `structure λ1 σ=${c.sigma}`, `structure λ2 σ=${c.sigma}`, `hessian λ1 σ=${c.sigma}`, `hessian λ2 σ=${c.sigma}`,
      ]);
      const refs = FEATURE_FAMILIES.flatMap((f) => fams[f]);
      refs.forEach((name, k) => {
        const got = block.data.subarray(k * N, (k + 1) * N);
        // Structure-tensor eigenvalues are squares of gradients: relative to the largest one.
        const tol = (name.startsWith('st') ? 1e-5 : 3e-6) * c.maxAbs[name] + 1e-6;
        expect(maxAbsDiff(got, ref(c.file, name)), `${name} σ=${c.sigma}`).toBeLessThanOrEqual(tol);
      });
    });
  }

  it('only the selected families and scales are computed, scale-major, into a given block', () => {
    const out = new Float32Array(2 * 3 * N);
    const block = pixelFeatures(input, W, H, { scales: [1.6, 5.0], families: ['hessian', 'gaussian'], out });
    expect(block.data).toBe(out);
    expect(block.names).toEqual(['gaussian σ=1.6', 'hessian λ1 σ=1.6', 'hessian λ2 σ=1.6', 'gaussian σ=5', 'hessian λ1 σ=5', 'hessian λ2 σ=5']);
    expect(maxAbsDiff(block.data.subarray(4 * N, 5 * N), ref('features_nmc_s5.0.f32', 'he0'))).toBeLessThan(3e-6 * 1e4);
    expect(maxAbsDiff(block.data.subarray(0, N), gaussianFilter(input, W, H, { sigma: 1.6 }))).toBe(0);
  });

  it('eigenvalues are ordered and the structure tensor is positive semi-definite', () => {
    const block = pixelFeatures(Float32Array.from(lcg(30 * 20, 9)), 30, 20, { scales: [1], families: ['structure', 'hessian'] });
    const n = 600;
    for (let i = 0; i < n; i++) {
      expect(block.data[i]).toBeGreaterThanOrEqual(block.data[n + i]);
      expect(block.data[n + i]).toBeGreaterThanOrEqual(-1e-7);
      expect(block.data[2 * n + i]).toBeGreaterThanOrEqual(block.data[3 * n + i]);
    }
  });

  it('a linear ramp: gradient = slope, Laplacian and Hessian ≈ 0 away from the edges', () => {
    const w = 40;
    const h = 30;
    const ramp = Float32Array.from({ length: w * h }, (_, i) => 3 * (i % w) + 2 * Math.floor(i / w));
    const b = pixelFeatures(ramp, w, h, { scales: [1], families: ['gradient', 'laplacian'] });
    const p = 15 * w + 20;
    // The sampled derivative kernel's first moment differs from 1 by ~1e-4 at σ = 1.
    expect(Math.abs(b.data[p] / Math.hypot(3, 2) - 1)).toBeLessThan(2e-4);
    // Likewise the 2nd-derivative kernel sums to ~1e-4 instead of 0 (as scipy's): relative to the value.
    expect(Math.abs(b.data[w * h + p])).toBeLessThan(2e-4 * ramp[p]);
  });

  it('refuses bad options with the parameter named', () => {
    expect(() => pixelFeatures(input, W, H, { scales: [] })).toThrow(/scales is empty/);
    expect(() => pixelFeatures(input, W, H, { scales: [0] })).toThrow(/scales contains 0, expected finite σ > 0/);
    expect(() => pixelFeatures(input, W, H, { families: ['sobel' as FeatureFamily] })).toThrow(/families contains "sobel"/);
    expect(() => pixelFeatures(input, W, H, { scales: [1], families: ['gaussian'], out: new Float32Array(3) })).toThrow(/out has 3 values, expected features·pixels = 1·3072/);
    expect(() => gaussianDerivatives(input, W, H, { sigma: 1, orders: [[0, 1], [3, 0]] })).toThrow(/orders\[1\] orderX = 3, expected 0, 1 or 2/);
    expect(() => gaussianDerivatives(input, W, H, { sigma: -1, orders: [[0, 1]] })).toThrow(/sigma = -1/);
    expect(() => gaussianDerivatives(input, W, H, { sigma: 1, orders: [[0, 1]], out: [] })).toThrow(/out has 0 buffers, expected one per order \(1\)/);
  });
});
