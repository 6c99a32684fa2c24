import { describe, expect, it } from 'vitest';
import { clippedRegion } from '../tiles2d';
import { richardsonLucyTilePlan } from '../webgpu/richardsonLucyPlan';

describe('richardsonLucyTilePlan', () => {
  it('runs all iterations in one round when the whole image fits (clipped tiles grow no further)', () => {
    expect(richardsonLucyTilePlan(40, 30, 10, 4, 25, 40 * 30)).toMatchObject({ k: 10, tiles: [{ x0: 0, y0: 0, w: 40, h: 30 }] });
  });

  it('gives tiles that cover the image once and whose grown regions fit the limit', () => {
    for (const [w, h, numIter, spread, maxValues] of [
      [97, 61, 7, 2, 900],
      [50, 50, 30, 4, 2000],
      [1, 200, 5, 2, 60],
    ]) {
      const { k, tiles } = richardsonLucyTilePlan(w, h, numIter, spread, 9, maxValues);
      expect(k).toBeGreaterThanOrEqual(1);
      expect(k).toBeLessThanOrEqual(numIter);
      const seen = new Uint8Array(w * h);
      for (const t of tiles) {
        const r = clippedRegion(t, k * spread, w, h);
        expect(r.w * r.h).toBeLessThanOrEqual(maxValues);
        for (let y = t.y0; y < t.y0 + t.h; y++) for (let x = t.x0; x < t.x0 + t.w; x++) seen[y * w + x]++;
      }
      expect(seen.every((c) => c === 1)).toBe(true);
    }
  });

  it('takes more rounds than one when all iterations\' growth would not fit', () => {
    // 30 iterations · spread 8 = a 240-pixel halo: the grown tile is the whole 200 × 200 image,
    // over the 4096-value limit, so the plan must split the iterations.
    const { k } = richardsonLucyTilePlan(200, 200, 30, 8, 81, 4096);
    expect(k).toBeLessThan(30);
  });

  it('says why when not even one pixel with its halo fits', () => {
    expect(() => richardsonLucyTilePlan(100, 100, 3, 20, 441, 100)).toThrow(/richardsonLucy: .*halo/);
  });
});
