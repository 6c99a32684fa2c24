import { describe, expect, it } from 'vitest';
import { denoiseNode } from '../denoise';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type StackValue } from '../../../runtime/values';
import { gaussianFilter } from '../../../ops/image/gaussianFilter';
import { medianFilter } from '../../../ops/image/medianFilter';
import { lcg } from '../../../ops/image/__tests__/helpers';
import { testContext } from '../../io/__tests__/imageNodeContext';

const defaults = defaultParams(denoiseNode.params);
const W = 9;
const H = 7;
const stack: StackValue = {
  kind: 'stack',
  frames: 3,
  width: W,
  height: H,
  dtype: 'u16',
  data: Uint16Array.from(lcg(3 * W * H, 11), (v) => Math.round((v + 0.5) * 4000)),
  frameAxis: { name: 'z', unit: 'µm' },
  frameCoords: new Float64Array([0, 0.5, 1]),
  pixelSize: { x: 0.5, y: 0.5, unit: 'µm' },
  valueAxis: { name: 'intensity', unit: '' },
  meta: emptyMeta(),
};

describe('clean.denoise', () => {
  it('filters each frame of a stack separately (2-D), f32 out, with progress per frame', async () => {
    for (const method of ['gaussian', 'median'] as const) {
      const ctx = testContext();
      const out = await denoiseNode.run({ image: stack }, { ...defaults, method, sigma: 1.2, size: 3 }, ctx);
      const v = out.image;
      if (v.kind !== 'stack') throw new Error('expected a stack');
      expect([v.dtype, v.frames, v.pixelSize?.x, v.frameAxis.name]).toEqual(['f32', 3, 0.5, 'z']);
      for (let f = 0; f < 3; f++) {
        const frame = stack.data.subarray(f * W * H, (f + 1) * W * H);
        const expected = method === 'gaussian' ? gaussianFilter(frame, W, H, { sigma: 1.2 }) : medianFilter(frame, W, H, { size: 3 });
        expect(Array.from(v.data.subarray(f * W * H, (f + 1) * W * H))).toEqual(Array.from(expected));
      }
      expect(ctx.progressCalls.filter((x) => x > 0)).toEqual([1 / 3, 2 / 3, 1]);
    }
  });

  it('an image stays an image', async () => {
    const img: ImageValue = { ...stack, kind: 'image', data: stack.data.subarray(0, W * H) } as unknown as ImageValue;
    const out = await denoiseNode.run({ image: img }, defaults, testContext());
    expect(out.image.kind).toBe('image');
  });

  it('NaN pixels are refused with their position', async () => {
    const data = new Float32Array(W * H);
    data[W + 2] = NaN;
    const img: ImageValue = { kind: 'image', width: W, height: H, dtype: 'f32', data, valueAxis: { name: 'v', unit: '' }, meta: emptyMeta() };
    await expect(denoiseNode.run({ image: img }, defaults, testContext())).rejects.toThrow(/non-finite value \(NaN\) at row 1, column 2/);
  });
});
