import { describe, expect, it } from 'vitest';
import { denoiseNode } from '../denoise';
import { defaultParams } from '../../../runtime/params';
import { NodeInputError } from '../../../runtime/nodeDefinition';
import { emptyMeta, type StackValue } from '../../../runtime/values';
import { bilateralFilter } from '../../../ops/image/bilateralFilter';
import { nlMeansDenoise } from '../../../ops/image/nlMeansDenoise';
import { tvDenoiseChambolle } from '../../../ops/image/tvDenoiseChambolle';
import { gaussianFilter3d } from '../../../ops/volume/gaussianFilter3d';
import { medianFilter3d } from '../../../ops/volume/medianFilter3d';
import { lcg } from '../../../ops/image/__tests__/helpers';
import { testContext } from '../../io/__tests__/imageNodeContext';

const defaults = defaultParams(denoiseNode.params);
const W = 12;
const H = 9;
const F = 3;
const stack: StackValue = {
  kind: 'stack',
  frames: F,
  width: W,
  height: H,
  dtype: 'u16',
  data: Uint16Array.from(lcg(F * W * H, 21), (v) => Math.round((v + 0.5) * 4000)),
  frameAxis: { name: 'z', unit: 'µm' },
  frameCoords: new Float64Array([0, 0.5, 1]),
  pixelSize: { x: 0.5, y: 0.5, unit: 'µm' },
  valueAxis: { name: 'intensity', unit: '' },
  meta: emptyMeta(),
};
const frame = (data: ArrayLike<number> & { subarray?: unknown }, f: number) => Array.from(data as ArrayLike<number>).slice(f * W * H, (f + 1) * W * H);

function range(f: number): number {
  const v = frame(stack.data, f);
  return Math.max(...v) - Math.min(...v);
}

describe('clean.denoise: bilateral, non-local means, total variation, 3-D', () => {
  it('defaults keep the old behaviour (Gaussian σ=1, 2-D per frame)', () => {
    expect([defaults.method, defaults.sigma, defaults.size, defaults.dimensions]).toEqual(['gaussian', 1, 3, '2d']);
  });

  for (const method of ['bilateral', 'nl-means', 'tv'] as const) {
    it(`${method}: each frame through its op, f32 out, progress per frame`, async () => {
      const ctx = testContext();
      const p = { ...defaults, method, sigmaSpatial: 1.2, patchSize: 3, patchDistance: 4 };
      const v = (await denoiseNode.run({ image: stack }, p, ctx)).image as StackValue;
      if (v.kind !== 'stack') throw new Error('expected a stack');
      expect([v.dtype, v.frames, v.frameAxis.name]).toEqual(['f32', F, 'z']);
      for (let f = 0; f < F; f++) {
        const src = stack.data.subarray(f * W * H, (f + 1) * W * H);
        const expected =
          method === 'bilateral'
            ? bilateralFilter(src, W, H, { sigmaSpatial: 1.2 })
            : method === 'tv'
              ? tvDenoiseChambolle(src, W, H, { weight: 0.1 * range(f) })
              : nlMeansDenoise(src, W, H, { h: 0.1 * range(f), patchSize: 3, patchDistance: 4 });
        expect(frame(v.data, f)).toEqual(Array.from(expected));
        expect(frame(v.data, f)).not.toEqual(Array.from(src));
      }
      expect(ctx.progressCalls.filter((x) => x > 0)).toEqual([1 / 3, 2 / 3, 1]);
    });
  }

  it('explicit h / TV weight / value σ are passed through', async () => {
    const tv = (await denoiseNode.run({ image: stack }, { ...defaults, method: 'tv', weight: 50 }, testContext())).image as StackValue;
    expect(frame(tv.data, 1)).toEqual(Array.from(tvDenoiseChambolle(stack.data.subarray(W * H, 2 * W * H), W, H, { weight: 50 })));
    const bl = (await denoiseNode.run({ image: stack }, { ...defaults, method: 'bilateral', sigmaColor: 300 }, testContext())).image as StackValue;
    expect(frame(bl.data, 0)).toEqual(Array.from(bilateralFilter(stack.data.subarray(0, W * H), W, H, { sigmaColor: 300 })));
  });

  it('3-D volume: Gaussian and median filter the stack as one volume', async () => {
    const g = (await denoiseNode.run({ image: stack }, { ...defaults, dimensions: '3d', sigma: 0.8 }, testContext())).image as StackValue;
    expect(Array.from(g.data)).toEqual(Array.from(gaussianFilter3d(stack.data, W, H, F, { sigma: 0.8 })));
    const ctx = testContext();
    const m = (await denoiseNode.run({ image: stack }, { ...defaults, dimensions: '3d', method: 'median', size: 3 }, ctx)).image as StackValue;
    expect(Array.from(m.data)).toEqual(Array.from(medianFilter3d(stack.data, W, H, F, { size: 3 })));
    expect(ctx.progressCalls).toEqual([0, 1]);
  });

  it('3-D with an edge-preserving method is refused clearly', async () => {
    await expect(denoiseNode.run({ image: stack }, { ...defaults, dimensions: '3d', method: 'tv' }, testContext())).rejects.toThrow(NodeInputError);
    await expect(denoiseNode.run({ image: stack }, { ...defaults, dimensions: '3d', method: 'tv' }, testContext())).rejects.toThrow(
      /3-D volume filtering is available for Gaussian and median only/,
    );
  });

  it('a flat frame with automatic strength comes back unchanged', async () => {
    const flat: StackValue = { ...stack, data: new Uint16Array(F * W * H).fill(7) };
    const v = (await denoiseNode.run({ image: flat }, { ...defaults, method: 'tv' }, testContext())).image as StackValue;
    expect(Array.from(v.data).every((x) => x === 7)).toBe(true);
  });
});
