import { assertImageData, assertOut, type ImageData2D } from '../image/assertImageData';
import { fft1d } from '../fft/fft1d';
import { daubechiesFilters } from './daubechiesFilters';
import { dwt2, type Dwt2Result } from './dwt2';
import { idwt2 } from './idwt2';

export interface RemoveStripeWaveletFftOptions {
  /**
   * Number of decomposition levels; `null` = ⌈log2(max(height, width))⌉ (tomopy's default).
   * @default null
   */
  level?: number | null;
  /**
   * Daubechies wavelet, 'db1' … 'db10'.
   * @default 'db5'
   */
  wavelet?: string;
  /**
   * σ (frequency bins) of the damping of the vertical-detail spectrum along angles; larger removes
   * more.
   * @default 2
   */
  sigma?: number;
  /**
   * Zero-pad the angle axis by height/8 (split between both ends) against wrap-around.
   * @default true
   */
  pad?: boolean;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Combined wavelet–Fourier stripe removal of Münch et al., Opt. Express 17 (2009) 8567, as tomopy
 * `prep.stripe.remove_stripe_fw(tomo, level=None, wname='db5', sigma=2, pad=True)` on one sinogram
 * (angle on rows): `level` 2-D wavelet decompositions (`dwt2`, symmetric mode); the vertical-detail
 * band of each level is Fourier transformed along angles and multiplied by 1 − exp(−k²/2σ²) (k the
 * centred frequency index), which damps the stripes' (near-constant along angles) content; then the
 * image is reconstructed level by level (`idwt2`, cropping the approximation to the detail size).
 */
export function removeStripeWaveletFft(
  data: ImageData2D | Float64Array,
  width: number,
  height: number,
  options: RemoveStripeWaveletFftOptions = {},
): Float32Array {
  const sigma = options.sigma ?? 2;
  const pad = options.pad ?? true;
  const filters = daubechiesFilters(options.wavelet ?? 'db5');
  assertImageData('removeStripeWaveletFft', data, width, height);
  const level = options.level ?? Math.ceil(Math.log2(Math.max(width, height)));
  if (!Number.isInteger(level) || level < 1 || level > 30) {
    throw new RangeError(`removeStripeWaveletFft: level = ${level}, expected an integer from 1 to 30 (or null for automatic)`);
  }
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`removeStripeWaveletFft: sigma = ${sigma}, expected a finite number > 0`);
  assertOut('removeStripeWaveletFft', options.out, width * height);
  const nx = pad ? height + Math.floor(height / 8) : height;
  const shift = Math.floor((nx - height) / 2);
  let cur: Float64Array = new Float64Array(nx * width);
  for (let i = 0; i < height * width; i++) cur[shift * width + i] = data[i];
  let rows = nx;
  let cols = width;
  const levels: Dwt2Result[] = [];
  for (let n = 0; n < level; n++) {
    const c = dwt2(cur, rows, cols, filters);
    levels.push(c);
    cur = c.cA;
    rows = c.rows;
    cols = c.cols;
  }
  for (const c of levels) dampColumns(c.cV, c.rows, c.cols, sigma);
  for (let n = level - 1; n >= 0; n--) {
    const c = levels[n];
    // Crop the approximation to the detail bands' size (it can be one larger).
    const cA = new Float64Array(c.rows * c.cols);
    for (let y = 0; y < c.rows; y++) for (let x = 0; x < c.cols; x++) cA[y * c.cols + x] = cur[y * cols + x];
    const rec = idwt2({ ...c, cA }, filters);
    cur = rec.data;
    rows = rec.rows;
    cols = rec.cols;
  }
  const out = options.out ?? new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = cur[(y + shift) * cols + x];
  return out;
}

/** Multiplies the spectrum of every column (length `rows`) by 1 − exp(−k²/2σ²), k centred. */
function dampColumns(band: Float64Array, rows: number, cols: number, sigma: number): void {
  const damp = new Float64Array(rows);
  const half = Math.floor(rows / 2);
  for (let k = 0; k < rows; k++) {
    // Bin k sits at index (k + ⌊rows/2⌋) mod rows after fftshift, where tomopy's ŷ = i − (rows − 1)/2.
    const i = (k + half) % rows;
    const yHat = i - (rows - 1) / 2;
    damp[k] = -Math.expm1(-(yHat * yHat) / (2 * sigma * sigma));
  }
  const re = new Float64Array(rows);
  const im = new Float64Array(rows);
  for (let x = 0; x < cols; x++) {
    for (let y = 0; y < rows; y++) {
      re[y] = band[y * cols + x];
      im[y] = 0;
    }
    fft1d(re, im);
    for (let k = 0; k < rows; k++) {
      re[k] *= damp[k];
      im[k] *= damp[k];
    }
    fft1d(re, im, { inverse: true });
    for (let y = 0; y < rows; y++) band[y * cols + x] = re[y];
  }
}
