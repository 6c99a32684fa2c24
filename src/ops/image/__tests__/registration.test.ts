import { describe, expect, it } from 'vitest';
import { phaseCrossCorrelation } from '../phaseCrossCorrelation';
import { fourierShift } from '../fourierShift';
import { bilinearShift } from '../bilinearShift';
import { hannWindow2d } from '../hannWindow2d';
import { realFft2d } from '../../fft/realFft2d';
import { fixtureBytes, fixtureF32, fixtureJson, lcg, maxAbsDiff } from './helpers';

interface Res { upsample: number; shift: number[]; error: number; phasediff: number }
interface Fx {
  appliedShift: number[];
  crop: { file: string; shifted: string; h: number; w: number; results: Res[] };
  rect: { file: string; y0: number; x0: number; h: number; w: number; shifted: string; appliedShift: number[]; results: Res[] };
}
const fx = fixtureJson<Fx>('registration.json');
const camera = fixtureBytes(fx.crop.file);

describe('phaseCrossCorrelation against skimage 0.19', () => {
  const shifted = fixtureF32(fx.crop.shifted);
  for (const r of fx.crop.results) {
    it(`camera crop 128×128, upsample ${r.upsample} → [${r.shift.join(', ')}]`, () => {
      const got = phaseCrossCorrelation(camera, shifted, fx.crop.w, fx.crop.h, { upsampleFactor: r.upsample });
      expect(got.shift[0]).toBeCloseTo(r.shift[0], 9);
      expect(got.shift[1]).toBeCloseTo(r.shift[1], 9);
      expect(got.error).toBeCloseTo(r.error, 9);
      expect(got.phaseDiff).toBeCloseTo(r.phasediff, 6);
    });
  }

  it('odd, non-square 77×91 (Bluestein lengths)', () => {
    const ref = fixtureBytes(fx.rect.file);
    const sh = fixtureF32(fx.rect.shifted);
    for (const r of fx.rect.results) {
      const got = phaseCrossCorrelation(ref, sh, fx.rect.w, fx.rect.h, { upsampleFactor: r.upsample });
      expect(got.shift[0]).toBeCloseTo(r.shift[0], 9);
      expect(got.shift[1]).toBeCloseTo(r.shift[1], 9);
      expect(got.error).toBeCloseTo(r.error, 9);
    }
  });

  it('a precomputed reference spectrum gives the same result', () => {
    const spec = realFft2d(camera, 128, 128);
    const a = phaseCrossCorrelation(camera, shifted, 128, 128, { upsampleFactor: 10 });
    const b = phaseCrossCorrelation(camera, shifted, 128, 128, { upsampleFactor: 10, referenceSpectrum: spec });
    expect(b).toEqual(a);
  });

  it("reuses its scratch planes without touching the caller's spectrum or leaking between calls", () => {
    const spec = realFft2d(camera, 128, 128);
    const copy = { re: spec.re.slice(), im: spec.im.slice() };
    const first = phaseCrossCorrelation(camera, shifted, 128, 128, { upsampleFactor: 10, referenceSpectrum: spec });
    expect(spec).toEqual(copy);
    // Another size in between (the planes are replaced), then the same pair again.
    phaseCrossCorrelation(new Float32Array(12).map((_, i) => i % 5), new Float32Array(12).map((_, i) => (i + 1) % 5), 4, 3);
    expect(phaseCrossCorrelation(camera, shifted, 128, 128, { upsampleFactor: 10 })).toEqual(first);
  });

  it('rejects bad input naming it', () => {
    const a = new Float32Array(16);
    expect(() => phaseCrossCorrelation(a, a, 4, 4, { upsampleFactor: 0 })).toThrow(/upsampleFactor = 0, expected an integer ≥ 1/);
    expect(() => phaseCrossCorrelation(a, new Float32Array(15), 4, 4)).toThrow(/\(moving\): data has 15 values/);
  });
});

describe('fourierShift', () => {
  it('reproduces scipy.ndimage.fourier_shift on the camera crop', () => {
    const got = fourierShift(camera, 128, 128, { dy: fx.appliedShift[0], dx: fx.appliedShift[1] });
    expect(maxAbsDiff(got, fixtureF32(fx.crop.shifted))).toBeLessThan(1e-3);
  });
  it('integer shift is a circular roll', () => {
    const x = Float32Array.from(lcg(6 * 5, 3));
    const got = fourierShift(x, 5, 6, { dy: 2, dx: -1 });
    for (let y = 0; y < 6; y++)
      for (let c = 0; c < 5; c++) expect(got[y * 5 + c]).toBeCloseTo(x[((y - 2 + 6) % 6) * 5 + ((c + 1) % 5)], 5);
  });
});

describe('bilinearShift against scipy.ndimage.shift(order=1, mode="constant")', () => {
  const b = fixtureJson<{ h: number; w: number; seed: number; cases: { shift: number[]; fill: number; out: number[] }[] }>(
    'bilinear_shift.json',
  );
  const x = lcg(b.h * b.w, b.seed);
  for (const c of b.cases) {
    it(`shift ${c.shift.join(', ')}`, () => {
      const got = bilinearShift(x, b.w, b.h, { dy: c.shift[0], dx: c.shift[1], fill: c.fill });
      expect(maxAbsDiff(got, c.out)).toBeLessThan(1e-6);
    });
  }
});

describe('hannWindow2d', () => {
  it('is the outer product of symmetric Hann windows (scipy.signal.windows.hann(n, sym=True))', () => {
    const w = hannWindow2d(5, 3);
    const hx = [0, 0.5, 1, 0.5, 0];
    const hy = [0, 1, 0];
    for (let y = 0; y < 3; y++) for (let x = 0; x < 5; x++) expect(w[y * 5 + x]).toBeCloseTo(hy[y] * hx[x], 15);
    expect(Array.from(hannWindow2d(1, 1))).toEqual([1]);
    expect(() => hannWindow2d(0, 2)).toThrow(/width = 0, expected a positive integer/);
  });
});
