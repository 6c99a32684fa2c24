import { describe, expect, it } from 'vitest';
import { rotationScaleNode } from '../rotationScale';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type StackValue, type TableValue } from '../../../runtime/values';
import { nmcCrop, reg2F32, reg2Json, numericColumn } from '../../../ops/image/__tests__/registration2Fixtures';
import { testContext } from '../../io/__tests__/imageNodeContext';

const defaults = defaultParams(rotationScaleNode.params);
const fx = reg2Json<{ rts: { n: number; y0: number; x0: number; angle: number; scale: number; file: string } }>('logpolar.json').rts;
const n = fx.n;
const image = (data: Float32Array): ImageValue => ({
  kind: 'image', width: n, height: n, dtype: 'f32', data, valueAxis: { name: 'attenuation', unit: '' }, meta: emptyMeta(),
});
const ref = Float32Array.from(nmcCrop(fx.y0, fx.x0, n, n));
const mov = reg2F32(fx.file);
const col = (t: TableValue, c: string) => numericColumn(t, c);
/** Mean |a − b| over the central half of the frame. */
function centralDiff(a: ArrayLike<number>, b: ArrayLike<number>, o = 0): number {
  let s = 0;
  let k = 0;
  for (let y = n / 4; y < (3 * n) / 4; y++)
    for (let x = n / 4; x < (3 * n) / 4; x++) {
      s += Math.abs(a[o + y * n + x] - b[y * n + x]);
      k++;
    }
  return s / k;
}

describe('register.rotation-scale', () => {
  it('recovers 12° and ×1.1 of the real slice (skimage-rotated and rescaled, shifted) and registers it', async () => {
    const ctx = testContext();
    const out = await rotationScaleNode.run({ reference: image(ref), moving: image(mov) }, defaults, ctx);
    if (out.transform.kind !== 'table' || out.registered.kind !== 'image') throw new Error('wrong kinds');
    expect(out.transform.columns.map((c) => `${c.name} (${c.unit})`)).toEqual(['frame ()', 'angle (deg)', 'scale ()', 'dy (px)', 'dx (px)']);
    expect(Math.abs(col(out.transform, 'angle')[0] - fx.angle)).toBeLessThan(0.15);
    expect(Math.abs(col(out.transform, 'scale')[0] / fx.scale - 1)).toBeLessThan(0.005);
    const before = centralDiff(mov, ref);
    const after = centralDiff(out.registered.data, ref);
    expect(after).toBeLessThan(0.35 * before);
    expect(ctx.progressCalls.length).toBeGreaterThanOrEqual(1);
  });

  it('each frame of a stack against the reference; the reference itself gives no transform', async () => {
    const data = new Float32Array(2 * n * n);
    data.set(ref, 0);
    data.set(mov, n * n);
    const stack: StackValue = {
      kind: 'stack', frames: 2, width: n, height: n, dtype: 'f32', data, frameAxis: { name: 'time', unit: 's' },
      frameCoords: Float64Array.of(0, 1), valueAxis: { name: 'attenuation', unit: '' }, meta: emptyMeta(),
    };
    const out = await rotationScaleNode.run({ reference: image(ref), moving: stack }, { ...defaults, interpolation: 'bilinear' }, testContext());
    if (out.transform.kind !== 'table' || out.registered.kind !== 'stack') throw new Error('wrong kinds');
    expect(Math.abs(col(out.transform, 'angle')[0])).toBeLessThan(0.02);
    expect(Math.abs(col(out.transform, 'scale')[0] - 1)).toBeLessThan(0.001);
    expect(Math.abs(col(out.transform, 'angle')[1] - fx.angle)).toBeLessThan(0.15);
    expect(centralDiff(out.registered.data, ref, 0)).toBeLessThan(0.01);
  });

  it('refuses frames of another size, naming them', async () => {
    const small: ImageValue = { ...image(new Float32Array(10 * 12)), width: 12, height: 10 };
    await expect(rotationScaleNode.run({ reference: image(ref), moving: small }, defaults, testContext())).rejects.toThrow(
      `moving: expected frames of the reference size ${n}×${n}, got 12×10`,
    );
  });
});
