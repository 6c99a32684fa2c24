import { fft1d } from './fft1d';
import { fftColumns } from './fftColumns';

/**
 * 2-D DFT of a real `rows × cols` image (numpy.fft.fft2 convention), returned as new float64
 * real and imaginary parts, or written into `out` (must not alias `data`) when the caller reuses
 * buffers. For reuse of one spectrum against many images (e.g. a reference frame).
 *
 * Real input costs about half a complex transform: two rows at a time go through one complex FFT
 * (z = row r + i·row r+1, split by Z[k] ± conj(Z[−k])), only the columns 0 … ⌊cols/2⌋ are
 * transformed, and the other half is filled from Hermitian symmetry X[r][c] = conj(X[−r][−c]).
 */
export function realFft2d(
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  out?: { re: Float64Array; im: Float64Array },
): { re: Float64Array; im: Float64Array } {
  if (data.length !== rows * cols) throw new RangeError(`realFft2d: data has ${data.length} values, expected rows·cols = ${rows * cols}`);
  if (out && (out.re.length !== rows * cols || out.im.length !== rows * cols)) {
    throw new RangeError(`realFft2d: out.re/out.im have ${out.re.length}/${out.im.length} values, expected rows·cols = ${rows * cols}`);
  }
  // Every value of the output is written below, so a reused `out` needs no clearing.
  const re = out?.re ?? new Float64Array(rows * cols);
  const im = out?.im ?? new Float64Array(rows * cols);
  const half = (cols >> 1) + 1;
  const zr = new Float64Array(cols);
  const zi = new Float64Array(cols);
  for (let r = 0; r < rows; r += 2) {
    const a = r * cols;
    const two = r + 1 < rows;
    for (let c = 0; c < cols; c++) {
      zr[c] = data[a + c];
      zi[c] = two ? data[a + cols + c] : 0;
    }
    fft1d(zr, zi);
    for (let k = 0; k < half; k++) {
      const nk = k === 0 ? 0 : cols - k;
      const pr = zr[k];
      const pi = zi[k];
      const qr = zr[nk];
      const qi = zi[nk];
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
