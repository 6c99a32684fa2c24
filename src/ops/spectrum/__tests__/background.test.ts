import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backgroundSnip } from '../backgroundSnip';
import { backgroundRollingBall } from '../backgroundRollingBall';
import { backgroundModPoly } from '../backgroundModPoly';
import { backgroundPolyRanges } from '../backgroundPolyRanges';
import { intensityF64, intensityJson, limn2o4, maxRelDiff, readXy } from '../../intensity/__tests__/intensityFixtures';
import { SHARED_DATA } from '../../image/__tests__/helpers';

interface Case {
  method: 'snip' | 'rolling-ball' | 'modpoly' | 'ranges';
  iterations?: number;
  lls?: boolean;
  decreasing?: boolean;
  radius?: number;
  degree?: number;
  ranges?: [number, number][];
  file: string;
}
const fx = intensityJson<{ cases: Case[] }>('background.json');
const { x, y } = limn2o4();

describe('backgrounds of the real LiMn2O4 lab XRD pattern against numpy / skimage references', () => {
  it('the pattern is the 9001-point 10–100° scan', () => {
    expect([x.length, x[0], x[x.length - 1]]).toEqual([9001, 10, 100]);
  });
  for (const c of fx.cases) {
    const label = `${c.method} ${JSON.stringify({ ...c, method: undefined, file: undefined })}`;
    it(label, () => {
      const ref = intensityF64(c.file);
      if (c.method === 'snip') {
        const b = backgroundSnip(y, { iterations: c.iterations!, lls: c.lls, decreasing: c.decreasing });
        expect(maxRelDiff(b, ref)).toBeLessThan(1e-12);
      } else if (c.method === 'rolling-ball') {
        expect(maxRelDiff(backgroundRollingBall(y, { radius: c.radius! }), ref)).toBeLessThan(1e-13);
      } else if (c.method === 'modpoly') {
        const r = backgroundModPoly(x, y, { degree: c.degree! });
        expect(maxRelDiff(r.background, ref)).toBeLessThan(1e-8);
      } else {
        expect(maxRelDiff(backgroundPolyRanges(x, y, { degree: c.degree!, ranges: c.ranges! }), ref)).toBeLessThan(1e-8);
      }
    });
  }
  it('backgrounds stay below the pattern (SNIP, rolling ball) and below the peaks (modpoly)', () => {
    const snip = backgroundSnip(y, { iterations: 40 });
    const ball = backgroundRollingBall(y, { radius: 30 });
    for (let i = 0; i < y.length; i++) {
      expect(snip[i]).toBeLessThanOrEqual(y[i] + 1e-9);
      expect(ball[i]).toBeLessThanOrEqual(y[i]);
    }
  });
});

describe('synthetic pattern: Gaussian peaks on a known polynomial background', () => {
  const n = 2001;
  const sx = Float64Array.from({ length: n }, (_, i) => 10 + (80 * i) / (n - 1));
  const bg = sx.map((t) => 500 - 6 * t + 0.05 * t * t);
  const peaks = [
    [20, 3000, 0.15],
    [35.5, 1200, 0.2],
    [44, 5000, 0.12],
    [63, 800, 0.25],
    [77, 2000, 0.18],
  ];
  const sy = sx.map((t, i) => bg[i] + peaks.reduce((s, [c, a, w]) => s + a * Math.exp(-0.5 * ((t - c) / w) ** 2), 0));
  /** Largest |error| of a background estimate relative to the background level (≈ 300–500). */
  const err = (b: Float64Array) => {
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(b[i] - bg[i]));
    return m;
  };

  it('modpoly of the right degree recovers the background to < 1 %', () => {
    const r = backgroundModPoly(sx, sy, { degree: 2, tolerance: 1e-6, maxIterations: 500 });
    expect(err(r.background)).toBeLessThan(3);
  });
  it('polynomial over the peak-free ranges recovers it exactly', () => {
    expect(err(backgroundPolyRanges(sx, sy, { degree: 2, ranges: [[10, 18], [24, 33], [50, 60], [67, 74], [82, 90]] }))).toBeLessThan(1e-6);
  });
  it('SNIP (window wider than the peaks) recovers it to ~1 %, also under the peaks', () => {
    // Peak half-width at the base ≈ 3σ = 0.75° ≈ 19 points; a curved background is clipped slightly.
    expect(err(backgroundSnip(sy, { iterations: 30 }))).toBeLessThan(6);
    expect(err(backgroundSnip(sy, { iterations: 30, lls: false }))).toBeLessThan(6);
  });
  it('rolling ball (erosion by the ball, as skimage) recovers it to ~1 % once the ball is wider than the peaks', () => {
    expect(err(backgroundRollingBall(sy, { radius: 100 }))).toBeLessThan(6);
    // A ball narrower than the peaks rests on their flanks: the same check then fails.
    expect(err(backgroundRollingBall(sy, { radius: 10 }))).toBeGreaterThan(100);
  });
  it('preconditions name the parameter', () => {
    expect(() => backgroundSnip(sy, { iterations: 0 })).toThrow(/iterations = 0, expected an integer ≥ 1/);
    expect(() => backgroundSnip([1, -2, 3], { iterations: 1 })).toThrow(/y\[1\] = -2, expected y ≥ 0 with the LLS operator/);
    expect(() => backgroundRollingBall([1, NaN], { radius: 3 })).toThrow(/y\[1\] = NaN, expected finite values/);
    expect(() => backgroundModPoly(sx, sy, { degree: 13 })).toThrow(/degree = 13, expected an integer 0..12/);
    expect(() => backgroundPolyRanges(sx, sy, { degree: 2, ranges: [[200, 300]] })).toThrow(/0 points inside the ranges, expected at least degree \+ 1 = 3/);
  });
});

const labDir = join(SHARED_DATA, 'xrd', 'lab-cathodes');
const hasLab = existsSync(labDir);
if (!hasLab) console.warn(`SKIPPED: background suite on the lab cathode XRD patterns — ${labDir} not found`);

describe.skipIf(!hasLab)('every lab cathode XRD pattern of ../shared/data/xrd/lab-cathodes', () => {
  const files = hasLab ? readdirSync(labDir).filter((f) => f.endsWith('.xy')) : [];
  it('holds the copied fixture unchanged', () => {
    expect(files).toContain('LiMn2O4.xy');
    expect(Array.from(readXy(join(labDir, 'LiMn2O4.xy')).y)).toEqual(Array.from(y));
  });
  for (const f of files) {
    it(`${f}: SNIP and rolling ball stay under the pattern, and the strongest peak survives subtraction`, () => {
      const p = readXy(join(labDir, f));
      const snip = backgroundSnip(p.y, { iterations: 40 });
      const ball = backgroundRollingBall(p.y, { radius: 100 });
      let top = 0;
      for (let i = 0; i < p.y.length; i++) {
        expect(snip[i]).toBeLessThanOrEqual(p.y[i] + 1e-9);
        expect(ball[i]).toBeLessThanOrEqual(p.y[i]);
        if (p.y[i] > p.y[top]) top = i;
      }
      expect(p.y[top] - snip[top]).toBeGreaterThan(0.8 * (p.y[top] - Math.min(...p.y)));
    });
  }
});
