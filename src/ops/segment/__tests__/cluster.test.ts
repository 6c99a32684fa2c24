import { describe, expect, it } from 'vitest';
import { kmeans } from '../kmeans';
import { gaussianMixture } from '../gaussianMixture';
import { localFeatures } from '../localFeatures';
import { standardizeFeatures } from '../standardizeFeatures';
import { crop, nmcSlice, segmentF32, segmentJson } from './segmentFixtures';

interface KmRef { k: number; seed: number; init?: number[]; centers: number[]; counts: number[]; inertia: number; iterations: number }
interface GmmRef { k: number; seed: number; covariance: 'full' | 'diag'; weights: number[]; means: number[]; covariances: number[]; counts: number[]; logLikelihood: number; iterations: number; converged: boolean }
const ref = segmentJson<{
  kmeans: KmRef[]; gmm: GmmRef[]; kmeans2d: KmRef; gmm2d: GmmRef[];
  features: { crop: { y0: number; x0: number; h: number; w: number }; sigmas: number[]; file: string };
}>('cluster.json');

const intensity = nmcSlice.data as Float32Array;
const countsOf = (labels: Uint8Array, k: number) => {
  const c = new Array<number>(k).fill(0);
  for (const l of labels) c[l]++;
  return c;
};
const close = (a: ArrayLike<number>, b: number[], rel: number) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b[i])));
};

const fc = ref.features.crop;
const cropped = crop(intensity, nmcSlice.width, fc.y0, fc.x0, fc.h, fc.w);
const feats = localFeatures(cropped, fc.w, fc.h, { sigmas: ref.features.sigmas, smoothed: true, gradient: true, laplacian: true });

describe('localFeatures', () => {
  it('matches skimage gaussian, np.gradient magnitude and ndimage.laplace on a crop of the real slice', () => {
    const expected = segmentF32(ref.features.file);
    expect(feats.features).toBe(7);
    expect(feats.names).toEqual(['intensity', 'gaussian σ=1', 'gradient σ=1', 'laplacian σ=1', 'gaussian σ=2.5', 'gradient σ=2.5', 'laplacian σ=2.5']);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(feats.data[i] - expected[i]));
    expect(worst).toBeLessThan(2e-6);
  });

  it('rejects a non-positive σ by name', () => {
    expect(() => localFeatures(cropped, fc.w, fc.h, { sigmas: [0] })).toThrow('sigmas contains 0');
  });
});

describe('kmeans', () => {
  for (const c of ref.kmeans) {
    it(`k=${c.k}, seed ${c.seed} on the real slice's intensity: numpy Lloyd reference (same k-means++ init)`, () => {
      const r = kmeans(intensity, 1, { k: c.k, seed: c.seed });
      close(r.centers, c.centers, 1e-9);
      expect(countsOf(r.labels, c.k)).toEqual(c.counts);
      expect(r.inertia).toBeCloseTo(c.inertia, 6);
      expect(r.iterations).toBe(c.iterations);
      // Classes are ordered by intensity.
      for (let i = 1; i < c.k; i++) expect(r.centers[i]).toBeGreaterThan(r.centers[i - 1]);
    });
  }

  it('explicit init gives the same result as the seeded k-means++ init it reproduces', () => {
    const c = ref.kmeans[0];
    const r = kmeans(intensity, 1, { k: c.k, init: Float64Array.from(c.init!) });
    close(r.centers, c.centers, 1e-9);
  });

  it('two features (intensity + Gaussian σ=1) on the crop', () => {
    const c = ref.kmeans2d;
    const x = new Float32Array(fc.w * fc.h * 2);
    for (let i = 0; i < fc.w * fc.h; i++) {
      x[2 * i] = feats.data[i * 7];
      x[2 * i + 1] = feats.data[i * 7 + 1];
    }
    const r = kmeans(x, 2, { k: 3, seed: c.seed });
    close(r.centers, c.centers, 1e-6);
    expect(countsOf(r.labels, 3)).toEqual(c.counts);
    expect(r.iterations).toBe(c.iterations);
  });

  it('names bad parameters', () => {
    expect(() => kmeans(new Float32Array([1, 2, 3]), 2, { k: 2 })).toThrow('expected a positive multiple of features = 2');
    expect(() => kmeans(new Float32Array([1, 2]), 1, { k: 3 })).toThrow('k = 3, expected an integer in [1, 2]');
    expect(() => kmeans(new Float32Array([1, NaN]), 1, { k: 1 })).toThrow('non-finite value (NaN) at sample 1');
  });
});

describe('gaussianMixture', () => {
  for (const c of ref.gmm) {
    it(`EM (${c.covariance}) on the real slice's intensity: numpy reference of sklearn's loop, k-means init`, () => {
      const r = gaussianMixture(intensity, 1, { k: c.k, seed: c.seed, covariance: c.covariance });
      close(r.weights, c.weights, 1e-9);
      close(r.means, c.means, 1e-9);
      close(r.covariances, c.covariances, 1e-9);
      expect(countsOf(r.labels, c.k)).toEqual(c.counts);
      expect(r.logLikelihood).toBeCloseTo(c.logLikelihood, 9);
      expect(r.iterations).toBe(c.iterations);
      expect(r.converged).toBe(c.converged);
    });
  }

  for (const c of ref.gmm2d) {
    it(`EM (${c.covariance}) on two features of the crop`, () => {
      const x = new Float32Array(fc.w * fc.h * 2);
      for (let i = 0; i < fc.w * fc.h; i++) {
        x[2 * i] = feats.data[i * 7];
        x[2 * i + 1] = feats.data[i * 7 + 1];
      }
      const r = gaussianMixture(x, 2, { k: 3, seed: c.seed, covariance: c.covariance });
      close(r.weights, c.weights, 1e-5);
      close(r.means, c.means, 1e-5);
      close(r.covariances, c.covariances, 1e-5);
      const counts = countsOf(r.labels, 3);
      for (let i = 0; i < 3; i++) expect(Math.abs(counts[i] - c.counts[i])).toBeLessThanOrEqual(2);
      expect(r.iterations).toBe(c.iterations);
    });
  }

  it('recovers two well-separated Gaussians (analytic case)', () => {
    const n = 4000;
    const x = new Float64Array(n);
    // Deterministic normal samples by inverse-CDF-free Box–Muller on a fixed grid.
    for (let i = 0; i < n; i++) {
      const u1 = (i % 200 + 0.5) / 200;
      const u2 = (Math.floor(i / 200) % 20 + 0.5) / 20;
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      x[i] = i < n / 2 ? 10 + 0.5 * z : 2 * z;
    }
    const r = gaussianMixture(x, 1, { k: 2, covariance: 'diag' });
    expect(r.means[0]).toBeCloseTo(0, 1);
    expect(r.means[1]).toBeCloseTo(10, 1);
    expect(r.weights[0]).toBeCloseTo(0.5, 2);
    expect(Math.sqrt(r.covariances[0])).toBeCloseTo(2, 1);
    expect(Math.sqrt(r.covariances[1])).toBeCloseTo(0.5, 1);
  });

  it('names bad parameters', () => {
    expect(() => gaussianMixture(intensity, 1, { k: 2, covariance: 'tied' as 'full' })).toThrow("covariance = \"tied\", expected 'full' or 'diag'");
    expect(() => gaussianMixture(intensity, 1, { k: 2, initLabels: new Uint8Array(3) })).toThrow('initLabels has 3 values');
  });
});

describe('standardizeFeatures', () => {
  it('gives zero mean and unit population std per column; constant columns become 0', () => {
    const x = new Float64Array([1, 5, 2, 5, 3, 5, 6, 5]);
    const z = standardizeFeatures(x, 2);
    const col0 = [z[0], z[2], z[4], z[6]];
    const mean = col0.reduce((a, b) => a + b) / 4;
    expect(mean).toBeCloseTo(0, 6);
    expect(Math.sqrt(col0.reduce((a, b) => a + (b - mean) ** 2, 0) / 4)).toBeCloseTo(1, 6);
    // (1 − 3) / sqrt(3.5)
    expect(z[0]).toBeCloseTo(-2 / Math.sqrt(3.5), 6);
    expect([z[1], z[3], z[5], z[7]]).toEqual([0, 0, 0, 0]);
    expect(() => standardizeFeatures(x, 3)).toThrow('features = 3 with 8 values');
  });
});
