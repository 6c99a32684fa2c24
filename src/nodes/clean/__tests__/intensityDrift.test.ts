import { describe, expect, it } from 'vitest';
import { intensityDriftNode } from '../intensityDrift';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type NumericColumn, type StackValue, type TableValue } from '../../../runtime/values';
import { testContext } from '../../io/__tests__/imageNodeContext';
import { lcg } from '../../../ops/image/__tests__/helpers';
import { matchHistograms } from '../../../ops/intensity/matchHistograms';
import { maxRelDiff } from '../../../ops/intensity/__tests__/intensityFixtures';

const W = 24;
const H = 16;
const F = 6;
const scene = Float64Array.from(lcg(W * H, 21), (v) => 2000 + 1500 * v);
const beam = Float64Array.from({ length: F }, (_, f) => 1 - 0.07 * f);
const data = new Uint16Array(F * W * H);
for (let f = 0; f < F; f++) for (let i = 0; i < W * H; i++) data[f * W * H + i] = Math.round(beam[f] * scene[i]);
const series: StackValue = {
  kind: 'stack',
  frames: F,
  width: W,
  height: H,
  dtype: 'u16',
  data,
  frameAxis: { name: 'time', unit: 's' },
  frameCoords: Float64Array.from({ length: F }, (_, i) => 30 * i),
  valueAxis: { name: 'counts', unit: '' },
  meta: emptyMeta(),
};
const defaults = defaultParams(intensityDriftNode.params);
const col = (t: TableValue, name: string) => (t.columns.find((c) => c.name === name) as NumericColumn).data;

describe('clean.intensity-drift', () => {
  it('mean normalisation recovers a known beam decay (gains = 1/decay) and equalises the means', async () => {
    const ctx = testContext();
    const out = await intensityDriftNode.run({ stack: series }, defaults, ctx);
    const s = out.stack as StackValue;
    const t = out.factors as TableValue;
    expect(t.columns.map((c) => c.name)).toEqual(['frame', 'time', 'gain', 'offset', 'mean before', 'mean after']);
    for (let f = 0; f < F; f++) expect(col(t, 'gain')[f]).toBeCloseTo(1 / beam[f], 3);
    for (let f = 0; f < F; f++) expect(col(t, 'mean after')[f]).toBeCloseTo(col(t, 'mean after')[0], 2);
    expect(maxRelDiff(s.data.subarray((F - 1) * W * H), s.data.subarray(0, W * H))).toBeLessThan(2e-3);
    expect(ctx.progressCalls.filter((x) => x > 0 && x < 1).length).toBe(F - 1);
  });

  it('percentile and range normalisation to a chosen reference frame', async () => {
    for (const method of ['percentile', 'range'] as const) {
      const t = (await intensityDriftNode.run({ stack: series }, { ...defaults, method, reference: 3 }, testContext())).factors as TableValue;
      for (let f = 0; f < F; f++) expect(col(t, 'gain')[f]).toBeCloseTo(beam[3] / beam[f], 2);
    }
  });

  it('histogram matching applies skimage match_histograms against the reference frame', async () => {
    const s = (await intensityDriftNode.run({ stack: series }, { ...defaults, method: 'histogram', reference: 2 }, testContext())).stack as StackValue;
    const plane = W * H;
    const expected = matchHistograms(data.subarray(4 * plane, 5 * plane), data.subarray(2 * plane, 3 * plane));
    expect(Array.from(s.data.subarray(4 * plane, 5 * plane))).toEqual(Array.from(expected));
  });

  it('refuses a reference outside the series, low ≥ high and a blank frame', async () => {
    await expect(intensityDriftNode.run({ stack: series }, { ...defaults, reference: 6 }, testContext())).rejects.toThrow(
      /reference: expected a frame index 0..5 \(the series has 6 frames\), got 6/,
    );
    expect(intensityDriftNode.check!({ ...defaults, method: 'range', low: 50, high: 20 })).toEqual([{ param: 'high', message: 'high: expected > low (50), got 20' }]);
    const blank = { ...series, data: new Uint16Array(data.length).fill(0) };
    await expect(intensityDriftNode.run({ stack: blank }, defaults, testContext())).rejects.toThrow(/frame 0: rescaleLevels: from = \[0, 0\]/);
  });
});
