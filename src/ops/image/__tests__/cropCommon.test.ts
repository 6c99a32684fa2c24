import { describe, expect, it } from 'vitest';
import { cropCommon } from '../cropCommon';
import { bilinearShift } from '../bilinearShift';

describe('cropCommon', () => {
  it('keeps exactly the pixels that are valid (not fill) in every shifted frame', () => {
    const w = 13;
    const h = 9;
    const shifts: [number, number][] = [[0, 0], [1.4, -2.2], [-0.6, 3], [2, 0.5]];
    const data = new Float32Array(shifts.length * w * h);
    shifts.forEach(([dy, dx], f) =>
      bilinearShift(new Float32Array(w * h).fill(1), w, h, { dy, dx, fill: 0, out: data.subarray(f * w * h, (f + 1) * w * h) }),
    );
    const c = cropCommon(data, w, h, { dy: shifts.map((s) => s[0]), dx: shifts.map((s) => s[1]) });
    // rows ⌈2⌉ … ⌊8 − 0.6⌋ = 2 … 7; columns ⌈3⌉ … ⌊12 − 2.2⌋ = 3 … 9
    expect([c.y0, c.x0, c.height, c.width]).toEqual([2, 3, 6, 7]);
    expect(c.data.length).toBe(4 * 6 * 7);
    expect(c.data.every((v) => v === 1)).toBe(true);
    // And it is the largest such rectangle: one more row/column on any side contains a fill pixel.
    const valid = (f: number, y: number, x: number) => data[f * w * h + y * w + x] === 1;
    const anyInvalidRow = (y: number) => shifts.some((_, f) => Array.from({ length: 7 }, (_, k) => valid(f, y, 3 + k)).includes(false));
    expect(anyInvalidRow(1)).toBe(true);
    expect(anyInvalidRow(8)).toBe(true);
  });

  it('copies the right pixels and rejects impossible crops', () => {
    const d = Float32Array.from({ length: 2 * 4 * 5 }, (_, i) => i);
    const c = cropCommon(d, 5, 4, { dy: [0, 1], dx: [0, -1] });
    expect([c.y0, c.x0, c.height, c.width]).toEqual([1, 0, 3, 4]);
    expect(Array.from(c.data.subarray(0, 4))).toEqual([5, 6, 7, 8]);
    expect(Array.from(c.data.subarray(12, 16))).toEqual([25, 26, 27, 28]);
    expect(() => cropCommon(d, 5, 4, { dy: [0, 9], dx: [0, 0] })).toThrow(/no area in common/);
    expect(() => cropCommon(d, 5, 4, { dy: [0], dx: [0] })).toThrow(/expected one per frame \(2\)/);
  });
});
