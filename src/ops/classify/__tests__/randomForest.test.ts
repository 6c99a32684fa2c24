import { describe, expect, it } from 'vitest';
import { trainRandomForest } from '../trainRandomForest';
import { predictRandomForest } from '../predictRandomForest';
import { seededUniform } from '../../segment/assertSamples';
import { gatherSamples } from '../gatherSamples';

/** Feature-major block from per-sample rows. */
function block(rows: number[][]): Float32Array {
  const n = rows.length;
  const F = rows[0].length;
  const out = new Float32Array(F * n);
  rows.forEach((r, i) => r.forEach((v, f) => (out[f * n + i] = v)));
  return out;
}

/** Two or three Gaussian clouds, separated along feature 0 only; features 1..F−1 are noise. */
function clouds(nPerClass: number, classes: number, F: number, seed: number): { x: Float32Array; y: Uint8Array; rows: number[][] } {
  const u = seededUniform(seed);
  const rows: number[][] = [];
  const y: number[] = [];
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < nPerClass; i++) {
      rows.push([c * 10 + (u() - 0.5) * 4, ...Array.from({ length: F - 1 }, () => u() * 100)]);
      y.push(c);
    }
  }
  return { x: block(rows), y: Uint8Array.from(y), rows };
}

describe('trainRandomForest / predictRandomForest', () => {
  it('one stump, all features, no bootstrap: splits at the midpoint of the gap', () => {
    const x = block([[0], [1], [2], [5], [6]]);
    const y = Uint8Array.from([0, 0, 0, 1, 1]);
    const m = trainRandomForest(x, y, 2, { trees: 1, bootstrap: false });
    const t = m.trees[0];
    expect([t.feature[0], t.threshold[0], t.depth]).toEqual([0, 3.5, 1]);
    expect(Array.from(t.value.subarray(2, 6))).toEqual([1, 0, 0, 1]);
    const probe = block([[3.4], [3.6], [-100], [100]]);
    const prob = new Float32Array(8);
    expect(Array.from(predictRandomForest(m, probe, 4, { probabilities: prob }))).toEqual([0, 1, 0, 1]);
    expect(Array.from(prob)).toEqual([1, 0, 1, 0, 0, 1, 0, 1]);
  });

  it('XOR needs two levels: a full-feature tree learns it exactly', () => {
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 40; i++) {
      const a = i % 2;
      const b = Math.floor(i / 2) % 2;
      rows.push([a + (i % 7) * 0.01, b + (i % 5) * 0.01]);
      y.push(a ^ b);
    }
    const m = trainRandomForest(block(rows), Uint8Array.from(y), 2, { trees: 1, bootstrap: false, maxFeatures: 2 });
    expect(Array.from(predictRandomForest(m, block(rows), 40))).toEqual(y);
  });

  it('separable clouds: perfect on training and held-out samples, importance on the informative feature', () => {
    const train = clouds(60, 3, 9, 1);
    const test = clouds(200, 3, 9, 2);
    const m = trainRandomForest(train.x, train.y, 3, { trees: 20, seed: 5 });
    expect(m.features).toBe(9);
    expect(m.trees.length).toBe(20);
    expect(Array.from(predictRandomForest(m, train.x, train.y.length))).toEqual(Array.from(train.y));
    expect(Array.from(predictRandomForest(m, test.x, test.y.length))).toEqual(Array.from(test.y));
    const imp = Array.from(m.importance);
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // Noise features only get the small gains of deep, bootstrap-noise splits.
    expect(imp[0]).toBeGreaterThan(0.5);
    expect(imp[0]).toBeGreaterThan(10 * Math.max(...imp.slice(1)));
  });

  it('probabilities are class fractions summing to 1 per pixel; maxDepth 0 gives the class priors', () => {
    const d = clouds(30, 3, 4, 3);
    const n = d.y.length;
    const prob = new Float32Array(3 * n);
    const m = trainRandomForest(d.x, d.y, 3, { trees: 7, seed: 1 });
    predictRandomForest(m, d.x, n, { probabilities: prob });
    for (let p = 0; p < n; p++) expect(prob[p] + prob[n + p] + prob[2 * n + p]).toBeCloseTo(1, 6);
    // Predicting in blocks gives the same result as in one go.
    const whole = predictRandomForest(m, d.x, n);
    const parts = new Uint8Array(n).fill(7);
    predictRandomForest(m, d.x, n, { out: parts, from: 0, to: 31 });
    expect(parts[31]).toBe(7);
    predictRandomForest(m, d.x, n, { out: parts, from: 31, to: n });
    expect(parts).toEqual(whole);
    expect(() => predictRandomForest(m, d.x, n, { from: 5, to: 4 })).toThrow(/from = 5, to = 4, expected integers with 0 ≤ from ≤ to ≤ 90/);
    const prior = trainRandomForest(d.x, d.y, 3, { trees: 1, maxDepth: 0, bootstrap: false });
    expect(Array.from(prior.trees[0].value).map((v) => Math.round(v * 3 * 1e6) / 1e6)).toEqual([1, 1, 1]);
  });

  it('is deterministic for a seed and changes with it', () => {
    const d = clouds(40, 2, 16, 4);
    const a = trainRandomForest(d.x, d.y, 2, { trees: 5, seed: 42 });
    const b = trainRandomForest(d.x, d.y, 2, { trees: 5, seed: 42 });
    const c = trainRandomForest(d.x, d.y, 2, { trees: 5, seed: 43 });
    expect(a).toEqual(b);
    expect(a.trees.map((t) => Array.from(t.threshold))).not.toEqual(c.trees.map((t) => Array.from(t.threshold)));
  });

  it('minSamplesLeaf and maxDepth bound the trees', () => {
    const d = clouds(50, 2, 4, 6);
    // Noise-only features: labels random w.r.t. them, so trees grow deep unless bounded.
    const y = Uint8Array.from(d.y, (_, i) => (i * 7919) % 3 === 0 ? 1 : 0);
    const x = d.x.slice(d.y.length);
    const m = trainRandomForest(x, y, 2, { trees: 3, maxDepth: 3, seed: 2 });
    for (const t of m.trees) expect(t.depth).toBeLessThanOrEqual(3);
    const big = trainRandomForest(x, y, 2, { trees: 1, minSamplesLeaf: 20, bootstrap: false });
    // Every leaf holds ≥ 20 samples: the number of leaves is at most 100/20.
    const leaves = Array.from(big.trees[0].feature).filter((f) => f < 0).length;
    expect(leaves).toBeLessThanOrEqual(5);
  });

  it('refuses bad input naming the parameter', () => {
    const x = block([[0], [1]]);
    const y = Uint8Array.from([0, 1]);
    expect(() => trainRandomForest(x, y, 1)).toThrow(/classes = 1, expected an integer 2…255/);
    expect(() => trainRandomForest(x, Uint8Array.from([0, 2]), 2)).toThrow(/labels\[1\] = 2, expected a class index 0…1/);
    expect(() => trainRandomForest(new Float32Array(3), y, 2)).toThrow(/samples has 3 values, expected a multiple of the 2 labels/);
    expect(() => trainRandomForest(Float32Array.from([0, NaN]), y, 2)).toThrow(/feature 0 of sample 1 is NaN/);
    expect(() => trainRandomForest(x, y, 2, { trees: 0 })).toThrow(/trees = 0/);
    expect(() => trainRandomForest(x, y, 2, { maxFeatures: 2 })).toThrow(/maxFeatures = 2, expected an integer 1…1/);
    const m = trainRandomForest(x, y, 2);
    expect(() => predictRandomForest(m, new Float32Array(3), 2)).toThrow(/features has 3 values, expected model features·pixels = 1·2 = 2/);
    expect(() => predictRandomForest(m, x, 2, { probabilities: new Float32Array(1) })).toThrow(/probabilities has 1 values/);
  });
});

describe('gatherSamples', () => {
  it('copies the chosen pixel columns of a feature-major block', () => {
    // 2 features × 5 pixels.
    const b = Float32Array.from([0, 1, 2, 3, 4, 10, 11, 12, 13, 14]);
    expect(Array.from(gatherSamples(b, 5, [4, 0, 2]))).toEqual([4, 0, 2, 14, 10, 12]);
    expect(() => gatherSamples(b, 5, [5])).toThrow(/indices\[0\] = 5, expected a pixel index 0…4/);
    expect(() => gatherSamples(b, 3, [0])).toThrow(/pixels = 3, expected a positive divisor of the block length 10/);
  });
});
