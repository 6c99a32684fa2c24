import { fft1d } from '../fft/fft1d';

export interface SeparateFrequencyOptions {
  /** Standard deviation (in frequency bins) of the Gaussian low-pass window. */
  sigma: number;
}

/**
 * Splits every column of a row-major `height × width` array into a low- and a high-frequency part
 * (low + high = input), as algotom `util.separate_frequency_component(mat, axis=0,
 * window={'name': 'gaussian', 'sigma': sigma})`: each column is padded by reflection (no edge
 * repeat) by min(150, ⌊0.1·height⌋) at both ends, multiplied by (−1)^k (centres the spectrum),
 * Fourier transformed, multiplied by `scipy.signal.windows.gaussian(L, sigma)`, transformed back and
 * demodulated; the real part over the original rows is the low part.
 */
export function separateFrequency(
  data: ArrayLike<number>,
  width: number,
  height: number,
  options: SeparateFrequencyOptions,
): { low: Float64Array; high: Float64Array } {
  const { sigma } = options;
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`separateFrequency: sigma = ${sigma}, expected a finite number > 0`);
  if (data.length !== width * height) throw new RangeError(`separateFrequency: data has ${data.length} values, expected ${width * height}`);
  const pad = Math.min(150, Math.floor(0.1 * height));
  const len = height + 2 * pad;
  const window = new Float64Array(len);
  const c = (len - 1) / 2;
  for (let k = 0; k < len; k++) window[k] = Math.exp(-0.5 * ((k - c) / sigma) ** 2);
  const re = new Float64Array(len);
  const im = new Float64Array(len);
  const low = new Float64Array(width * height);
  const high = new Float64Array(width * height);
  for (let x = 0; x < width; x++) {
    for (let k = 0; k < len; k++) {
      let j = k - pad;
      if (j < 0) j = -j;
      else if (j >= height) j = 2 * (height - 1) - j;
      re[k] = k % 2 === 0 ? data[j * width + x] : -data[j * width + x];
      im[k] = 0;
    }
    fft1d(re, im);
    for (let k = 0; k < len; k++) {
      re[k] *= window[k];
      im[k] *= window[k];
    }
    fft1d(re, im, { inverse: true });
    for (let y = 0; y < height; y++) {
      const k = y + pad;
      const v = k % 2 === 0 ? re[k] : -re[k];
      low[y * width + x] = v;
      high[y * width + x] = data[y * width + x] - v;
    }
  }
  return { low, high };
}
