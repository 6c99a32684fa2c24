import { assertImageData, assertOut, type ImageData2D } from './assertImageData';
import { fft2d } from '../fft/fft2d';

export interface WienerDeconvolveOptions {
  /** Point-spread function, row-major `psfHeight × psfWidth` (usually normalised to sum 1). */
  psf: ArrayLike<number>;
  psfWidth: number;
  psfHeight: number;
  /**
   * Regularisation weight: balance between restoring detail (small) and smoothing noise (large).
   */
  balance: number;
  /**
   * Clip the result to [−1, 1] (skimage's default, meant for images scaled to that range).
   * @default true
   */
  clip?: boolean;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/** Transfer function of a small impulse response placed at the origin of a rows × cols grid (skimage `uft.ir2tf`). */
function transfer(ir: ArrayLike<number>, kw: number, kh: number, rows: number, cols: number): { re: Float64Array; im: Float64Array } {
  const re = new Float64Array(rows * cols);
  const im = new Float64Array(rows * cols);
  // np.roll by −floor(k/2) along each axis: element (y, x) lands at ((y − ⌊kh/2⌋) mod rows, …).
  const cy = Math.floor(kh / 2);
  const cx = Math.floor(kw / 2);
  for (let y = 0; y < kh; y++) {
    const ry = (y - cy + rows) % rows;
    for (let x = 0; x < kw; x++) re[ry * cols + ((x - cx + cols) % cols)] += ir[y * kw + x];
  }
  fft2d(re, im, rows, cols);
  return { re, im };
}

/**
 * Wiener–Hunt deconvolution with a Laplacian regulariser, as `skimage.restoration.wiener(image,
 * psf, balance, reg=None, is_real=True, clip)` (0.19): x = F⁻¹[ H* / (|H|² + balance·|Λ|²) · F(y) ],
 * H the transfer function of the PSF and Λ that of the 3 × 3 Laplacian [[0,−1,0],[−1,4,−1],[0,−1,0]],
 * both centred at the origin (periodic boundaries). The PSF must fit in the image. Float64.
 */
export function wienerDeconvolve(
  data: ImageData2D,
  width: number,
  height: number,
  options: WienerDeconvolveOptions,
): Float32Array {
  assertImageData('wienerDeconvolve', data, width, height);
  const { psf, psfWidth: kw, psfHeight: kh, balance } = options;
  const clip = options.clip ?? true;
  if (!Number.isInteger(kw) || kw < 1 || !Number.isInteger(kh) || kh < 1 || psf.length !== kw * kh) {
    throw new RangeError(`wienerDeconvolve: psf has ${psf.length} values for psfWidth × psfHeight = ${kw} × ${kh}, expected psfWidth·psfHeight`);
  }
  if (kw > width || kh > height) {
    throw new RangeError(`wienerDeconvolve: psf is ${kw} × ${kh}, expected at most the image size ${width} × ${height}`);
  }
  for (let i = 0; i < psf.length; i++) {
    if (!Number.isFinite(psf[i])) throw new RangeError(`wienerDeconvolve: psf has a non-finite value (${psf[i]}) at index ${i}`);
  }
  if (!(balance >= 0) || !Number.isFinite(balance)) throw new RangeError(`wienerDeconvolve: balance = ${balance}, expected a finite number ≥ 0`);
  const n = width * height;
  assertOut('wienerDeconvolve', options.out, n);
  const out = options.out ?? new Float32Array(n);

  const H = transfer(psf, kw, kh, height, width);
  const lap = height >= 3 && width >= 3 ? [0, -1, 0, -1, 4, -1, 0, -1, 0] : null;
  if (!lap) throw new RangeError(`wienerDeconvolve: image is ${width} × ${height}, expected at least 3 × 3 (Laplacian regulariser)`);
  const L = transfer(lap, 3, 3, height, width);
  const re = Float64Array.from(data);
  const im = new Float64Array(n);
  fft2d(re, im, height, width);
  for (let i = 0; i < n; i++) {
    const hr = H.re[i];
    const hi = H.im[i];
    const l = L.re[i]; // skimage keeps only the real part of the regulariser's transfer function
    const den = hr * hr + hi * hi + balance * l * l;
    // (hr − i·hi)/den · (a + i·b)
    const a = re[i];
    const b = im[i];
    re[i] = (hr * a + hi * b) / den;
    im[i] = (hr * b - hi * a) / den;
  }
  fft2d(re, im, height, width, { inverse: true });
  for (let i = 0; i < n; i++) {
    const v = re[i];
    out[i] = clip ? (v > 1 ? 1 : v < -1 ? -1 : v) : v;
  }
  return out;
}
