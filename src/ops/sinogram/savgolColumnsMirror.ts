import { fft1d } from '../fft/fft1d';
import { savitzkyGolay } from '../spectrum/savitzkyGolay';

export interface SavgolColumnsMirrorOptions {
  /** Window length (odd, ≤ height). */
  windowLength: number;
  /** Polynomial order (< windowLength). */
  polyorder: number;
}

/**
 * Savitzky–Golay smoothing of every column of a row-major `height × width` array with mirrored
 * edges, as `scipy.signal.savgol_filter(mat, windowLength, polyorder, axis=0, mode='mirror')`.
 * The window's coefficients are the response of `savitzkyGolay` to a unit impulse; the correlation
 * is done by FFT (algotom fits with a window nearly as long as the column, so a direct sum would be
 * O(height²) per column).
 */
export function savgolColumnsMirror(
  data: ArrayLike<number>,
  width: number,
  height: number,
  options: SavgolColumnsMirrorOptions,
): Float64Array {
  const { windowLength: w, polyorder } = options;
  if (data.length !== width * height) throw new RangeError(`savgolColumnsMirror: data has ${data.length} values, expected ${width * height}`);
  if (!Number.isInteger(w) || w < 1 || w % 2 === 0 || w > height) {
    throw new RangeError(`savgolColumnsMirror: windowLength = ${w}, expected an odd integer from 1 to height (${height})`);
  }
  const h = (w - 1) / 2;
  // Impulse response at the centre of a 2w−1 signal: interior outputs w−1−j … give c_j.
  const impulse = new Float64Array(2 * w - 1);
  impulse[w - 1] = 1;
  const resp = savitzkyGolay(impulse, { windowLength: w, polyorder });
  const len = height + 2 * h;
  const kre = new Float64Array(len);
  const kim = new Float64Array(len);
  // Correlation weights c[k] for ext[i + k], k = 0…w−1: c_{k−h} = resp[w−1−(k−h)].
  for (let k = 0; k < w; k++) kre[k] = resp[w - 1 - (k - h)];
  fft1d(kre, kim);
  const re = new Float64Array(len);
  const im = new Float64Array(len);
  const out = new Float64Array(width * height);
  // Two real columns per complex transform (real kernel, conjugated: the result stays real).
  for (let x = 0; x < width; x += 2) {
    const x2 = x + 1 < width ? x + 1 : -1;
    for (let k = 0; k < len; k++) {
      let j = k - h;
      if (j < 0) j = -j;
      else if (j >= height) j = 2 * (height - 1) - j;
      re[k] = data[j * width + x];
      im[k] = x2 >= 0 ? data[j * width + x2] : 0;
    }
    fft1d(re, im);
    for (let k = 0; k < len; k++) {
      const a = re[k];
      const b = im[k];
      re[k] = a * kre[k] + b * kim[k];
      im[k] = b * kre[k] - a * kim[k];
    }
    fft1d(re, im, { inverse: true });
    for (let y = 0; y < height; y++) {
      out[y * width + x] = re[y];
      if (x2 >= 0) out[y * width + x2] = im[y];
    }
  }
  return out;
}
