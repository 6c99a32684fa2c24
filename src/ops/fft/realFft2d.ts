import { fftColumns } from './fftColumns';
import { interleavedFft } from './interleavedFft';

export interface RealFft2dOptions {
  /**
   * Write only the columns 0 … ⌊cols/2⌋ (the rest of the output is left as it was): for callers
   * that read only that half, e.g. phaseCrossCorrelation, which then skip the mirror pass.
   * @default false
   */
  halfOnly?: boolean;
}

/**
 * 2-D DFT of a real `rows × cols` image (numpy.fft.fft2 convention), returned as new float64
 * real and imaginary parts, or written into `out` (must not alias `data`) when the caller reuses
 * buffers. For reuse of one spectrum against many images (e.g. a reference frame).
 *
 * Real input costs about half a complex transform: two rows at a time go through one complex FFT
 * (z = row r + i·row r+1, split by Z[k] ± conj(Z[−k])), only the columns 0 … ⌊cols/2⌋ are
 * transformed, and the other half is filled from Hermitian symmetry X[r][c] = conj(X[−r][−c])
 * (skipped with `halfOnly`).
 */
export function realFft2d(
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  out?: { re: Float64Array; im: Float64Array },
  options: RealFft2dOptions = {},
): { re: Float64Array; im: Float64Array } {
  if (data.length !== rows * cols) throw new RangeError(`realFft2d: data has ${data.length} values, expected rows·cols = ${rows * cols}`);
  if (out && (out.re.length !== rows * cols || out.im.length !== rows * cols)) {
    throw new RangeError(`realFft2d: out.re/out.im have ${out.re.length}/${out.im.length} values, expected rows·cols = ${rows * cols}`);
  }
  // Every value of the output is written below, so a reused `out` needs no clearing.
  const re = out?.re ?? new Float64Array(rows * cols);
  const im = out?.im ?? new Float64Array(rows * cols);
  const half = (cols >> 1) + 1;
  // Rows are packed straight into the FFT's interleaved input and split straight out of its
  // output (no intermediate row copies: at 2048² those cost as much as a third of the row FFTs).
  const row = interleavedFft(cols);
  const z = row.input;
  for (let r = 0; r < rows; r += 2) {
    const a = r * cols;
    const two = r + 1 < rows;
    if (two) {
      for (let c = 0, b = a + cols; c < cols; c++) {
        z[2 * c] = data[a + c];
        z[2 * c + 1] = data[b + c];
      }
    } else {
      for (let c = 0; c < cols; c++) {
        z[2 * c] = data[a + c];
        z[2 * c + 1] = 0;
      }
    }
    const Z = row.transform();
    for (let k = 0; k < half; k++) {
      const nk = k === 0 ? 0 : cols - k;
      const pr = Z[2 * k];
      const pi = Z[2 * k + 1];
      const qr = Z[2 * nk];
      const qi = Z[2 * nk + 1];
      // Row r: (Z[k] + conj(Z[−k])) / 2; row r + 1: (Z[k] − conj(Z[−k])) / 2i.
      re[a + k] = 0.5 * (pr + qr);
      im[a + k] = 0.5 * (pi - qi);
      if (two) {
        re[a + cols + k] = 0.5 * (pi + qi);
        im[a + cols + k] = 0.5 * (qr - pr);
      }
    }
  }
  fftColumns(re, im, rows, cols, 0, half);
  if (options.halfOnly) return { re, im };
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    const mirror = ((rows - r) % rows) * cols + cols;
    for (let c = half; c < cols; c++) {
      re[row + c] = re[mirror - c];
      im[row + c] = -im[mirror - c];
    }
  }
  return { re, im };
}
