import { describe, expect, it } from 'vitest';
import { qualityScoreNode } from '../qualityScore';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type NumericColumn, type StackValue, type TableValue, type TextColumn } from '../../../runtime/values';
import { tablePlotPreview } from '../../../runtime/preview/tablePlotPreview';
import { testContext } from '../../io/__tests__/imageNodeContext';
import { injectedSeries, SERIES } from '../../../ops/quality/__tests__/series';
import { BRISQUE_FEATURE_NAMES } from '../../../ops/quality/brisqueFeatures';
import { BASIC_QUALITY_FEATURES } from '../../../ops/quality/frameQualityFeatures';

const defaults = defaultParams(qualityScoreNode.params);
const { frames, size, blurred, noisy, dark } = SERIES;
const plane = size * size;
const stack: StackValue = {
  kind: 'stack',
  frames,
  width: size,
  height: size,
  dtype: 'f32',
  data: injectedSeries(),
  frameAxis: { name: 'time', unit: 's' },
  frameCoords: Float64Array.from({ length: frames }, (_, i) => 30 * i),
  valueAxis: { name: 'attenuation', unit: '1/µm' },
  meta: emptyMeta(),
};
const num = (t: TableValue, name: string) => (t.columns.find((c) => c.name === name) as NumericColumn).data;
const text = (t: TableValue, name: string) => (t.columns.find((c) => c.name === name) as TextColumn).text;
const flaggedOf = (t: TableValue) => Array.from(num(t, 'flag').keys()).filter((i) => num(t, 'flag')[i] === 1);
const bad: number[] = [blurred, noisy, dark].sort((a, b) => a - b);

describe('clean.quality-score on the real NMC slice series with injected bad frames', () => {
  it('default (robust z, basic features): exactly the blurred, noisy and dark frames are flagged; table and progress', async () => {
    const ctx = testContext();
    const out = await qualityScoreNode.run({ image: stack }, defaults, ctx);
    const t = out.scores as TableValue;
    expect(t.rows).toBe(frames);
    expect(t.columns.map((c) => c.name)).toEqual([
      'frame',
      'time',
      ...BASIC_QUALITY_FEATURES,
      ...BRISQUE_FEATURE_NAMES,
      'flag',
      'reason',
    ]);
    expect(BASIC_QUALITY_FEATURES).toContain('michelson');
    expect(flaggedOf(t)).toEqual(bad);
    expect(text(t, 'reason')[dark]).toMatch(/mean z=-/);
    expect(text(t, 'reason')[0]).toBe('');
    expect(Array.from(num(t, 'time').subarray(0, 3))).toEqual([0, 30, 60]);
    expect(t.columns.find((c) => c.name === 'noiseImmerkaer')?.unit).toBe('1/µm');
    // The scores plot over time through view.plot's table preview.
    const plot = tablePlotPreview(t, 'time', 'laplacianVariance,flag');
    expect(plot.series.map((s) => s.label)).toEqual(['laplacianVariance', 'flag']);
    // keep: the stack passes through as float32, all frames.
    const c = out.cleaned as StackValue;
    expect([c.frames, c.dtype]).toEqual([frames, 'f32']);
    expect(ctx.progressCalls.length).toBeGreaterThanOrEqual(frames);
    expect(ctx.progressCalls.at(-1)).toBe(1);
  }, 30000);

  it('drop removes them keeping the frame coordinates; repair replaces them by the neighbours\' mean', async () => {
    const p = { ...defaults, brisque: false };
    const dropped = (await qualityScoreNode.run({ image: stack }, { ...p, action: 'drop' }, testContext())).cleaned as StackValue;
    expect(dropped.frames).toBe(frames - 3);
    const keptCoords = Array.from(stack.frameCoords).filter((_, i) => !bad.includes(i));
    expect(Array.from(dropped.frameCoords)).toEqual(keptCoords);
    expect(Array.from(dropped.data.subarray(blurred * plane, blurred * plane + 5))).toEqual(
      Array.from(stack.data.subarray((blurred + 1) * plane, (blurred + 1) * plane + 5)),
    );
    expect(dropped.meta.attrs.droppedFrames).toBe(bad.join(','));
    const repaired = (await qualityScoreNode.run({ image: stack }, { ...p, action: 'repair' }, testContext())).cleaned as StackValue;
    expect(repaired.frames).toBe(frames);
    expect(repaired.meta.attrs).toMatchObject({ repairedFrames: bad.join(',') });
    expect(repaired.meta.attrs.droppedFrames).toBeUndefined();
    const i = noisy * plane + 1234;
    expect(repaired.data[i]).toBeCloseTo(0.5 * (stack.data[i - plane] + stack.data[i + plane]), 5);
  }, 30000);

  it('the preview plots the robust z-scores over time with the flagged frames marked and the ±threshold lines', async () => {
    const p = { ...defaults, brisque: false };
    const out = await qualityScoreNode.run({ image: stack }, p, testContext());
    const plot = qualityScoreNode.preview!({ image: stack }, p, 0, out);
    if (plot?.type !== 'plot') throw new Error('expected a plot preview');
    expect(plot.xAxis).toEqual({ name: 'time', unit: 's' });
    expect(plot.yAxis.name).toBe('robust z-score');
    expect(plot.series.map((s) => s.label)).toEqual(['noiseImmerkaer', 'noiseWavelet', 'laplacianVariance', 'mean', 'rmsContrast', '+3.5', '−3.5', 'flagged']);
    const t = out.scores as TableValue;
    // Each line is the modified z-score of its column: 0.6745·(x − median)/MAD, checked by hand for the mean.
    const mean = Array.from(num(t, 'mean'));
    const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return 0.5 * (s[(s.length - 1) >> 1] + s[s.length >> 1]); };
    const m = med(mean);
    const mad = med(mean.map((x) => Math.abs(x - m)));
    const zMean = plot.series[3];
    expect(Array.from(zMean.x)).toEqual(Array.from(stack.frameCoords));
    mean.forEach((x, i) => expect(zMean.y[i]).toBeCloseTo((0.6745 * (x - m)) / mad, 9));
    const marks = plot.series.at(-1)!;
    expect(marks.style).toBe('markers');
    expect(Array.from(marks.x)).toEqual(bad.map((f) => stack.frameCoords[f]));
    // Each marker sits on its frame's most extreme z, beyond the threshold.
    marks.y.forEach((y) => expect(Math.abs(y)).toBeGreaterThan(3.5));
    expect(marks.y[bad.indexOf(dark)]).toBeLessThan(-3.5);
    // Without the z rule no threshold lines; BRISQUE features add one "max |z|" line.
    const withBrisque = await qualityScoreNode.run({ image: stack }, { ...defaults, rule: 'kmeans', features: 'brisque' }, testContext());
    const k = qualityScoreNode.preview!({ image: stack }, { ...defaults, rule: 'kmeans', features: 'brisque' }, 0, withBrisque);
    expect(k?.type === 'plot' && k.series.map((s) => s.label).slice(5)).toEqual(['max |z| of 36 features', 'flagged']);
    expect(qualityScoreNode.preview!({ image: stack }, p, 0, undefined)).toBeNull();
  }, 30000);

  it('the repeated 2-means rule flags exactly the same three', async () => {
    const out = await qualityScoreNode.run({ image: stack }, { ...defaults, brisque: false, rule: 'kmeans' }, testContext());
    expect(flaggedOf(out.scores as TableValue)).toEqual(bad);
  }, 30000);

  it('a blank frame (beam off) is scored and flagged, not an error', async () => {
    const data = Float32Array.from(stack.data);
    data.fill(0, 3 * plane, 4 * plane);
    const out = await qualityScoreNode.run({ image: { ...stack, data } }, defaults, testContext());
    const t = out.scores as TableValue;
    expect(flaggedOf(t)).toEqual([3, ...bad]);
    expect(text(t, 'reason')[3]).toMatch(/mean z=-/);
  }, 30000);

  it('an image is scored alone (one row, nothing to compare, nothing flagged)', async () => {
    const img: ImageValue = { ...stack, kind: 'image', data: stack.data.subarray(0, plane) } as unknown as ImageValue;
    const out = await qualityScoreNode.run({ image: img }, defaults, testContext());
    const t = out.scores as TableValue;
    expect([t.rows, num(t, 'flag')[0], out.cleaned.kind]).toEqual([1, 0, 'image']);
    expect(t.columns[1].name).toBe('coord');
  });

  it('bad input and parameter combinations are refused with clear messages', async () => {
    await expect(qualityScoreNode.run({ image: stack }, { ...defaults, brisque: false, features: 'all' }, testContext())).rejects.toThrow(
      /features: "all" needs the BRISQUE statistics/,
    );
    expect(qualityScoreNode.check!({ ...defaults, brisque: false, features: 'brisque' })[0].param).toBe('features');
    const small: StackValue = { ...stack, frames: 2, data: stack.data.subarray(0, 2 * plane), frameCoords: new Float64Array(2) };
    await expect(qualityScoreNode.run({ image: small }, { ...defaults, brisque: false, rule: 'kmeans' }, testContext())).rejects.toThrow(
      /needs at least 3 frames/,
    );
    const nan = new Float32Array(plane);
    nan[size + 2] = NaN;
    const img: ImageValue = { kind: 'image', width: size, height: size, dtype: 'f32', data: nan, valueAxis: { name: 'v', unit: '' }, meta: emptyMeta() };
    await expect(qualityScoreNode.run({ image: img }, defaults, testContext())).rejects.toThrow(/frame 0: data has a non-finite value \(NaN\) at row 1, column 2/);
  });
});
