import { describe, expect, it } from 'vitest';
import { warpAffine } from '../warpAffine';
import { warpAffineSampler } from '../warpAffineSampler';
import { bilinearShift } from '../bilinearShift';
import { maxAbsDiff } from './helpers';
import { nmcCrop, reg2F32, reg2Json } from './registration2Fixtures';

interface Case { name: string; matrix: number[]; order: 0 | 1 | 3; boundary: 'constant' | 'mirror'; fill: number; file: string }
const fx = reg2Json<{ crop: { y0: number; x0: number; h: number; w: number }; cases: Case[] }>('warp.json');
const { y0, x0, h, w } = fx.crop;
const crop = nmcCrop(y0, x0, h, w);

describe('warpAffine against scipy.ndimage / skimage.transform.warp on a real NMC crop', () => {
  for (const c of fx.cases) {
    // scipy's order-3 'constant' mode treats taps beyond the border its own way: compare that one inside only.
    const interiorOnly = c.order === 3 && c.boundary === 'constant';
    it(`${c.name} (order ${c.order}, ${c.boundary})${interiorOnly ? ', interior' : ''}`, () => {
      const got = warpAffine(crop, w, h, { matrix: c.matrix, order: c.order, boundary: c.boundary, fill: c.fill });
      const want = reg2F32(c.file);
      if (!interiorOnly) {
        // skimage 0.19 warps 2-D matrix transforms with its own cubic convolution (_warp_fast), not a
        // B-spline: the two interpolating cubics agree to a few 0.01 on data spanning ~4 units.
        expect(maxAbsDiff(got, want)).toBeLessThan(c.name.startsWith('skwarp') ? 0.03 : 2e-5);
        return;
      }
      let worst = 0;
      let outsideOk = true;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const sy = c.matrix[0] * y + c.matrix[1] * x + c.matrix[2];
          const sx = c.matrix[3] * y + c.matrix[4] * x + c.matrix[5];
          const i = y * w + x;
          if (sy < 0 || sy > h - 1 || sx < 0 || sx > w - 1) outsideOk &&= got[i] === c.fill && want[i] === c.fill;
          else if (sy >= 3 && sy <= h - 4 && sx >= 3 && sx <= w - 4) worst = Math.max(worst, Math.abs(got[i] - want[i]));
        }
      }
      expect(outsideOk).toBe(true);
      expect(worst).toBeLessThan(1e-3);
    });
  }

  it('order 1 translation equals bilinearShift', () => {
    const got = warpAffine(crop, w, h, { matrix: [1, 0, -2.25, 0, 1, 3.5], order: 1, fill: 7 });
    expect(maxAbsDiff(got, bilinearShift(crop, w, h, { dy: 2.25, dx: -3.5, fill: 7 }))).toBeLessThan(1e-5);
  });

  it('order 3 interpolates: integer positions return the pixels, a cubic polynomial ramp is exact inside', () => {
    const s = warpAffineSampler(crop, w, h, { order: 3 });
    for (const [y, x] of [[0, 0], [5, 7], [h - 1, w - 1], [31, 0]]) expect(s(y, x)).toBeCloseTo(crop[y * w + x], 9);
    const ramp = Float64Array.from({ length: 40 * 40 }, (_, i) => 0.5 * (i % 40) - 0.25 * Math.floor(i / 40));
    const r = warpAffineSampler(ramp, 40, 40, { order: 3, boundary: 'mirror' });
    expect(r(20.3, 17.6)).toBeCloseTo(0.5 * 17.6 - 0.25 * 20.3, 9);
  });

  it('rejects bad input, naming it', () => {
    expect(() => warpAffine(crop, w, h, { matrix: [1, 0, 0, 0, 1] })).toThrow(/matrix has 5 values, expected 6/);
    expect(() => warpAffine(crop, w, h, { matrix: [1, 0, NaN, 0, 1, 0] })).toThrow(/matrix\[2\] = NaN/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(() => warpAffine(crop, w, h, { matrix: [1, 0, 0, 0, 1, 0], order: 2 as any })).toThrow(/order = 2, expected 0, 1 or 3/);
  });
});
