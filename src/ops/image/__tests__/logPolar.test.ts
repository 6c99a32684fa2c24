import { describe, expect, it } from 'vitest';
import { logPolarWarp } from '../logPolarWarp';
import { logPolarRotationScale } from '../logPolarRotationScale';
import { warpAffine } from '../warpAffine';
import { maxAbsDiff } from './helpers';
import { nmcCrop, reg2F32, reg2Json } from './registration2Fixtures';

interface Fx {
  crop: { y0: number; x0: number; h: number; w: number; radius: number; outHeight: number; outWidth: number };
  rts: { n: number; y0: number; x0: number; angle: number; scale: number; file: string; radius: number; dogSigma: number; upsample: number; skimage: { shift: number[]; angle: number; scale: number } };
}
const fx = reg2Json<Fx>('logpolar.json');

describe('logPolarWarp against skimage.transform.warp_polar(scaling="log")', () => {
  const c = fx.crop;
  const img = nmcCrop(c.y0, c.x0, c.h, c.w);
  for (const order of [0, 1] as const) {
    it(`64×80 real crop, radius 30, output 90×50, order ${order}`, () => {
      const got = logPolarWarp(img, c.w, c.h, { radius: c.radius, outHeight: c.outHeight, outWidth: c.outWidth, order });
      expect(maxAbsDiff(got, reg2F32(`logpolar_o${order}.f32`))).toBeLessThan(order === 0 ? 1e-6 : 2e-5);
    });
  }
  it('a rotation of the image is a shift along the angle rows', () => {
    const n = 64;
    const radial = Float64Array.from({ length: n * n }, (_, i) => {
      const y = Math.floor(i / n) - 31.5;
      const x = (i % n) - 31.5;
      return Math.cos(3 * Math.atan2(y, x)) * Math.exp(-Math.hypot(x, y) / 20);
    });
    const lp = logPolarWarp(radial, n, n, { radius: 30, outHeight: 360, outWidth: 40 });
    // cos(3θ): rows 120 apart (120°) are equal, rows 60 apart opposite (radii ≥ 5.5 px, where the grid resolves it).
    for (let c = 20; c < 40; c += 4) {
      expect(Math.abs(lp[10 * 40 + c] - lp[130 * 40 + c])).toBeLessThan(0.04); // bilinear sampling error
      expect(Math.abs(lp[10 * 40 + c] + lp[70 * 40 + c])).toBeLessThan(0.04);
    }
    expect(() => logPolarWarp(radial, n, n, { radius: 1 })).toThrow(/radius = 1, expected a finite number > 1/);
  });
});

describe('logPolarRotationScale on the real slice rotated 12° and magnified 1.1 (skimage gallery method)', () => {
  const r = fx.rts;
  const ref = nmcCrop(r.y0, r.x0, r.n, r.n);
  const mov = reg2F32(r.file);
  it(`one pass reproduces skimage's estimate (${r.skimage.angle.toFixed(3)}°, ×${r.skimage.scale.toFixed(4)})`, () => {
    const got = logPolarRotationScale(ref, mov, r.n, r.n, { dogSigma: r.dogSigma, radiusFraction: r.radius / r.n, upsampleFactor: r.upsample });
    expect(got.angle).toBeCloseTo(r.skimage.angle, 6);
    expect(got.scale).toBeCloseTo(r.skimage.scale, 6);
  });
  it('three passes recover the known rotation within 0.15° and scale within 0.5 %', () => {
    const got = logPolarRotationScale(ref, mov, r.n, r.n, { iterations: 3 });
    expect(Math.abs(got.angle - r.angle)).toBeLessThan(0.15);
    expect(Math.abs(got.scale / r.scale - 1)).toBeLessThan(0.005);
  });
  it('a rotation/scale made by warpAffine is recovered, and the matrix undoes it', () => {
    const n = 160;
    const src = nmcCrop(150, 200, n, n);
    const th = (-17 * Math.PI) / 180;
    const s = 0.92;
    // moving(p) = src(c + R(θ)(p − c)/s): the inverse of the matrix logPolarRotationScale returns.
    const c0 = (n - 1) / 2;
    const a = Math.cos(th) / s;
    const b = Math.sin(th) / s;
    const moving = warpAffine(src, n, n, { matrix: [a, b, c0 - a * c0 - b * c0, -b, a, c0 + b * c0 - a * c0], order: 3, boundary: 'mirror' });
    const got = logPolarRotationScale(src, moving, n, n, { iterations: 3 });
    expect(Math.abs(got.angle + 17)).toBeLessThan(0.2);
    expect(Math.abs(got.scale - s)).toBeLessThan(0.006);
  });
  it('rejects bad options, naming them', () => {
    expect(() => logPolarRotationScale(ref, mov, r.n, r.n, { radiusFraction: 0.7 })).toThrow(/radiusFraction = 0.7/);
    expect(() => logPolarRotationScale(ref, mov, r.n, r.n, { iterations: 0 })).toThrow(/iterations = 0/);
  });
});

describe('phaseCrossCorrelation normalization "none" (added for the log-polar spectra)', () => {
  it('plain cross-correlation finds a circular shift and differs from phase normalisation in its error', async () => {
    const { phaseCrossCorrelation } = await import('../phaseCrossCorrelation');
    const w = 40;
    const h = 30;
    const a = nmcCrop(220, 260, h, w);
    const b = new Float64Array(a.length);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) b[y * w + x] = a[((y + h - 4) % h) * w + ((x + 7) % w)];
    const plain = phaseCrossCorrelation(a, b, w, h, { normalization: 'none', upsampleFactor: 4 });
    const phase = phaseCrossCorrelation(a, b, w, h, { upsampleFactor: 4 });
    expect(plain.shift).toEqual([-4, 7]);
    expect(phase.shift).toEqual([-4, 7]);
    // Plain correlation of a circular shift is exact: the error vanishes.
    expect(plain.error).toBeLessThan(1e-6);
  });
});
