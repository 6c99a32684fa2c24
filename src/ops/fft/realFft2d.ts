import { fft2d } from './fft2d';

/**
 * 2-D DFT of a real `rows × cols` image (numpy.fft.fft2 convention), returned as new float64
 * real and imaginary parts. For reuse of one spectrum against many images (e.g. a reference frame).
 */
export function realFft2d(data: ArrayLike<number>, rows: number, cols: number): { re: Float64Array; im: Float64Array } {
  if (data.length !== rows * cols) throw new RangeError(`realFft2d: data has ${data.length} values, expected rows·cols = ${rows * cols}`);
  const re = Float64Array.from(data);
  const im = new Float64Array(re.length);
  fft2d(re, im, rows, cols);
  return { re, im };
}
