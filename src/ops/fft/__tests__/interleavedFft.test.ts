import { describe, expect, it } from 'vitest';
import { fft1d } from '../fft1d';
import { fft2d } from '../fft2d';
import { interleavedFft } from '../interleavedFft';
import { realFft2d } from '../realFft2d';
import { lcg, maxAbsDiff } from '../../image/__tests__/helpers';

// fft1d and fft2d are checked against numpy.fft fixtures in fft.test.ts; they are the references here.

describe('interleavedFft', () => {
  for (const n of [1, 2, 16, 12, 7]) {
    it(`n = ${n} (${(n & (n - 1)) === 0 ? 'fft.js plan' : 'Bluestein through fft1d'}) equals fft1d`, () => {
      const re = lcg(n, 3);
      const im = lcg(n, 4);
      const f = interleavedFft(n);
      for (let k = 0; k < n; k++) {
        f.input[2 * k] = re[k];
        f.input[2 * k + 1] = im[k];
      }
      const out = f.transform();
      fft1d(re, im);
      const gotRe = new Float64Array(n);
      const gotIm = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        gotRe[k] = out[2 * k];
        gotIm[k] = out[2 * k + 1];
      }
      expect(maxAbsDiff(gotRe, re)).toBeLessThan(1e-12);
      expect(maxAbsDiff(gotIm, im)).toBeLessThan(1e-12);
    });
  }
});

describe('realFft2d against fft2d of the same real image', () => {
  // Even/odd row counts (the last row unpaired), power-of-two and Bluestein widths, single rows/columns.
  for (const [rows, cols] of [[8, 16], [7, 8], [5, 6], [6, 9], [1, 8], [8, 1]] as const) {
    it(`${rows} × ${cols}: full spectrum, and halfOnly writes the same columns 0 … ⌊cols/2⌋ and nothing else`, () => {
      const x = lcg(rows * cols, 21);
      const re = Float64Array.from(x);
      const im = new Float64Array(rows * cols);
      fft2d(re, im, rows, cols);
      const full = realFft2d(x, rows, cols);
      expect(maxAbsDiff(full.re, re)).toBeLessThan(1e-9);
      expect(maxAbsDiff(full.im, im)).toBeLessThan(1e-9);
      const half = realFft2d(x, rows, cols, { re: new Float64Array(rows * cols).fill(NaN), im: new Float64Array(rows * cols).fill(NaN) }, { halfOnly: true });
      const hc = (cols >> 1) + 1;
      for (let i = 0; i < rows * cols; i++) {
        if (i % cols < hc) {
          expect(half.re[i]).toBe(full.re[i]);
          expect(half.im[i]).toBe(full.im[i]);
        } else {
          expect(half.re[i]).toBeNaN();
          expect(half.im[i]).toBeNaN();
        }
      }
    });
  }
});
