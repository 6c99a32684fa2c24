import { fftColumns } from '../fft/fftColumns';
import { interleavedFft } from '../fft/interleavedFft';

export interface CorrelationPeak {
  /** Row-major index of the first maximum of |x|. */
  index: number;
  /** x at that index (real). */
  value: number;
}

/**
 * Peak of x = ifft2(X) for a Hermitian `rows × cols` spectrum X (X[r][c] = conj(X[−r][−c]), the
 * spectrum of a real image), as numpy's `argmax(abs(ifft2(X)))` up to rounding. Only the columns
 * 0 … ⌊cols/2⌋ are read — and overwritten (inverse column transforms in place). Half the work of
 * a complex inverse: those columns are transformed, then two rows at a time go through one complex
 * inverse FFT (row r + i·row r+1, each extended by its Hermitian half), whose real and imaginary
 * parts are the two real rows. x is scanned row by row, never stored.
 */
export function hermitianCorrelationPeak(re: Float64Array, im: Float64Array, rows: number, cols: number): CorrelationPeak {
  const hc = (cols >> 1) + 1;
  fftColumns(re, im, rows, cols, 0, Math.min(hc, cols), true);
  // Inverse by conjugation, ifft(z) = conj(fft(conj(z)))/n, packed straight into the FFT's
  // interleaved input and scanned straight from its output (no row copies).
  const row = interleavedFft(cols);
  const z = row.input;
  const s = 1 / cols;
  let best = -1;
  let index = 0;
  let value = 0;
  for (let r = 0; r < rows; r += 2) {
    const a = r * cols;
    const b = r + 1 < rows ? a + cols : -1;
    for (let k = 0; k < cols; k++) {
      // Row values at k, from the stored half (k < hc) or as conj of the mirror (k ≥ hc).
      const j = k < hc ? k : cols - k;
      const sg = k < hc ? 1 : -1;
      const x1r = re[a + j];
      const x1i = sg * im[a + j];
      const x2r = b < 0 ? 0 : re[b + j];
      const x2i = b < 0 ? 0 : sg * im[b + j];
      // conj(row r + i·row r+1)
      z[2 * k] = x1r - x2i;
      z[2 * k + 1] = -(x1i + x2r);
    }
    const Z = row.transform();
    for (let k = 0; k < cols; k++) {
      const x = Z[2 * k] * s;
      const m = x * x;
      if (m > best) {
        best = m;
        index = a + k;
        value = x;
      }
    }
    if (b < 0) continue;
    for (let k = 0; k < cols; k++) {
      const x = -Z[2 * k + 1] * s;
      const m = x * x;
      if (m > best) {
        best = m;
        index = b + k;
        value = x;
      }
    }
  }
  return { index, value };
}
