import { describe, expect, it } from 'vitest';
import { removeRingsNode } from '../removeRings';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type StackValue } from '../../../runtime/values';
import { removeAllStripe } from '../../../ops/sinogram/removeAllStripe';
import { removeStripeSorting } from '../../../ops/sinogram/removeStripeSorting';
import { removeStripeWaveletFft } from '../../../ops/sinogram/removeStripeWaveletFft';
import { polarRemoveRings } from '../../../ops/image/polarRemoveRings';
import { meta, ringsF32, sinogram } from '../../../ops/sinogram/__tests__/ringsHelpers';
import { testContext } from '../../io/__tests__/imageNodeContext';

const defaults = defaultParams(removeRingsNode.params);
const s = sinogram();
const sinoImage: ImageValue = {
  kind: 'image',
  width: s.width,
  height: s.height,
  dtype: 'u16',
  data: Uint16Array.from(s.data),
  valueAxis: { name: 'intensity', unit: '' },
  meta: emptyMeta(),
};

function column(t: { columns: { name: string }[] }, name: string): number[] {
  const c = t.columns.find((x) => x.name === name);
  if (!c || !('data' in c)) throw new Error(`no column ${name}`);
  return Array.from(c.data as Float64Array);
}

describe('clean.remove-rings', () => {
  it('default (all: dead → large → sorting) on the real sarepy sinogram: the op’s result, 38 stripes → 0', async () => {
    const out = await removeRingsNode.run({ image: sinoImage }, defaults, testContext());
    const v = out.image;
    if (v.kind !== 'image') throw new Error('expected an image');
    expect(v.dtype).toBe('f32');
    expect(Array.from(v.data)).toEqual(Array.from(removeAllStripe(s.data, s.width, s.height)));
    const t = out.stripes;
    if (t.kind !== 'table') throw new Error('expected a table');
    expect(column(t, 'stripes before')).toEqual([meta.counts.full_before]);
    expect(column(t, 'stripes after')).toEqual([0]);
  });

  it('a stack of sinograms: each frame separately, progress per frame, one table row per frame', async () => {
    const w = 160;
    const h = 120;
    const plane = w * h;
    const data = new Float32Array(2 * plane);
    for (let f = 0; f < 2; f++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[f * plane + y * w + x] = s.data[(100 * f + y) * s.width + 150 + x];
    const stack: StackValue = {
      kind: 'stack', frames: 2, width: w, height: h, dtype: 'f32', data,
      frameAxis: { name: 'z', unit: 'px' }, frameCoords: new Float64Array([0, 1]),
      valueAxis: { name: 'intensity', unit: '' }, meta: emptyMeta(),
    };
    const ctx = testContext();
    const p = { ...defaults, method: 'wavelet-fft', level: 4, wavelet: 'db9', waveletSigma: 1.5 };
    const out = await removeRingsNode.run({ image: stack }, p, ctx);
    const v = out.image;
    if (v.kind !== 'stack') throw new Error('expected a stack');
    for (let f = 0; f < 2; f++) {
      const expected = removeStripeWaveletFft(data.subarray(f * plane, (f + 1) * plane), w, h, { level: 4, wavelet: 'db9', sigma: 1.5 });
      expect(Array.from(v.data.subarray(f * plane, (f + 1) * plane))).toEqual(Array.from(expected));
    }
    expect(ctx.progressCalls.filter((x) => x > 0)).toEqual([0.5, 1]);
    if (out.stripes.kind !== 'table') throw new Error('expected a table');
    expect(out.stripes.rows).toBe(2);
    expect(column(out.stripes, 'frame')).toEqual([0, 1]);
  });

  it('polar method on a square slice: the op’s result, rings counted in polar coordinates', async () => {
    const n = meta.polar.n;
    const img: ImageValue = { ...sinoImage, width: n, height: n, dtype: 'f32', data: ringsF32('polar_input.f32') };
    const out = await removeRingsNode.run({ image: img }, { ...defaults, method: 'polar', polarMethod: 'sorting' }, testContext());
    const expected = polarRemoveRings(img.data, n, { removeStripes: (pol, w, h) => removeStripeSorting(pol, w, h, { size: 21 }) });
    if (out.image.kind !== 'image' || out.stripes.kind !== 'table') throw new Error('expected an image and a table');
    expect(Array.from(out.image.data)).toEqual(Array.from(expected));
    const [before] = column(out.stripes, 'stripes before');
    const [after] = column(out.stripes, 'stripes after');
    expect(before).toBeGreaterThanOrEqual(3);
    expect(after).toBeLessThan(before);
  });

  it('clear errors: polar on a non-square image, a tiny sinogram, NaN pixels', async () => {
    await expect(removeRingsNode.run({ image: sinoImage }, { ...defaults, method: 'polar' }, testContext())).rejects.toThrow(
      /method "polar": expects square reconstructed slices, got 503×459/,
    );
    const tiny: ImageValue = { ...sinoImage, width: 4, height: 4, data: new Uint16Array(16) };
    await expect(removeRingsNode.run({ image: tiny }, defaults, testContext())).rejects.toThrow(/too small, expected at least 8×8/);
    const nan = new Float32Array(16 * 16);
    nan[20] = NaN;
    const bad: ImageValue = { ...sinoImage, width: 16, height: 16, dtype: 'f32', data: nan };
    await expect(removeRingsNode.run({ image: bad }, defaults, testContext())).rejects.toThrow(/non-finite value \(NaN\) at row 1, column 4/);
  });
});
