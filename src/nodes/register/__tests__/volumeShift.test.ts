import { describe, expect, it } from 'vitest';
import { volumeShiftNode } from '../volumeShift';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type StackValue, type TableValue } from '../../../runtime/values';
import { reg2F32, reg2Json, numericColumn } from '../../../ops/image/__tests__/registration2Fixtures';
import { testContext } from '../../io/__tests__/imageNodeContext';

const defaults = defaultParams(volumeShiftNode.params);
const fx = reg2Json<{ d: number; h: number; w: number; applied: number[]; results: { upsample: number; shift: number[] }[] }>('volume.json');
const stack = (data: Float32Array, d: number, h: number, w: number): StackValue => ({
  kind: 'stack',
  frames: d,
  width: w,
  height: h,
  dtype: 'f32',
  data,
  frameAxis: { name: 'z', unit: 'µm' },
  frameCoords: Float64Array.from({ length: d }, (_, i) => i),
  valueAxis: { name: 'attenuation', unit: '' },
  meta: emptyMeta(),
});
const ref = reg2F32('volume_ref.f32');
const mov = reg2F32('volume_mov.f32');
/** Sub-volume [z0, z0+d) × [y0, y0+h) × [x0, x0+w) of a fixture volume. */
function crop(v: Float32Array, z0: number, y0: number, x0: number, d: number, h: number, w: number): Float32Array {
  const out = new Float32Array(d * h * w);
  for (let z = 0; z < d; z++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) out[(z * h + y) * w + x] = v[((z0 + z) * fx.h + y0 + y) * fx.w + x0 + x];
  return out;
}
const col = (t: TableValue, c: string) => numericColumn(t, c)[0];

describe('register.volume-shift', () => {
  it('window none reproduces skimage on the periodic fixture volume (upsample 10)', async () => {
    const want = fx.results.find((r) => r.upsample === 10);
    if (!want) throw new Error('no u=10 reference');
    const out = await volumeShiftNode.run(
      { fixed: stack(ref, fx.d, fx.h, fx.w), moving: stack(mov, fx.d, fx.h, fx.w) },
      { ...defaults, window: 'none' },
      testContext(),
    );
    if (out.shift.kind !== 'table') throw new Error('expected a table');
    expect([col(out.shift, 'dz'), col(out.shift, 'dy'), col(out.shift, 'dx')].map((v) => +v.toFixed(9))).toEqual(want.shift);
  });

  it('Hann window: the known sub-voxel shift of non-periodic sub-volumes is recovered, and the volumes aligned', async () => {
    const [d, h, w] = [16, 18, 22];
    const a = stack(crop(ref, 2, 3, 3, d, h, w), d, h, w);
    const b = stack(crop(mov, 2, 3, 3, d, h, w), d, h, w);
    const ctx = testContext();
    const out = await volumeShiftNode.run({ fixed: a, moving: b }, { ...defaults, upsampleFactor: 20 }, ctx);
    if (out.shift.kind !== 'table' || out.registered.kind !== 'stack') throw new Error('wrong kinds');
    // A 16×18×22 crop of rough texture under a 3-D Hann taper: found (−1.2, 2.4, −3.0) for (−1.37, 2.62, −3.18).
    expect(Math.abs(col(out.shift, 'dz') + fx.applied[0])).toBeLessThan(0.25);
    expect(Math.abs(col(out.shift, 'dy') + fx.applied[1])).toBeLessThan(0.25);
    expect(Math.abs(col(out.shift, 'dx') + fx.applied[2])).toBeLessThan(0.25);
    // Interior voxels agree far better after registration.
    let before = 0;
    let after = 0;
    for (let z = 3; z < d - 3; z++)
      for (let y = 4; y < h - 4; y++)
        for (let x = 5; x < w - 5; x++) {
          const i = (z * h + y) * w + x;
          before += Math.abs(b.data[i] - a.data[i]);
          after += Math.abs(out.registered.data[i] - a.data[i]);
        }
    expect(after).toBeLessThan(0.35 * before);
    expect(ctx.progressCalls.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses volumes of different sizes, naming them', async () => {
    await expect(
      volumeShiftNode.run({ fixed: stack(ref, fx.d, fx.h, fx.w), moving: stack(ref.subarray(0, 10 * fx.h * fx.w), 10, fx.h, fx.w) }, defaults, testContext()),
    ).rejects.toThrow('moving: expected the size of the fixed volume (20×24×28), got 10×24×28');
  });
});
