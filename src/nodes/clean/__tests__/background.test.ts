import { describe, expect, it } from 'vitest';
import { backgroundNode } from '../background';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type SpectraValue, type SpectrumValue, type StackValue } from '../../../runtime/values';
import { rollingBall2d } from '../../../ops/intensity/rollingBall2d';
import { testContext } from '../../io/__tests__/imageNodeContext';
import { intensityF64, limn2o4, maxRelDiff } from '../../../ops/intensity/__tests__/intensityFixtures';

const { x, y } = limn2o4();
const pattern: SpectrumValue = {
  kind: 'spectrum',
  x,
  y,
  xAxis: { name: '2θ', unit: '°' },
  yAxis: { name: 'intensity', unit: 'counts' },
  meta: emptyMeta(),
};
const defaults = defaultParams(backgroundNode.params);

describe('clean.background on the real LiMn2O4 pattern', () => {
  it('SNIP (default window 40, LLS): background as the numpy reference, corrected = y − background', async () => {
    const out = await backgroundNode.run({ spectra: pattern }, defaults, testContext());
    const b = out.background as SpectrumValue;
    const c = out.corrected as SpectrumValue;
    expect(maxRelDiff(b.y, intensityF64('snip_40_lls_inc.f64'))).toBeLessThan(1e-12);
    for (const i of [0, 1000, 4321, 9000]) expect(c.y[i]).toBeCloseTo(y[i] - b.y[i], 9);
    expect([c.xAxis.name, c.yAxis.unit]).toEqual(['2θ', 'counts']);
  });

  it('every spectrum of a series, each method; rolling ball and modpoly as skimage / pybaselines', async () => {
    const two: SpectraValue = {
      kind: 'spectra',
      x,
      y: Float64Array.from([...y, ...y.map((v) => 2 * v)]),
      frames: 2,
      points: x.length,
      time: new Float64Array([0, 60]),
      frameLabels: ['a', 'b'],
      xAxis: pattern.xAxis,
      yAxis: pattern.yAxis,
      meta: emptyMeta(),
    };
    const n = x.length;
    const ball = (await backgroundNode.run({ spectra: two }, { ...defaults, method: 'rolling-ball', radius: 30 }, testContext())).background as SpectraValue;
    expect(maxRelDiff(ball.y.subarray(0, n), intensityF64('rollingball_30.f64'))).toBeLessThan(1e-13);
    const ctx = testContext();
    const mp = (await backgroundNode.run({ spectra: two }, { ...defaults, method: 'modpoly', degree: 6 }, ctx)).background as SpectraValue;
    expect(maxRelDiff(mp.y.subarray(0, n), intensityF64('modpoly_6.f64'))).toBeLessThan(1e-8);
    // modpoly is linear in y: twice the pattern, twice the background.
    expect(maxRelDiff(mp.y.subarray(n), intensityF64('modpoly_6.f64').map((v) => 2 * v))).toBeLessThan(1e-8);
    expect(ctx.progressCalls.filter((f) => f > 0 && f < 1)).toEqual([0.5]);
    const rg = (await backgroundNode.run({ spectra: two }, { ...defaults, method: 'ranges', degree: 4, ranges: '10:17, 40:43; 52:57,70:74, 95:100' }, testContext()))
      .background as SpectraValue;
    expect(maxRelDiff(rg.y.subarray(0, n), intensityF64('ranges_4.f64'))).toBeLessThan(1e-8);
    expect([rg.frames, rg.frameLabels]).toEqual([2, ['a', 'b']]);
  });

  it('bad ranges and LLS on negative data are refused with the parameter named', async () => {
    const run = (p: Partial<typeof defaults>, v: SpectrumValue = pattern) => backgroundNode.run({ spectra: v }, { ...defaults, ...p }, testContext());
    await expect(run({ method: 'ranges', ranges: '' })).rejects.toThrow(/ranges: expected at least one "lo:hi" interval/);
    await expect(run({ method: 'ranges', ranges: '10:5' })).rejects.toThrow(/ranges: "10:5" is not an interval "lo:hi" with lo < hi/);
    await expect(run({ method: 'ranges', ranges: '200:300' })).rejects.toThrow(/0 points inside the ranges/);
    await expect(run({}, { ...pattern, y: y.map((v) => v - 3000) })).rejects.toThrow(/expected y ≥ 0 with the LLS operator/);
  });
});

describe('clean.background on images (2-D rolling ball)', () => {
  const W = 12;
  const H = 9;
  // A tilted plane (the background) with two small bright particles.
  const data = new Float32Array(2 * W * H);
  for (let f = 0; f < 2; f++)
    for (let yy = 0; yy < H; yy++) for (let xx = 0; xx < W; xx++) data[f * W * H + yy * W + xx] = 50 + 0.5 * xx + 0.25 * yy + f;
  data[3 * W + 4] += 40;
  data[W * H + 6 * W + 8] += 25;
  const stack: StackValue = {
    kind: 'stack',
    frames: 2,
    width: W,
    height: H,
    dtype: 'f32',
    data,
    frameAxis: { name: 'time', unit: 's' },
    frameCoords: new Float64Array([0, 1]),
    valueAxis: { name: 'intensity', unit: '' },
    meta: emptyMeta(),
  };

  it('each frame as rollingBall2d; corrected = image − background keeps the particles', async () => {
    const ctx = testContext();
    const out = await backgroundNode.run({ spectra: stack }, { ...defaults, method: 'rolling-ball', radius: 20 }, ctx);
    const b = out.background as StackValue;
    const c = out.corrected as StackValue;
    for (let f = 0; f < 2; f++) {
      const frame = data.subarray(f * W * H, (f + 1) * W * H);
      expect(Array.from(b.data.subarray(f * W * H, (f + 1) * W * H))).toEqual(Array.from(rollingBall2d(frame, W, H, { radius: 20 })));
    }
    expect(c.data[3 * W + 4]).toBeGreaterThan(39);
    expect(c.data[W * H + 6 * W + 8]).toBeGreaterThan(24);
    expect(ctx.progressCalls.filter((f) => f > 0)).toEqual([0.5, 1]);
  });

  it('spectrum-only methods are refused for images', async () => {
    await expect(backgroundNode.run({ spectra: stack }, defaults, testContext())).rejects.toThrow(/method: "snip" works on spectra; for a stack choose "rolling-ball"/);
  });
});
