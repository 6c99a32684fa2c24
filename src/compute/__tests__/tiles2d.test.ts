import { describe, expect, it } from 'vitest';
import { gatherTile2d, planTiles2d, scatterTile2d } from '../tiles2d';

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
});
