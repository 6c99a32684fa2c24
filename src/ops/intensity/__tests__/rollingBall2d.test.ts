import { describe, expect, it } from 'vitest';
import { rollingBall2d } from '../rollingBall2d';
import { backgroundRollingBall } from '../../spectrum/backgroundRollingBall';
import { readTiff } from '../../io/tiff/readTiff';
import { fixtureBytes, lcg, maxAbsDiff } from '../../image/__tests__/helpers';
import { intensityF32, intensityJson } from './intensityFixtures';

interface Fx {
  crop: { y0: number; x0: number; h: number; w: number; scale: number };
  cases: { radius: number; file: string }[];
  small: { h: number; w: number; seed: number; scale: number; radius: number; out: number[] };
}
const fx = intensityJson<Fx>('rollingball2d.json');

describe('rollingBall2d against skimage.restoration.rolling_ball', () => {
  const { y0, x0, h, w, scale } = fx.crop;
  const img = readTiff(fixtureBytes('nmc_1.tif'), 'nmc_1.tif');
  const crop = new Float32Array(h * w);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) crop[y * w + x] = img.data[(y0 + y) * img.width + x0 + x] * scale;
  for (const c of fx.cases) {
    it(`real NMC crop (float32, ×${scale}), radius ${c.radius}`, () => {
      expect(maxAbsDiff(rollingBall2d(crop, w, h, { radius: c.radius }), intensityF32(c.file))).toBe(0);
    });
  }
  it('small float64 image, radius 2.5 (offsets beyond the ball left out)', () => {
    const s = fx.small;
    const x = lcg(s.h * s.w, s.seed).map((v) => v * s.scale);
    expect(maxAbsDiff(rollingBall2d(x, s.w, s.h, { radius: s.radius }), s.out)).toBeLessThan(1e-6);
  });
  it('a 1-row image equals the 1-D spectrum background; a ball under a plane leaves the plane', () => {
    const y = Float64Array.from(lcg(50, 4), (v) => 100 * v);
    expect(maxAbsDiff(rollingBall2d(y, 50, 1, { radius: 6 }), Float32Array.from(backgroundRollingBall(y, { radius: 6 })))).toBe(0);
    const plane = new Float32Array(20 * 10).fill(7);
    expect(maxAbsDiff(rollingBall2d(plane, 20, 10, { radius: 3 }), plane)).toBe(0);
    expect(() => rollingBall2d(plane, 20, 10, { radius: -1 })).toThrow(/radius = -1, expected a finite number > 0/);
  });
});
