import { describe, expect, it } from 'vitest';
import { flatFieldNode } from '../flatField';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type StackValue } from '../../../runtime/values';
import { testContext } from '../../io/__tests__/imageNodeContext';
import { intensityF32, intensityJson, maxRelDiff } from '../../../ops/intensity/__tests__/intensityFixtures';

const fx = intensityJson<{ projections: number; flats: number; darks: number; height: number; width: number }>('flatfield.json');
const W = fx.width;
const H = fx.height;
const stack = (data: Float32Array, frames: number, name: string): StackValue => ({
  kind: 'stack',
  frames,
  width: W,
  height: H,
  dtype: 'f32',
  data,
  frameAxis: { name: 'angle', unit: '°' },
  frameCoords: Float64Array.from({ length: frames }, (_, i) => i * 12),
  valueAxis: { name: 'counts', unit: '' },
  meta: { ...emptyMeta(), sources: [{ name }] },
});
const proj = stack(intensityF32('tooth_proj.f32'), fx.projections, 'proj');
const flats = stack(intensityF32('tooth_flat.f32'), fx.flats, 'flats');
const darks = stack(intensityF32('tooth_dark.f32'), fx.darks, 'darks');
const defaults = defaultParams(flatFieldNode.params);

describe('clean.flat-field on the real tooth projections', () => {
  it('matches tomopy.normalize (mean) and minus_log, with progress per projection', async () => {
    const ctx = testContext();
    const out = (await flatFieldNode.run({ projections: proj, flats, darks }, defaults, ctx)).corrected as StackValue;
    expect([out.kind, out.dtype, out.frames, out.valueAxis.name, out.frameAxis.name]).toEqual(['stack', 'f32', 16, 'transmission', 'angle']);
    expect(maxRelDiff(out.data, intensityF32('tooth_ff_mean.f32'))).toBeLessThan(2e-6);
    expect(out.meta.sources.map((s) => s.name)).toEqual(['proj', 'flats', 'darks']);
    expect(ctx.progressCalls.filter((f) => f > 0).length).toBe(16);
    expect(ctx.warnings).toEqual([]);
    const med = (await flatFieldNode.run({ projections: proj, flats, darks }, { ...defaults, combine: 'median' }, testContext())).corrected;
    expect(maxRelDiff((med as StackValue).data, intensityF32('tooth_ff_median.f32'))).toBeLessThan(1e-7);
    const log = (await flatFieldNode.run({ projections: proj, flats, darks }, { ...defaults, minusLog: true }, testContext())).corrected as StackValue;
    expect(log.valueAxis.name).toBe('attenuation');
    expect(maxRelDiff(log.data, intensityF32('tooth_ff_minuslog.f32'), 1e-3)).toBeLessThan(1e-5);
  });

  it('an image projection with one flat and no dark; F − D ≤ 0 pixels are clipped with a counted warning', async () => {
    const img: ImageValue = { kind: 'image', width: 3, height: 1, dtype: 'u16', data: new Uint16Array([50, 60, 70]), valueAxis: { name: 'counts', unit: '' }, meta: emptyMeta() };
    const flat: ImageValue = { ...img, data: new Uint16Array([100, 0, 140]) };
    const ctx = testContext();
    const out = (await flatFieldNode.run({ projections: img, flats: flat }, { ...defaults, epsilon: 0.5 }, ctx)).corrected;
    expect(out.kind).toBe('image');
    expect(Array.from((out as ImageValue).data)).toEqual([0.5, 120, 0.5]);
    expect(ctx.warnings).toEqual(['1 of 3 pixels have flat − dark < 0.5 (dead pixels or a flat darker than the dark): clipped to 0.5']);
  });

  it('refuses flats of another size and a missing flat input', async () => {
    const small = { ...flats, width: W / 2, data: flats.data.subarray(0, flats.data.length / 2) };
    await expect(flatFieldNode.run({ projections: proj, flats: small, darks }, defaults, testContext())).rejects.toThrow(
      /input "flats": frames are 80×2, expected the projections' size 160×2/,
    );
    await expect(flatFieldNode.run({ projections: proj }, defaults, testContext())).rejects.toThrow(/input "flats" is not connected/);
  });
});
