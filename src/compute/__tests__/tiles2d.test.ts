import { describe, expect, it } from 'vitest';
import {
  clippedRegion,
  copyRegion,
  gatherTile2d,
  gatherTile3d,
  planTiles2d,
  planTiles3d,
  scatterRegion,
  scatterTile2d,
  scatterTile3d,
} from '../tiles2d';

describe('tiles2d', () => {
  it('covers every pixel exactly once, each padded tile within the limit', () => {
    for (const [w, h, halo, max] of [
      [97, 61, 8, 1024],
      [3000, 1, 2, 1024],
      [1, 3000, 2, 1024],
      [10, 10, 0, 16],
      [50, 40, 1, 100_000],
    ]) {
      const seen = new Uint8Array(w * h);
      for (const t of planTiles2d('op', w, h, halo, max)) {
        expect((t.w + 2 * halo) * (t.h + 2 * halo)).toBeLessThanOrEqual(max);
        for (let y = t.y0; y < t.y0 + t.h; y++) for (let x = t.x0; x < t.x0 + t.w; x++) seen[y * w + x]++;
      }
      expect(seen.every((c) => c === 1), `${w}×${h}`).toBe(true);
    }
    expect(() => planTiles2d('gaussianFilter2d', 100, 100, 20, 1000)).toThrow(/gaussianFilter2d: the GPU binding limit \(1000 values\) cannot hold/);
  });

  it("gathers the halo with scipy's 'nearest' and 'reflect' edges, and scatters the interior back", () => {
    // 3 × 2 image, values = index; a tile of the whole image with a 2-pixel halo.
    const data = Float32Array.of(0, 1, 2, 3, 4, 5);
    const tile = { x0: 0, y0: 0, w: 3, h: 2 };
    const out = new Float32Array(7 * 6);
    gatherTile2d(data, 3, 2, tile, 2, 'reflect', out);
    // reflect (d c b a | a b c d | d c b a): columns −2…4 → 1 0 0 1 2 2 1; rows −2…3 → 1 0 0 1 1 0.
    expect(Array.from(out.subarray(0, 7))).toEqual([4, 3, 3, 4, 5, 5, 4]);
    expect(Array.from(out.subarray(14, 21))).toEqual([1, 0, 0, 1, 2, 2, 1]);
    gatherTile2d(data, 3, 2, tile, 2, 'nearest', out);
    expect(Array.from(out.subarray(0, 7))).toEqual([0, 0, 0, 1, 2, 2, 2]);
    expect(Array.from(out.subarray(35, 42))).toEqual([3, 3, 3, 4, 5, 5, 5]);
    const back = new Float32Array(6);
    scatterTile2d(out, tile, 2, back, 3);
    expect(Array.from(back)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("gathers numpy's 'reflect' ('mirror': edge not repeated), periodic past the image", () => {
    const data = Float32Array.of(0, 1, 2); // 3 × 1
    const out = new Float32Array(11 * 1 * 3);
    // halo 4: columns −4…6 → 0 1 2 1 | 0 1 2 | 1 0 1 2; rows −4…4 of a 1-row image → row 0.
    gatherTile2d(data, 3, 1, { x0: 0, y0: 0, w: 3, h: 1 }, 4, 'mirror', out.subarray(0, 11 * 9));
    expect(Array.from(out.subarray(0, 11))).toEqual([0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2]);
  });

  it('clipped plans: padded tiles cut to the image fit, regions contain their tiles, copy / scatter round-trip', () => {
    for (const [w, h, halo, max] of [
      [61, 41, 14, 1024],
      [200, 7, 10, 1024],
      [5, 400, 24, 1024],
      [1, 3000, 300, 1024],
    ]) {
      const data = Float32Array.from({ length: w * h }, (_, i) => i);
      const back = new Float32Array(w * h).fill(-1);
      for (const t of planTiles2d('op', w, h, halo, max, true)) {
        const r = clippedRegion(t, halo, w, h);
        expect(r.w * r.h).toBeLessThanOrEqual(max);
        expect([r.x0 <= t.x0, r.y0 <= t.y0, r.x0 + r.w >= t.x0 + t.w, r.y0 + r.h >= t.y0 + t.h]).toEqual([true, true, true, true]);
        expect([t.x0 - r.x0, t.y0 - r.y0]).toEqual([Math.min(halo, t.x0), Math.min(halo, t.y0)]);
        const buf = new Float32Array(r.w * r.h);
        copyRegion(data, w, r, buf);
        scatterRegion(buf, r, t, back, w);
      }
      expect(Array.from(back), `${w}×${h}`).toEqual(Array.from(data));
    }
  });

  it('3-D plans cover every voxel once within the limit; boxes gather clamped halos and scatter back', () => {
    for (const [w, h, d, xy, z, max] of [
      [8, 6, 23, 0, 8, 1024],
      [37, 29, 11, 1, 1, 1024],
      [37, 29, 40, 1, 1, 1024],
      [23, 17, 13, 5, 0, 1024],
      [23, 17, 13, 0, 5, 1024],
      [1, 1, 1500, 12, 12, 1024],
      [5, 4, 7, 2, 0, 64],
    ]) {
      const plan = planTiles3d('op', w, h, d, { xy, z }, max);
      const data = Float32Array.from({ length: w * h * d }, (_, i) => i);
      const back = new Float32Array(w * h * d).fill(-1);
      const { halo } = plan;
      expect(halo.xy === 0 || halo.xy === xy).toBe(true);
      expect(halo.z === 0 || halo.z === z).toBe(true);
      let padded = 0;
      for (const t of plan.tiles) {
        const size = (t.w + 2 * halo.xy) * (t.h + 2 * halo.xy) * (t.d + 2 * halo.z);
        expect(size).toBeLessThanOrEqual(max);
        padded += size;
        // An axis filtered (halo asked) but given no halo is not split.
        if (z > 0 && halo.z === 0) expect([t.z0, t.d]).toEqual([0, d]);
        if (xy > 0 && halo.xy === 0) expect([t.x0, t.y0, t.w, t.h]).toEqual([0, 0, w, h]);
        const box = new Float32Array(size);
        gatherTile3d(data, w, h, d, t, halo, 'nearest', box);
        // The padded corner is the clamped voxel.
        const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
        expect(box[0]).toBe((clamp(t.z0 - halo.z, d) * h + clamp(t.y0 - halo.xy, h)) * w + clamp(t.x0 - halo.xy, w));
        scatterTile3d(box, t, halo, back, w, h);
      }
      expect(padded).toBe(plan.padded);
      expect(Array.from(back).every((v, i) => v === i), `${w}×${h}×${d}`).toBe(true);
    }
    expect(() => planTiles3d('gaussianFilter3d', 5, 5, 5, { xy: 2, z: 2 }, 100)).toThrow(/gaussianFilter3d: the GPU binding limit \(100 values\) cannot hold even one voxel/);
  });
});
