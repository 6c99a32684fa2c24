import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams, validateParams } from '../../../runtime/params';
import type { SpectraValue, SpectrumValue } from '../../../runtime/values';
import { loadPatternNode } from '../loadPattern';
import { fakeContext } from './fakeContext';

const repo = path.resolve(__dirname, '../../../..');
const xrd = path.join(repo, 'test/fixtures/xrd');
const shared = path.resolve(repo, '../shared/data/xrd');
const hasShared = existsSync(shared);
if (!hasShared) console.warn(`SKIPPED: io.load-pattern on the real files — ${shared} not found`);

const run = (dir: string, names: string[], over: Record<string, unknown> = {}) => {
  const ctx = fakeContext(dir);
  const params = { ...defaultParams(loadPatternNode.params), files: names.map((name) => ({ name })), ...over };
  return { ctx, result: loadPatternNode.run({}, params as never, ctx) };
};

describe('io.load-pattern', () => {
  it('declares a valid schema', () => {
    expect(validateParams(loadPatternNode.params, {}).issues).toEqual([]);
    expect(loadPatternNode.params.files.accept).toContain('.xrdml');
  });

  it('.xrdml → spectrum on 2θ with Kα1 wavelength, anode, start time and provenance', async () => {
    const { ctx, result } = run(xrd, ['LiMn2O4_crop.xrdml']);
    const out = await result;
    const v = out.pattern as SpectrumValue;
    expect(v.kind).toBe('spectrum');
    expect(v.xAxis).toEqual({ name: '2θ', unit: '°' });
    expect(v.yAxis).toEqual({ name: 'intensity', unit: 'counts' });
    expect(v.meta.attrs).toMatchObject({ format: 'xrdml', wavelength: 1.540598, kAlpha2: 1.544426, anode: 'Cu' });
    expect(v.meta.timeOrigin).toBe('2021-05-20T15:55:51+02:00');
    expect(v.meta.sources[0]).toMatchObject({ name: 'LiMn2O4_crop.xrdml', size: expect.any(Number) });
    expect(out.sigma).toBeUndefined();
    expect(ctx.progressCalls.length).toBeGreaterThanOrEqual(2);
  });

  it('.xye keeps σ on the sigma output; q conversion with the wavelength param matches Bragg\'s law', async () => {
    const out = await run(xrd, ['LiMn2O4_crop.xye'], { xAxis: 'q', wavelength: 1.540598 }).result;
    const v = out.pattern as SpectrumValue;
    const s = out.sigma as SpectrumValue;
    expect(v.xAxis).toEqual({ name: 'q', unit: 'Å⁻¹' });
    expect(s.x).toBe(v.x);
    expect(s.yAxis.name).toBe('σ(intensity)');
    expect(s.y[0]).toBeCloseTo(Math.sqrt(v.y[0]), 5);
    const tth0 = 20;
    expect(v.x[0]).toBeCloseTo((4 * Math.PI * Math.sin((tth0 * Math.PI) / 360)) / 1.540598, 9);
  });

  it('q file → 2θ needs a wavelength: refused naming the parameter, converted when given', async () => {
    await expect(run(xrd, ['LiMn2O4_crop_q.csv'], { xAxis: 'twoTheta' }).result).rejects.toThrow(
      /^wavelength: LiMn2O4_crop_q\.csv gives no wavelength, so its q cannot be converted to 2θ: expected a wavelength in Å/,
    );
    const v = (await run(xrd, ['LiMn2O4_crop_q.csv'], { xAxis: 'twoTheta', wavelength: 1.540598 }).result).pattern as SpectrumValue;
    expect(v.x[0]).toBeCloseTo(20, 6);
  });

  it('a two-scan .xrdml plus a single file → spectra ordered by start time; by name on request', async () => {
    const { ctx, result } = run(xrd, ['LiMn2O4_series.xrdml', 'LiMn2O4_crop.xrdml']);
    const v = (await result).pattern as SpectraValue;
    expect(v.kind).toBe('spectra');
    expect(v.frames).toBe(3);
    // crop and scan 2 start at 15:55:51 (ties go by name), scan 1 at 16:30:00.
    expect(v.frameLabels).toEqual(['LiMn2O4_crop.xrdml', 'LiMn2O4_series.xrdml#scan2', 'LiMn2O4_series.xrdml#scan1']);
    expect(Array.from(v.time)).toEqual([0, 0, 2049]);
    expect(v.meta.timeOrigin).toBe('2021-05-20T15:55:51+02:00');
    expect(v.meta.sources.map((s) => s.name).sort()).toEqual(['LiMn2O4_crop.xrdml', 'LiMn2O4_series.xrdml']);
    expect(ctx.warnings.join('\n')).not.toMatch(/no time stamp/);
    const byName = (await run(xrd, ['LiMn2O4_series.xrdml', 'LiMn2O4_crop.xrdml'], { order: 'name' }).result).pattern as SpectraValue;
    expect(byName.frameLabels).toEqual(['LiMn2O4_crop.xrdml', 'LiMn2O4_series.xrdml#scan1', 'LiMn2O4_series.xrdml#scan2']);
  });

  it('bad input: no files, and a broken file refused naming file and line', async () => {
    await expect(run(xrd, []).result).rejects.toThrow(/^files: expected at least one pattern file/);
    const ctx = fakeContext(xrd);
    ctx.files.read = async () => new TextEncoder().encode('10 1\n11 x2\n');
    ctx.files.hash = async () => '0'.repeat(64);
    const params = { ...defaultParams(loadPatternNode.params), files: [{ name: 's.xy' }] };
    await expect(loadPatternNode.run({}, params as never, ctx)).rejects.toThrow(/^s\.xy, line 2: column 2: expected a number, got "x2"/);
  });

  describe.skipIf(!hasShared)('real files of ../shared/data/xrd', () => {
    it('PANalytical .xrdml and its .xy export give the same spectrum', async () => {
      const a = (await run(path.join(shared, 'panalytical'), ['210520step1_30min.xrdml']).result).pattern as SpectrumValue;
      const b = (await run(path.join(shared, 'panalytical'), ['210520step1_30min.xy']).result).pattern as SpectrumValue;
      expect(a.x.length).toBe(4489);
      for (let i = 0; i < a.x.length; i += 50) {
        expect(Math.abs(a.x[i] - b.x[i])).toBeLessThan(5e-9);
        expect(a.y[i]).toBe(b.y[i]);
      }
      expect(a.meta.attrs.instrument).toBe('XPERT-PRO');
    });
    it('Dioptas pattern in q using the wavelength of its pyFAI header', async () => {
      const v = (await run(path.join(shared, 'dioptas'), ['CeO2_Pilatus1M.xy'], { xAxis: 'q' }).result).pattern as SpectrumValue;
      expect(v.meta.attrs.wavelength).toBeCloseTo(0.4066, 12);
      expect(v.x[v.x.length - 1]).toBeCloseTo((4 * Math.PI * Math.sin((30.82548718 * Math.PI) / 360)) / 0.4066, 9);
    });
    it('three lab patterns on the same grid → spectra (no time stamps: name order, warned)', async () => {
      const { ctx, result } = run(path.join(shared, 'lab-cathodes'), ['LiMnO2.xy', 'Li2MnO3.xy', 'LiMn2O4.xy']);
      const v = (await result).pattern as SpectraValue;
      expect([v.frames, v.points]).toEqual([3, 9001]);
      expect(v.frameLabels).toEqual(['Li2MnO3.xy', 'LiMn2O4.xy', 'LiMnO2.xy']);
      expect(ctx.warnings.join('\n')).toMatch(/no time stamp/);
    });
  });
});
