import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bilateralFilter } from '../bilateralFilter';
import { nlMeansDenoise } from '../nlMeansDenoise';
import { tvDenoiseChambolle } from '../tvDenoiseChambolle';
import { richardsonLucy } from '../richardsonLucy';
import { wienerDeconvolve } from '../wienerDeconvolve';
import { gaussianPsf } from '../gaussianPsf';
import { sameConvolver } from '../sameConvolver';
import { readTiff } from '../../io/tiff/readTiff';
import { fixtureBytes, lcg, maxAbsDiff, ROOT } from './helpers';

/** Reference values of scripts/fixtures/denoise_restoration.py (scikit-image 0.19). */
type P = Record<string, number | null>;
interface Fx {
  crop: { y0: number; x0: number; h: number; w: number };
  cases: { op: string; params: P; file: string }[];
  small: { op: string; params: P; h: number; w: number; seed: number; out: number[] }[];
}
const DIR = join(ROOT, 'test', 'fixtures', 'denoise');
const fx = JSON.parse(readFileSync(join(DIR, 'restoration.json'), 'utf8')) as Fx;

function f32(name: string): Float32Array {
  const b = readFileSync(join(DIR, name));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** The crop of nmc_1.tif, min–max rescaled to [0, 1] in float64 as the script does. */
function crop(): Float64Array {
  const { y0, x0, h, w } = fx.crop;
  const img = readTiff(fixtureBytes('nmc_1.tif'), 'nmc_1.tif');
  const out = new Float64Array(h * w);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = img.data[(y0 + y) * img.width + x0 + x];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of out) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] - lo) / (hi - lo);
  return out;
}

function run(op: string, p: P, x: Float64Array, w: number, h: number): Float32Array {
  const num = (k: string) => p[k] as number;
  const opt = (k: string) => (p[k] === undefined ? undefined : (p[k] as number));
  switch (op) {
    case 'bilateral':
      return bilateralFilter(x, w, h, { sigmaColor: p.sigmaColor, sigmaSpatial: num('sigmaSpatial'), winSize: opt('winSize'), bins: opt('bins') });
    case 'nlmeans':
      return nlMeansDenoise(x, w, h, { h: num('h'), sigma: num('sigma'), patchSize: opt('patchSize'), patchDistance: opt('patchDistance') });
    case 'tv':
      return tvDenoiseChambolle(x, w, h, { weight: num('weight'), eps: opt('eps'), maxIter: opt('maxIter') });
    case 'rl':
    case 'wiener': {
      const k = num('psfSize');
      const psf = gaussianPsf({ size: k, sigma: num('psfSigma') });
      return op === 'rl'
        ? richardsonLucy(x, w, h, { psf, psfWidth: k, psfHeight: k, numIter: num('numIter'), filterEpsilon: opt('filterEpsilon') })
        : wienerDeconvolve(x, w, h, { psf, psfWidth: k, psfHeight: k, balance: num('balance') });
    }
    default:
      throw new Error(op);
  }
}

// Tolerances: references are stored as float32 (relative 6e-8 of values ≤ ~1.3), our results are
// float32 of float64 sums: 3e-7 covers two roundings. NL-means reorders no sums (same loops as
// skimage) but its fast exp is quantised: identical inputs give identical weights. Richardson–Lucy
// and Wiener use FFT convolution where scipy may use direct sums (≈1e−15 relative), amplified by
// the iterations / the inverse filter: 1e-5 allows that, far below the changes the methods make.
const TOL: Record<string, number> = { bilateral: 3e-7, nlmeans: 3e-7, tv: 3e-7, rl: 1e-5, wiener: 1e-5 };

describe('restoration ops against scikit-image 0.19 on the real NMC crop (64×80, rescaled)', () => {
  const x = crop();
  const { h, w } = fx.crop;
  // The deconvolution input: the crop blurred by a 7×7 σ=1.5 Gaussian, here by FFT.
  const blurred = new Float64Array(h * w);
  sameConvolver(gaussianPsf({ size: 7, sigma: 1.5 }), 7, 7, w, h)(x, blurred);

  it('sameConvolver (direct and FFT) equals scipy.signal.convolve(mode="same") (blurred input of the deconvolutions)', () => {
    expect(maxAbsDiff(blurred, f32('blurred.f32'))).toBeLessThanOrEqual(1e-7);
    for (const method of ['direct', 'fft'] as const) {
      const b = new Float64Array(h * w);
      sameConvolver(gaussianPsf({ size: 7, sigma: 1.5 }), 7, 7, w, h, { method })(x, b);
      expect(maxAbsDiff(b, f32('blurred.f32'))).toBeLessThanOrEqual(1e-7);
      expect(maxAbsDiff(b, blurred)).toBeLessThan(1e-13);
    }
  });

  it('sameConvolver: direct (general and separable) and FFT agree for even, non-square kernels and kernels larger than the image', () => {
    for (const [kw, kh, W, H] of [[4, 6, 9, 7], [5, 3, 2, 3], [1, 1, 5, 4]]) {
      const k = lcg(kw * kh, kw * 10 + kh);
      const src = lcg(W * H, 77);
      const a = new Float64Array(W * H);
      const b = new Float64Array(W * H);
      sameConvolver(k, kw, kh, W, H, { method: 'direct' })(src, a);
      sameConvolver(k, kw, kh, W, H, { method: 'fft' })(src, b);
      expect(maxAbsDiff(a, b)).toBeLessThan(1e-14);
    }
    // Outer-product kernels take the separable path (rows, then columns): same result as FFT.
    for (const [kw, kh, W, H] of [[4, 6, 9, 7], [5, 3, 2, 3], [7, 1, 6, 5]]) {
      const u = lcg(kh, kh + 3);
      const v = lcg(kw, kw + 5);
      const k = Float64Array.from({ length: kw * kh }, (_, i) => u[Math.floor(i / kw)] * v[i % kw]);
      const src = lcg(W * H, 78);
      const a = new Float64Array(W * H);
      const b = new Float64Array(W * H);
      sameConvolver(k, kw, kh, W, H, { method: 'direct' })(src, a);
      sameConvolver(k, kw, kh, W, H, { method: 'fft' })(src, b);
      expect(maxAbsDiff(a, b)).toBeLessThan(1e-14);
      // In place (dst = src), as Richardson–Lucy calls it.
      sameConvolver(k, kw, kh, W, H, { method: 'direct' })(src, src);
      expect(maxAbsDiff(src, b)).toBeLessThan(1e-14);
    }
    // Identity kernel.
    const src = lcg(12, 5);
    const out = new Float64Array(12);
    sameConvolver([0, 0, 0, 0, 1, 0, 0, 0, 0], 3, 3, 4, 3)(src, out);
    expect(maxAbsDiff(out, src)).toBe(0);
  });

  for (const c of fx.cases) {
    it(`${c.op} ${JSON.stringify(c.params)}`, () => {
      const input = c.params.offset ? x.map((v) => v + (c.params.offset as number)) : c.op === 'rl' || c.op === 'wiener' ? blurred : x;
      const got = run(c.op, c.params, input, w, h);
      const ref = f32(c.file);
      expect(maxAbsDiff(got, ref)).toBeLessThanOrEqual(TOL[c.op]);
      // The method changed the image (the test could fail): output differs from input by far more.
      expect(maxAbsDiff(got, input)).toBeGreaterThan(100 * TOL[c.op]);
    });
  }
});

describe('restoration ops on small images (1×17, 7×5, 5×1, 2×3)', () => {
  for (const c of fx.small) {
    it(`${c.op} on ${c.h}×${c.w}`, () => {
      const x = lcg(c.h * c.w, c.seed).map((v) => v + 0.5);
      expect(maxAbsDiff(run(c.op, c.params, x, c.w, c.h), c.out)).toBeLessThanOrEqual(Math.max(TOL[c.op], 1e-6));
    });
  }
});

describe('deconvolution of a synthetic blurred image (analytic cases)', () => {
  const N = 32;
  const k = 7;
  const psf = gaussianPsf({ size: k, sigma: 1 });
  const c = (k - 1) / 2;
  // Point sources and a bright square on a dim background.
  const truth = new Float64Array(N * N).fill(0.1);
  truth[8 * N + 8] = 1;
  truth[20 * N + 12] = 0.8;
  for (let y = 14; y < 20; y++) for (let x = 20; x < 26; x++) truth[y * N + x] = 0.6;

  it('Wiener with balance 0 inverts a periodic blur exactly', () => {
    // Circular convolution with the PSF centred at the origin (the model skimage's wiener assumes).
    const blurred = new Float64Array(N * N);
    for (let y = 0; y < N; y++) {
      for (let x = 0; x < N; x++) {
        let s = 0;
        for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) s += psf[a * k + b] * truth[((y - a + c + N) % N) * N + ((x - b + c + N) % N)];
        blurred[y * N + x] = s;
      }
    }
    const got = wienerDeconvolve(blurred, N, N, { psf, psfWidth: k, psfHeight: k, balance: 0 });
    expect(maxAbsDiff(got, truth)).toBeLessThan(1e-5);
    expect(maxAbsDiff(blurred, truth)).toBeGreaterThan(0.5);
  });

  it('Richardson–Lucy concentrates a blurred point source back towards its pixel', () => {
    const blurred = new Float64Array(N * N);
    sameConvolver(psf, k, k, N, N)(truth, blurred);
    const before = blurred[8 * N + 8];
    const got = richardsonLucy(blurred, N, N, { psf, psfWidth: k, psfHeight: k, numIter: 50, clip: false });
    expect(got[8 * N + 8]).toBeGreaterThan(2 * before);
    // Interior flux is kept (RL preserves Σ for a normalised PSF away from the borders).
    let sGot = 0;
    let sTruth = 0;
    for (let y = 5; y < 12; y++) {
      for (let x = 5; x < 12; x++) {
        sGot += got[y * N + x];
        sTruth += truth[y * N + x];
      }
    }
    expect(Math.abs(sGot - sTruth) / sTruth).toBeLessThan(0.05);
    // The error to the truth shrinks compared with the blurred image (away from the zero-padded borders).
    let eBlur = 0;
    let eGot = 0;
    for (let y = 6; y < N - 6; y++) {
      for (let x = 6; x < N - 6; x++) {
        const i = y * N + x;
        eBlur += (blurred[i] - truth[i]) ** 2;
        eGot += (got[i] - truth[i]) ** 2;
      }
    }
    expect(eGot).toBeLessThan(0.7 * eBlur);
  });

  it('gaussianPsf sums to 1 and is symmetric, peak between pixels for even sizes', () => {
    const p = gaussianPsf({ size: 6, sigma: 1.3 });
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(p[0]).toBeCloseTo(p[35], 15);
    expect(p[2 * 6 + 2]).toBeCloseTo(p[3 * 6 + 3], 15);
  });
});

describe('preconditions name the parameter, value and expectation', () => {
  const img = new Float64Array(20);
  const psf = gaussianPsf({ size: 3, sigma: 1 });
  it('rejects bad parameters', () => {
    expect(() => bilateralFilter(img, 5, 4, { sigmaSpatial: 0 })).toThrow(/sigmaSpatial = 0, expected a finite number > 0/);
    expect(() => bilateralFilter(img, 5, 4, { winSize: 4 })).toThrow(/winSize = 4, expected an odd integer/);
    expect(() => nlMeansDenoise(img, 5, 4, { h: -1 })).toThrow(/h = -1, expected a finite number > 0/);
    expect(() => nlMeansDenoise(img, 5, 4, { h: 1, patchDistance: 0 })).toThrow(/patchDistance = 0, expected an integer ≥ 1/);
    expect(() => tvDenoiseChambolle(img, 5, 4, { weight: 0 })).toThrow(/weight = 0, expected a finite number > 0/);
    expect(() => tvDenoiseChambolle(img, 5, 4, { maxIter: 1.5 })).toThrow(/maxIter = 1.5, expected an integer ≥ 1/);
    expect(() => richardsonLucy(img, 5, 4, { psf, psfWidth: 2, psfHeight: 3 })).toThrow(/psf has 9 values for psfWidth × psfHeight = 2 × 3/);
    expect(() => richardsonLucy(img, 5, 4, { psf, psfWidth: 3, psfHeight: 3, numIter: -1 })).toThrow(/numIter = -1/);
    expect(() => wienerDeconvolve(img, 5, 4, { psf: gaussianPsf({ size: 5, sigma: 1 }), psfWidth: 5, psfHeight: 5, balance: 0.1 })).toThrow(
      /psf is 5 × 5, expected at most the image size 5 × 4/,
    );
    expect(() => wienerDeconvolve(img, 5, 4, { psf, psfWidth: 3, psfHeight: 3, balance: -1 })).toThrow(/balance = -1, expected a finite number ≥ 0/);
    expect(() => gaussianPsf({ size: 0, sigma: 1 })).toThrow(/size = 0, expected an integer ≥ 1/);
    const nan = new Float64Array(20);
    nan[7] = NaN;
    expect(() => tvDenoiseChambolle(nan, 5, 4)).toThrow(/non-finite value \(NaN\) at row 1, column 2/);
    expect(() => bilateralFilter(img, 5, 4, { out: new Float32Array(3) })).toThrow(/out has 3 values, expected 20/);
  });

  it('a flat image passes bilateral unchanged; TV and NL-means keep a constant image', () => {
    const flat = new Float64Array(20).fill(3);
    expect(Array.from(bilateralFilter(flat, 5, 4))).toEqual(Array(20).fill(3));
    expect(maxAbsDiff(tvDenoiseChambolle(flat, 5, 4), flat)).toBe(0);
    expect(maxAbsDiff(nlMeansDenoise(flat, 5, 4, { h: 0.1 }), flat)).toBeLessThan(1e-6);
  });
});
