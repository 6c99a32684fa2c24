import { describe, expect, it } from 'vitest';
import { hermitianCorrelationPeak } from '../hermitianCorrelationPeak';
import { realFft2d } from '../../fft/realFft2d';
import { lcg } from './helpers';

/** The reference: a full complex inverse DFT (direct sums), then the first maximum of |x|. */
function directPeak(re: Float64Array, im: Float64Array, rows: number, cols: number): { index: number; value: number } {
  let best = -1;
  let index = 0;
  let value = 0;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      let sr = 0;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const a = 2 * Math.PI * ((r * y) / rows + (c * x) / cols);
          sr += re[r * cols + c] * Math.cos(a) - im[r * cols + c] * Math.sin(a);
        }
      }
      const v = sr / (rows * cols);
      if (v * v > best) {
        best = v * v;
        index = y * cols + x;
        value = v;
      }
    }
  }
  return { index, value };
}

describe('hermitianCorrelationPeak', () => {
  // Even and odd sizes (Nyquist column/row present or not), an odd row count (a row left unpaired).
  for (const [rows, cols] of [[8, 8], [7, 9], [5, 6], [1, 7], [6, 1]] as const) {
    it(`finds the peak of ifft2 of a real image's spectrum, ${rows}×${cols}`, () => {
      const img = lcg(rows * cols, rows * 31 + cols);
      // A negative extreme checks that |x| (not x) is maximised and the sign is kept.
      img[(rows >> 1) * cols + (cols >> 1)] = -3;
      const { re, im } = realFft2d(img, rows, cols);
      const want = directPeak(re, im, rows, cols);
      const got = hermitianCorrelationPeak(re, im, rows, cols);
      expect(got.index).toBe(want.index);
      expect(got.value).toBeCloseTo(want.value, 12);
      expect(got.value).toBeCloseTo(-3, 12);
    });
  }
});
