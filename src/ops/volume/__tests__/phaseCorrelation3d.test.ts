import { describe, expect, it } from 'vitest';
import { phaseCorrelation3d } from '../phaseCorrelation3d';
import { phaseCrossCorrelation } from '../../image/phaseCrossCorrelation';
import { reg2F32, reg2Json } from '../../image/__tests__/registration2Fixtures';
import { lcg, maxAbsDiff } from '../../image/__tests__/helpers';
import { shiftVolume } from '../shiftVolume';

interface Fx { d: number; h: number; w: number; applied: number[]; ref: string; mov: string; results: { upsample: number; shift: number[]; error: number; phasediff: number }[] }
const fx = reg2Json<Fx>('volume.json');
const ref = reg2F32(fx.ref);
const mov = reg2F32(fx.mov);

describe('phaseCorrelation3d against skimage 0.19 phase_cross_correlation (3-D)', () => {
  for (const r of fx.results) {
    it(`20×24×28 volume moved by (${fx.applied.join(', ')}), upsample ${r.upsample} → [${r.shift.join(', ')}]`, () => {
      const got = phaseCorrelation3d(ref, mov, fx.w, fx.h, fx.d, { upsampleFactor: r.upsample });
      for (let k = 0; k < 3; k++) expect(got.shift[k]).toBeCloseTo(r.shift[k], 9);
      expect(got.error).toBeCloseTo(r.error, 7);
      expect(got.phaseDiff).toBeCloseTo(r.phasediff, 5);
      // And the known shift is recovered (skimage too: within 0.1 voxel on this small float32 volume).
      for (let k = 0; k < 3; k++) expect(Math.abs(got.shift[k] + fx.applied[k])).toBeLessThan(r.upsample === 1 ? 0.51 : 0.1);
    });
  }

  it('a single-slice volume gives the 2-D result with dz = 0', () => {
    const a = Float64Array.from(lcg(30 * 22, 3));
    const b = new Float64Array(a.length);
    for (let y = 0; y < 22; y++) for (let x = 0; x < 30; x++) b[y * 30 + x] = a[((y + 3) % 22) * 30 + ((x + 28) % 30)];
    const got = phaseCorrelation3d(a, b, 30, 22, 1, { upsampleFactor: 10 });
    const want = phaseCrossCorrelation(a, b, 30, 22, { upsampleFactor: 10 });
    expect(got.shift[0]).toBe(0);
    expect(got.shift[1]).toBeCloseTo(want.shift[0], 9);
    expect(got.shift[2]).toBeCloseTo(want.shift[1], 9);
    expect(got.shift.slice(1)).toEqual([3, -2]);
  });

  it('rejects bad input, naming it', () => {
    const v = new Float32Array(24);
    expect(() => phaseCorrelation3d(v, v, 2, 3, 5)).toThrow(/\(reference\): data has 24 values, expected frames·height·width = 5·3·2 = 30/);
    const bad = v.slice();
    bad[13] = NaN;
    expect(() => phaseCorrelation3d(v, bad, 2, 3, 4)).toThrow(/\(moving\) \(frame 2\): data has a non-finite value \(NaN\) at row 0, column 1/);
    expect(() => phaseCorrelation3d(v, v, 2, 3, 4, { upsampleFactor: 1.5 })).toThrow(/upsampleFactor = 1.5/);
  });
});

describe('shiftVolume against scipy.ndimage.shift(order=1, mode="constant")', () => {
  it('shift (-1.4, 2.25, -0.6), fill -1', () => {
    const got = shiftVolume(ref, fx.w, fx.h, fx.d, { shift: [-1.4, 2.25, -0.6], fill: -1 });
    expect(maxAbsDiff(got, reg2F32('volume_shift1.f32'))).toBeLessThan(1e-6);
  });
  it('integer shifts move voxels exactly; bad shift named', () => {
    const got = shiftVolume(ref, fx.w, fx.h, fx.d, { shift: [2, -1, 3] });
    const plane = fx.w * fx.h;
    expect(got[(5 * fx.h + 7) * fx.w + 9]).toBe(ref[3 * plane + 8 * fx.w + 6]);
    expect(got[(1 * fx.h + 7) * fx.w + 9]).toBe(0);
    expect(() => shiftVolume(ref, fx.w, fx.h, fx.d, { shift: [NaN, 0, 0] })).toThrow(/dz = NaN/);
  });
});
