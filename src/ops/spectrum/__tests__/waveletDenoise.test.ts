import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { waveletDenoise } from '../waveletDenoise';
import { waveletDenoiseFilters } from '../waveletDenoiseFilters';
import { waveletDenoiseWavedec } from '../waveletDenoiseWavedec';
import { waveletDenoiseWaverec } from '../waveletDenoiseWaverec';
import { lcg } from '../../image/__tests__/helpers';

/** Reference values of scripts/fixtures/denoise_wavelet.py (pywt 1.1.1, scikit-image 0.19). */
interface Fx {
  signals: Record<string, number[]>;
  decomp: { signal: string; wavelet: string; level: number; coeffs: number[][]; rec_error: number }[];
  cases: { signal: string; wavelet: string; method: 'BayesShrink' | 'VisuShrink'; sigma: number | null; out: number[] }[];
}
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const fx = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'denoise', 'wavelet.json'), 'utf8')) as Fx;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('wavedec / waverec against pywt (mode symmetric)', () => {
  for (const c of fx.decomp) {
    it(`${c.wavelet} level ${c.level} on ${c.signal}`, () => {
      const x = fx.signals[c.signal];
      const filters = waveletDenoiseFilters(c.wavelet);
      const got = waveletDenoiseWavedec(x, filters, c.level);
      expect(got.map((a) => a.length)).toEqual(c.coeffs.map((a) => a.length));
      for (let i = 0; i < got.length; i++) expect(maxAbsDiff(got[i], c.coeffs[i])).toBeLessThan(1e-12);
      // Perfect reconstruction (pywt's own error is ~1e-15).
      const rec = waveletDenoiseWaverec(got, filters).subarray(0, x.length);
      expect(maxAbsDiff(rec, x)).toBeLessThan(1e-12);
    });
  }

  it('sym8 filters are orthonormal (Σh² = 1, Σh = √2, even shifts orthogonal)', () => {
    const { decLo, decHi } = waveletDenoiseFilters('sym8');
    expect(decLo.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 12);
    expect(decLo.reduce((s, v) => s + v, 0)).toBeCloseTo(Math.SQRT2, 12);
    for (let shift = 2; shift < 16; shift += 2) {
      let s = 0;
      for (let k = 0; k + shift < 16; k++) s += decLo[k] * decLo[k + shift];
      expect(Math.abs(s)).toBeLessThan(1e-12);
    }
    expect(decLo.reduce((s, v, k) => s + v * decHi[k], 0)).toBeCloseTo(0, 12);
  });
});

describe('waveletDenoise against skimage.restoration.denoise_wavelet (1-D)', () => {
  for (const c of fx.cases) {
    it(`${c.wavelet} ${c.method} σ=${c.sigma ?? 'est'} on ${c.signal}`, () => {
      const x = fx.signals[c.signal];
      const got = waveletDenoise(x, { wavelet: c.wavelet, method: c.method, sigma: c.sigma });
      // Same sums in the same order up to filter-loop order: 1e-12 on values ≤ ~1.5.
      expect(maxAbsDiff(got, c.out)).toBeLessThan(1e-12);
    });
  }

  it('brings the noisy Cu spectrum closer to the clean one (noise rebuilt from the LCG)', () => {
    const x = fx.signals.cu_noisy;
    const noise = lcg(x.length, 4242).map((v) => 0.07 * v);
    const clean = x.map((v, i) => v - noise[i]);
    const rms = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v, i) => s + (v - clean[i]) ** 2, 0) / a.length);
    for (const method of ['BayesShrink', 'VisuShrink'] as const) expect(rms(waveletDenoise(x, { method }))).toBeLessThan(0.85 * rms(x));
  });

  it('keeps a constant and rejects bad options naming them', () => {
    expect(maxAbsDiff(waveletDenoise(new Float64Array(50).fill(2)), new Float64Array(50).fill(2))).toBeLessThan(1e-12);
    expect(() => waveletDenoise([1, 2, 3], { wavelet: 'coif1' })).toThrow(/wavelet = "coif1", expected one of db1/);
    expect(() => waveletDenoise([1, NaN, 3])).toThrow(/non-finite value \(NaN\) at index 1/);
    expect(() => waveletDenoise([1, 2, 3], { levels: 0 })).toThrow(/levels = 0, expected an integer ≥ 1/);
    expect(() => waveletDenoise([1, 2, 3], { sigma: -1 })).toThrow(/sigma = -1, expected a finite number ≥ 0/);
    expect(() => waveletDenoise([])).toThrow(/y is empty/);
  });
});
