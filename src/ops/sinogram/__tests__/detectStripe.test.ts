import { describe, expect, it } from 'vitest';
import { detectStripe } from '../detectStripe';
import { medianFilterRows } from '../medianFilterRows';
import { sortColumns } from '../sortColumns';
import { unsortColumns } from '../unsortColumns';
import { countStripes } from '../countStripes';
import { removeStripeSorting } from '../removeStripeSorting';
import { removeStripeFiltering } from '../removeStripeFiltering';
import { removeStripeFitting } from '../removeStripeFitting';
import { removeLargeStripe } from '../removeLargeStripe';
import { removeDeadStripe } from '../removeDeadStripe';
import { removeAllStripe } from '../removeAllStripe';
import { removeStripeWaveletFft } from '../removeStripeWaveletFft';
import { lcg } from '../../image/__tests__/helpers';
import { meta, sinogram } from './ringsHelpers';

describe('detectStripe (algotom util.detect_stripe)', () => {
  it('flags outliers above and below a noisy flat profile, nothing in pure noise', () => {
    const list = Float64Array.from(lcg(200, 7), (v) => 1 + 0.01 * v);
    expect(detectStripe(list).reduce((s, v) => s + v, 0)).toBe(0);
    list[20] = 1.2;
    list[21] = 1.15;
    list[150] = 0.8;
    const mask = detectStripe(list, { snr: 3 });
    expect([...mask].flatMap((v, i) => (v ? [i] : []))).toEqual([20, 21, 150]);
    // Less sensitive: 1.15 is ~15 noise widths off, 1.2 ~20: snr 35 keeps neither.
    expect(detectStripe(list, { snr: 35 }).reduce((s, v) => s + v, 0)).toBe(0);
  });
  it('a flat (noise-free) profile has no stripes; bad snr is refused', () => {
    expect(detectStripe(new Float64Array(50).fill(2)).every((v) => v === 0)).toBe(true);
    expect(() => detectStripe(new Float64Array(50), { snr: 0 })).toThrow(/snr = 0, expected a finite number > 0/);
  });
});

describe('column sorting and 1-D median', () => {
  it('unsortColumns inverts sortColumns; columns come out ascending', () => {
    const w = 7;
    const h = 11;
    const x = Float64Array.from(lcg(w * h, 3), (v) => Math.round(v * 8));
    const { sorted, index } = sortColumns(x, w, h);
    for (let c = 0; c < w; c++) for (let y = 1; y < h; y++) expect(sorted[y * w + c]).toBeGreaterThanOrEqual(sorted[(y - 1) * w + c]);
    expect([...unsortColumns(sorted, index, w, h)]).toEqual([...x]);
  });
  it('medianFilterRows equals a brute-force reflect-mode median', () => {
    const w = 13;
    const h = 3;
    const x = Float64Array.from(lcg(w * h, 11), (v) => Math.round(v * 6) + 0);
    for (const size of [1, 3, 5, 21]) {
      const got = medianFilterRows(x, w, h, { size });
      const r = (size - 1) / 2;
      for (let y = 0; y < h; y++) {
        for (let c = 0; c < w; c++) {
          const win: number[] = [];
          for (let k = -r; k <= r; k++) {
            let j = (((c + k) % (2 * w)) + 2 * w) % (2 * w);
            if (j >= w) j = 2 * w - 1 - j;
            win.push(x[y * w + j]);
          }
          win.sort((a, b) => a - b);
          expect(got[y * w + c]).toBe(win[r]);
        }
      }
    }
  });
});

describe('stripe count before / after removal on the real sarepy sinogram', () => {
  const s = sinogram();
  const count = (d: ArrayLike<number>) => countStripes(Float64Array.from(d), s.width, s.height);
  it('counts the reference number of stripe columns before (38)', () => {
    expect(meta.counts.full_before).toBe(38);
    expect(count(s.data)).toBe(38);
  });
  const after: [string, () => Float32Array][] = [
    ['sorting', () => removeStripeSorting(s.data, s.width, s.height)],
    ['filtering', () => removeStripeFiltering(s.data, s.width, s.height)],
    ['fitting', () => removeStripeFitting(s.data, s.width, s.height)],
    ['large', () => removeLargeStripe(s.data, s.width, s.height)],
    ['dead', () => removeDeadStripe(s.data, s.width, s.height)],
    ['all', () => removeAllStripe(s.data, s.width, s.height)],
    ['wavelet_fft', () => removeStripeWaveletFft(s.data, s.width, s.height)],
  ];
  for (const [name, run] of after) {
    it(`${name}: fewer stripes, as the reference (${meta.counts.full_after[name]})`, () => {
      const n = count(run());
      expect(n).toBe(meta.counts.full_after[name]);
      expect(n).toBeLessThan(38);
    });
  }
  it('large, dead, combined: none left; Münch: at most 3', () => {
    expect(meta.counts.full_after.all).toBe(0);
    expect(meta.counts.full_after.large).toBe(0);
    expect(meta.counts.full_after.dead).toBe(0);
    expect(meta.counts.full_after.wavelet_fft).toBeLessThanOrEqual(3);
  });
});
