import { describe, expect, it } from 'vitest';
import { fft1d } from '../fft1d';
import { fft2d } from '../fft2d';
import { fft3d } from '../fft3d';
import { realFft2d } from '../realFft2d';
import { clearFftPlans, getFftPlan } from '../fftPlanCache';
import { fixtureF32, fixtureJson, lcg, maxAbsDiff } from '../../image/__tests__/helpers';

interface Fixture {
  fft1d: { n: number; seedRe: number; seedIm: number; re: number[]; im: number[] }[];
  fft2d: { rows: number; cols: number; seedRe: number; seedIm: number; file: string }[];
  fft3d: { depth: number; rows: number; cols: number; seedRe: number; seedIm: number; file: string }[];
}
const fx = fixtureJson<Fixture>('fft.json');

describe('fft1d against numpy.fft.fft', () => {
  for (const c of fx.fft1d) {
    it(`n = ${c.n}`, () => {
      const re = lcg(c.n, c.seedRe);
      const im = lcg(c.n, c.seedIm);
      fft1d(re, im);
      expect(maxAbsDiff(re, c.re)).toBeLessThan(1e-10 * Math.max(1, c.n));
      expect(maxAbsDiff(im, c.im)).toBeLessThan(1e-10 * Math.max(1, c.n));
    });
  }

  it('inverse returns the input for many lengths (powers of two, primes, composites)', () => {
    for (const n of [1, 2, 3, 5, 8, 12, 97, 100, 255, 256, 1000, 1024, 2039]) {
      const re0 = lcg(n, n);
      const im0 = lcg(n, n + 7);
      const re = re0.slice();
      const im = im0.slice();
      fft1d(re, im);
      fft1d(re, im, { inverse: true });
      expect(maxAbsDiff(re, re0)).toBeLessThan(1e-12 * Math.log2(n + 1) * 10);
      expect(maxAbsDiff(im, im0)).toBeLessThan(1e-12 * Math.log2(n + 1) * 10);
    }
  });

  it('Parseval: Σ|x|² = Σ|X|²/n for a Bluestein length', () => {
    const n = 1001;
    const re = lcg(n, 1);
    const im = lcg(n, 2);
    let e0 = 0;
    for (let i = 0; i < n; i++) e0 += re[i] ** 2 + im[i] ** 2;
    fft1d(re, im);
    let e1 = 0;
    for (let i = 0; i < n; i++) e1 += re[i] ** 2 + im[i] ** 2;
    expect(e1 / n).toBeCloseTo(e0, 9);
  });

  it('rejects mismatched lengths with a message naming the array', () => {
    expect(() => fft1d(new Float64Array(4), new Float64Array(3))).toThrow(/im has length 3, expected 4/);
    expect(() => fft1d(new Float64Array(0), new Float64Array(0))).toThrow(RangeError);
  });

  it('caches plans per length and can be cleared', () => {
    clearFftPlans();
    const p = getFftPlan(97);
    expect(getFftPlan(97)).toBe(p);
    expect(p.kind).toBe('bluestein');
    expect(getFftPlan(64).kind).toBe('pow2');
    expect(() => getFftPlan(0)).toThrow(/positive integer/);
  });
});

describe('fft2d against numpy.fft.fft2', () => {
  for (const c of fx.fft2d) {
    it(`${c.rows} × ${c.cols}`, () => {
      const n = c.rows * c.cols;
      const re = lcg(n, c.seedRe);
      const im = lcg(n, c.seedIm);
      const re0 = re.slice();
      const im0 = im.slice();
      fft2d(re, im, c.rows, c.cols);
      const ref = fixtureF32(c.file);
      let m = 0;
      let scale = 0;
      for (let i = 0; i < n; i++) {
        m = Math.max(m, Math.abs(re[i] - ref[2 * i]), Math.abs(im[i] - ref[2 * i + 1]));
        scale = Math.max(scale, Math.abs(ref[2 * i]), Math.abs(ref[2 * i + 1]));
      }
      // Reference stored as float32: relative 1e-6 of the largest coefficient.
      expect(m).toBeLessThan(1e-6 * scale);
      fft2d(re, im, c.rows, c.cols, { inverse: true });
      expect(maxAbsDiff(re, re0)).toBeLessThan(1e-12);
      expect(maxAbsDiff(im, im0)).toBeLessThan(1e-12);
    });
  }

  it('handles 1 × N and N × 1', () => {
    const a = lcg(7, 3);
    const b = a.slice();
    const ia = new Float64Array(7);
    const ib = new Float64Array(7);
    fft2d(a, ia, 1, 7);
    fft1d(b, ib);
    expect(maxAbsDiff(a, b)).toBe(0);
    const c = lcg(7, 3);
    const ic = new Float64Array(7);
    fft2d(c, ic, 7, 1);
    expect(maxAbsDiff(c, b)).toBeLessThan(1e-15);
  });

  it('rejects a size that does not match the arrays', () => {
    expect(() => fft2d(new Float64Array(6), new Float64Array(6), 2, 4)).toThrow(/expected rows·cols = 8/);
  });
});

describe('fft3d against numpy.fft.fftn', () => {
  for (const c of fx.fft3d) {
    it(`${c.depth} × ${c.rows} × ${c.cols} (z blocks of 16 with a partial one)`, () => {
      const n = c.depth * c.rows * c.cols;
      const re = lcg(n, c.seedRe);
      const im = lcg(n, c.seedIm);
      const re0 = re.slice();
      const im0 = im.slice();
      fft3d(re, im, c.depth, c.rows, c.cols);
      const ref = fixtureF32(c.file);
      let m = 0;
      let scale = 0;
      for (let i = 0; i < n; i++) {
        m = Math.max(m, Math.abs(re[i] - ref[2 * i]), Math.abs(im[i] - ref[2 * i + 1]));
        scale = Math.max(scale, Math.abs(ref[2 * i]), Math.abs(ref[2 * i + 1]));
      }
      // Reference stored as float32: relative 1e-6 of the largest coefficient.
      expect(m).toBeLessThan(1e-6 * scale);
      fft3d(re, im, c.depth, c.rows, c.cols, { inverse: true });
      expect(maxAbsDiff(re, re0)).toBeLessThan(1e-12);
      expect(maxAbsDiff(im, im0)).toBeLessThan(1e-12);
    });
  }

  it('is fft2d when depth is 1, and refuses sizes that do not match the arrays', () => {
    const a = lcg(35, 9);
    const b = a.slice();
    const ia = new Float64Array(35);
    const ib = new Float64Array(35);
    fft3d(a, ia, 1, 5, 7);
    fft2d(b, ib, 5, 7);
    expect(maxAbsDiff(a, b)).toBe(0);
    expect(() => fft3d(new Float64Array(8), new Float64Array(8), 2, 2, 3)).toThrow(/expected depth·rows·cols = 12/);
    expect(() => fft3d(new Float64Array(0), new Float64Array(0), 0, 2, 3)).toThrow(/depth = 0/);
  });
});

describe('realFft2d into caller buffers', () => {
  it('writes every value of a reused `out` (same as a fresh result), and checks its size', () => {
    const x = lcg(7 * 6, 11);
    const fresh = realFft2d(x, 7, 6);
    const out = { re: new Float64Array(42).fill(NaN), im: new Float64Array(42).fill(NaN) };
    const got = realFft2d(x, 7, 6, out);
    expect(got.re).toBe(out.re);
    expect(maxAbsDiff(got.re, fresh.re)).toBe(0);
    expect(maxAbsDiff(got.im, fresh.im)).toBe(0);
    expect(() => realFft2d(x, 7, 6, { re: new Float64Array(41), im: new Float64Array(42) })).toThrow(/out\.re\/out\.im have 41\/42 values, expected rows·cols = 42/);
  });
});
