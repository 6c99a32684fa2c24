import { assertImageData, assertOut, type ImageData2D } from '../image/assertImageData';
import { fft2d } from '../fft/fft2d';
import { savgolColumnsMirror } from './savgolColumnsMirror';

export interface RemoveStripeFittingOptions {
  /**
   * Order of the polynomial fitted along each column (angles).
   * @default 2
   */
  order?: number;
  /**
   * σ across columns of the 2-D Fourier Gaussian window; smaller is stronger.
   * @default 10
   */
  sigma?: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Fitting-based stripe removal, as algotom `prep.removal.remove_stripe_based_fitting(sinogram,
 * order=2, sigma=10, sort=False, num_chunk=1)` (Vo et al., Opt. Express 26 (2018) 28396,
 * algorithm 1): a polynomial is fitted along every column (Savitzky–Golay over the whole column,
 * mirrored edges), the fitted image is low-pass filtered in 2-D Fourier space (algotom
 * `apply_gaussian_filter`: edge padding across columns, mean padding along angles, Gaussian window
 * σx = sigma, σy = clip(min(60, ⌊0.1·width⌋), 10)), rescaled to the same mean |value|, and the
 * result is sinogram / fit × filtered fit. Sinogram values must be non-zero where the fit is zero.
 */
export function removeStripeFitting(
  data: ImageData2D | Float64Array,
  width: number,
  height: number,
  options: RemoveStripeFittingOptions = {},
): Float32Array {
  const order = options.order ?? 2;
  const sigma = options.sigma ?? 10;
  assertImageData('removeStripeFitting', data, width, height);
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`removeStripeFitting: sigma = ${sigma}, expected a finite number > 0`);
  const win = height % 2 === 1 ? height : height - 1;
  if (!Number.isInteger(order) || order < 0 || order >= win) {
    throw new RangeError(`removeStripeFitting: order = ${order}, expected an integer from 0 to ${win - 1} (window of ${win} rows)`);
  }
  assertOut('removeStripeFitting', options.out, width * height);
  const pad = Math.min(150, Math.floor(0.1 * height));
  const sigmaY = Math.max(10, Math.min(60, Math.floor(0.1 * width)));
  const fit = savgolColumnsMirror(data, width, height, { windowLength: win, polyorder: order });

  // Pad: columns by edge values, then rows by each padded column's mean (np.pad 'edge', 'mean').
  const pw = width + 2 * pad;
  const ph = height + 2 * pad;
  const re = new Float64Array(pw * ph);
  const im = new Float64Array(pw * ph);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < pw; x++) {
      const sx = Math.min(width - 1, Math.max(0, x - pad));
      re[(y + pad) * pw + x] = fit[y * width + sx];
    }
  }
  for (let x = 0; x < pw; x++) {
    let s = 0;
    for (let y = 0; y < height; y++) s += re[(y + pad) * pw + x];
    const mean = s / height;
    for (let y = 0; y < pad; y++) {
      re[y * pw + x] = mean;
      re[(ph - 1 - y) * pw + x] = mean;
    }
  }
  for (let y = 0; y < ph; y++) for (let x = 0; x < pw; x++) if ((x + y) % 2 === 1) re[y * pw + x] = -re[y * pw + x];
  fft2d(re, im, ph, pw);
  const cx = (pw - 1) / 2;
  const cy = (ph - 1) / 2;
  const wx = new Float64Array(pw);
  for (let x = 0; x < pw; x++) wx[x] = Math.exp(-((x - cx) ** 2) / (2 * sigma * sigma));
  for (let y = 0; y < ph; y++) {
    const wy = Math.exp(-((y - cy) ** 2) / (2 * sigmaY * sigmaY));
    for (let x = 0; x < pw; x++) {
      const w = wy * wx[x];
      re[y * pw + x] *= w;
      im[y * pw + x] *= w;
    }
  }
  fft2d(re, im, ph, pw, { inverse: true });
  const filt = new Float64Array(width * height);
  let sumFit = 0;
  let sumFilt = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const py = y + pad;
      const px = x + pad;
      const v = (px + py) % 2 === 1 ? -re[py * pw + px] : re[py * pw + px];
      filt[y * width + x] = v;
      sumFilt += Math.abs(v);
      sumFit += Math.abs(fit[y * width + x]);
    }
  }
  const scale = sumFit / sumFilt;
  const out = options.out ?? new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = (data[i] / fit[i]) * filt[i] * scale;
  return out;
}
