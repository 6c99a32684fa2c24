import { describe, expect, it } from 'vitest';
import { deblurNode } from '../deblur';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type StackValue } from '../../../runtime/values';
import { gaussianPsf } from '../../../ops/image/gaussianPsf';
import { richardsonLucy } from '../../../ops/image/richardsonLucy';
import { wienerDeconvolve } from '../../../ops/image/wienerDeconvolve';
import { lcg } from '../../../ops/image/__tests__/helpers';
import { testContext } from '../../io/__tests__/imageNodeContext';

const defaults = defaultParams(deblurNode.params);
const W = 16;
const H = 12;
const F = 2;
const stack: StackValue = {
  kind: 'stack',
  frames: F,
  width: W,
  height: H,
  dtype: 'f32',
  data: Float32Array.from(lcg(F * W * H, 31), (v) => v + 0.5),
  frameAxis: { name: 'time', unit: 's' },
  frameCoords: new Float64Array([0, 1]),
  valueAxis: { name: 'intensity', unit: '' },
  meta: emptyMeta(),
};
const frame = (data: ArrayLike<number>, f: number) => Array.from(data).slice(f * W * H, (f + 1) * W * H);

describe('clean.deblur', () => {
  it('Richardson–Lucy with the Gaussian PSF, per frame, with progress', async () => {
    const ctx = testContext();
    const v = (await deblurNode.run({ image: stack }, defaults, ctx)).image as StackValue;
    if (v.kind !== 'stack') throw new Error('expected a stack');
    const psf = gaussianPsf({ size: 7, sigma: 1.5 });
    for (let f = 0; f < F; f++) {
      const src = stack.data.subarray(f * W * H, (f + 1) * W * H);
      const expected = richardsonLucy(src, W, H, { psf, psfWidth: 7, psfHeight: 7, numIter: 10, clip: false });
      expect(frame(v.data, f)).toEqual(Array.from(expected));
    }
    expect(ctx.progressCalls.filter((x) => x > 0)).toEqual([0.5, 1]);
  });

  it('Wiener with a connected PSF image, normalised to sum 1', async () => {
    const psfImg: ImageValue = {
      kind: 'image',
      width: 3,
      height: 3,
      dtype: 'f32',
      data: Float32Array.from([1, 2, 1, 2, 4, 2, 1, 2, 1]),
      valueAxis: { name: 'v', unit: '' },
      meta: emptyMeta(),
    };
    const v = (await deblurNode.run({ image: stack, psf: psfImg }, { ...defaults, method: 'wiener', balance: 0.05 }, testContext())).image as StackValue;
    const psf = Float64Array.from([1, 2, 1, 2, 4, 2, 1, 2, 1], (x) => x / 16);
    const expected = wienerDeconvolve(stack.data.subarray(W * H), W, H, { psf, psfWidth: 3, psfHeight: 3, balance: 0.05, clip: false });
    expect(frame(v.data, 1)).toEqual(Array.from(expected));
  });

  it('refuses a PSF larger than the image and a PSF summing to 0', async () => {
    await expect(deblurNode.run({ image: stack }, { ...defaults, psfSize: 13 }, testContext())).rejects.toThrow(/PSF is 13 × 13 pixels, larger than the image \(16 × 12\)/);
    const zero: ImageValue = { kind: 'image', width: 2, height: 2, dtype: 'f32', data: new Float32Array(4), valueAxis: { name: 'v', unit: '' }, meta: emptyMeta() };
    await expect(deblurNode.run({ image: stack, psf: zero }, defaults, testContext())).rejects.toThrow(/sum to 0, expected a positive sum/);
  });
});
