import { fft1d } from './fft1d';
import { fftColumns } from './fftColumns';

export interface Fft2dOptions {
  /**
   * Inverse transform, normalised by 1/(rows·cols) (as `numpy.fft.ifft2`).
   * @default false
   */
  inverse?: boolean;
}

/**
 * In-place 2-D complex DFT of a row-major `rows × cols` array (numpy.fft.fft2 convention):
 * 1-D transforms over every row, then over every column. Any sizes (see `fft1d`).
 */
export function fft2d(
  re: Float64Array,
  im: Float64Array,
  rows: number,
  cols: number,
  options: Fft2dOptions = {},
): void {
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1) {
    throw new RangeError(`fft2d: rows × cols = ${rows} × ${cols}, expected positive integers`);
  }
  if (re.length !== rows * cols || im.length !== rows * cols) {
    throw new RangeError(
      `fft2d: re/im have lengths ${re.length}/${im.length}, expected rows·cols = ${rows * cols}`,
    );
  }
  const opts = { inverse: options.inverse ?? false };
  if (cols > 1) {
    for (let r = 0; r < rows; r++) {
      // subarray views: no copy for rows.
      fft1d(re.subarray(r * cols, (r + 1) * cols), im.subarray(r * cols, (r + 1) * cols), opts);
    }
  }
  if (rows > 1) fftColumns(re, im, rows, cols, 0, cols, opts.inverse);
}
