import { describe, expect, it } from 'vitest';
import { robustZScoreOutliers } from '../robustZScoreOutliers';
import { kMeansOutliers } from '../kMeansOutliers';
import { repairFlaggedFrames } from '../repairFlaggedFrames';
import { frameQualityFeatures } from '../frameQualityFeatures';
import { columnMedianMad } from '../columnMedianMad';
import { robustZScores } from '../robustZScores';
import { lcg } from '../../image/__tests__/helpers';
import { injectedSeries, SERIES } from './series';

const flagged = (flags: Uint8Array) => Array.from(flags.keys()).filter((i) => flags[i]);

describe('the issue test: blurred, noisy and dark frames injected into a real series', () => {
  const { frames, size, blurred, noisy, dark } = SERIES;
  const data = injectedSeries();
  const plane = size * size;
  const rows = Array.from({ length: frames }, (_, f) => frameQualityFeatures(data.subarray(f * plane, (f + 1) * plane), size, size, { brisque: false }));
  // Michelson (6th) is left out: scale-invariant, so blind to a dark frame, and ill-defined on signed attenuation.
  const names = rows[0].names.slice(0, 5);
  expect(names).toEqual(['noiseImmerkaer', 'noiseWavelet', 'laplacianVariance', 'mean', 'rmsContrast']);
  const feats = new Float64Array(frames * names.length);
  rows.forEach((r, f) => feats.set(r.values.subarray(0, 5), f * names.length));

  it('robust z-score (threshold 3.5) flags exactly those three, each for the expected reason', () => {
    const r = robustZScoreOutliers(feats, frames, names.length, { names });
    expect(flagged(r.flags)).toEqual([blurred, noisy, dark].sort((a, b) => a - b));
    expect(r.reasons[blurred]).toMatch(/laplacianVariance z=-/);
    expect(r.reasons[noisy]).toMatch(/noiseImmerkaer z=\d/);
    expect(r.reasons[dark]).toMatch(/mean z=-/);
  });

  it('repeated 2-means clustering flags exactly those three too', () => {
    const r = kMeansOutliers(feats, frames, names.length, { names });
    expect(flagged(r.flags)).toEqual([blurred, noisy, dark].sort((a, b) => a - b));
    expect(r.reasons[noisy]).toMatch(/^round 1, cluster of 1 \(laplacianVariance z=/);
  });
});

describe('robustZScores', () => {
  it('is 0.6745·(x − median)/MAD per column; MAD 0 gives 0 or ±∞, NaN stays NaN', () => {
    // Column a: median 3, MAD 1. Column b: all 5 but one 6 and a NaN (MAD 0).
    const a = [1, 2, 3, 4, 5, 3, 10, 7, 2];
    const b = [5, 5, 5, 5, 6, NaN, 5, 5, 4];
    const x = Float64Array.from(a.flatMap((v, i) => [v, b[i]]));
    const z = robustZScores(x, 9, 2);
    a.forEach((v, i) => expect(z[2 * i]).toBeCloseTo(0.6745 * (v - 3), 12));
    expect(Array.from(b.keys(), (i) => z[2 * i + 1])).toEqual([0, 0, 0, 0, Infinity, NaN, 0, 0, -Infinity]);
    expect(() => robustZScores(x, 9, 2, new Float64Array(3))).toThrow(/out has 3 values, expected rows·cols = 9·2/);
  });
});

describe('robustZScoreOutliers', () => {
  it('flags by the modified z-score 0.6745·(x − median)/MAD', () => {
    // Column: median 3, MAD 1 → z(10) = 0.6745·7 = 4.72 > 3.5; z(7) = 2.7 not flagged.
    const x = Float64Array.from([1, 2, 3, 4, 5, 3, 10, 7, 2]);
    const r = robustZScoreOutliers(x, 9, 1, { names: ['a'] });
    const { median, mad } = columnMedianMad(x, 9, 1);
    expect([median[0], mad[0]]).toEqual([3, 1]);
    expect(flagged(r.flags)).toEqual([6]);
    expect(r.reasons[6]).toBe('a z=4.7');
    expect(flagged(robustZScoreOutliers(x, 9, 1, { threshold: 2.5 }).flags)).toEqual([6, 7]);
  });

  it('MAD 0: rows differing from the median are flagged; NaN is flagged by name', () => {
    const x = Float64Array.from([5, 5, 5, 5, 6, NaN]);
    const r = robustZScoreOutliers(x, 6, 1, { names: ['m'] });
    expect(flagged(r.flags)).toEqual([4, 5]);
    expect(r.reasons[5]).toBe('m=NaN');
  });

  it('Gaussian rows: about none flagged', () => {
    const x = lcg(200 * 3, 5).map((v, i) => v + (i % 3));
    expect(flagged(robustZScoreOutliers(x, 200, 3).flags)).toEqual([]);
  });

  it('rejects bad shapes and thresholds', () => {
    expect(() => robustZScoreOutliers(new Float64Array(5), 2, 3)).toThrow(/features has 5 values, expected rows·cols = 2·3/);
    expect(() => robustZScoreOutliers(new Float64Array(6), 2, 3, { threshold: 0 })).toThrow(/threshold = 0, expected a number > 0/);
  });
});

describe('kMeansOutliers', () => {
  it('two far rows among 30 uniform ones form the flagged cluster; none without them', () => {
    const good = lcg(30 * 4, 9);
    const x = new Float64Array(32 * 4);
    x.set(good);
    x.set([20, 20, 0, 0, 21, 19, 0, 0], 30 * 4);
    const r = kMeansOutliers(x, 32, 4);
    expect(flagged(r.flags)).toEqual([30, 31]);
    expect(r.reasons[30]).toMatch(/^round 1, cluster of 2 \(f[01] z=/);
    expect(flagged(kMeansOutliers(Float64Array.from(good), 30, 4).flags)).toEqual([]);
  });

  it('needs 3 rows', () => {
    expect(() => kMeansOutliers(new Float64Array(2), 2, 1)).toThrow(/2 rows, expected at least 3/);
  });
});

describe('repairFlaggedFrames', () => {
  // 5 frames of 2 pixels: frame f = [f, 10f].
  const data = Float32Array.from({ length: 10 }, (_, i) => (i % 2 ? 10 : 1) * (i >> 1));
  const flags = Uint8Array.from([1, 0, 1, 1, 0]);
  it('drop keeps the good frames in order', () => {
    const r = repairFlaggedFrames(data, 2, flags, { action: 'drop' });
    expect(r.kept).toEqual([1, 4]);
    expect(Array.from(r.data)).toEqual([1, 10, 4, 40]);
  });
  it('repair: mean of the nearest good frames before and after, one side at the ends', () => {
    const r = repairFlaggedFrames(data, 2, flags, { action: 'repair' });
    expect(r.kept).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(r.data)).toEqual([1, 10, 1, 10, 2.5, 25, 2.5, 25, 4, 40]);
  });
  it('keep copies; repairing with no good frame is refused', () => {
    expect(Array.from(repairFlaggedFrames(data, 2, flags, { action: 'keep' }).data)).toEqual(Array.from(data));
    expect(() => repairFlaggedFrames(data, 2, new Uint8Array(5).fill(1), { action: 'repair' })).toThrow(/all 5 frames are flagged/);
    expect(() => repairFlaggedFrames(data, 3, flags, { action: 'drop' })).toThrow(/data has 10 values, expected frames·plane = 5·3/);
  });
});
