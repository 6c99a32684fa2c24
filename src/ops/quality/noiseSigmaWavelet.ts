import { assertImageData, type ImageData2D } from '../image/assertImageData';
import { medianInPlace } from './medianInPlace';

/** pywt `Wavelet('db2').dec_hi`, the Daubechies-2 decomposition high-pass filter. */
const DB2_HI = [-0.48296291314453416, 0.8365163037378079, -0.2241438680420134, -0.12940952255126037];
/** Φ⁻¹(0.75) = `scipy.stats.norm.ppf(0.75)`: median(|N(0,1)|). */
const NORM_PPF_075 = 0.6744897501960817;

/**
 * Noise standard deviation from the finest diagonal wavelet details (Donoho & Johnstone,
 * Biometrika 81:425, 1994), as `skimage.restoration.estimate_sigma(image)` (scikit-image 0.19):
 * one level of `pywt.dwtn(image, 'db2')` with symmetric (half-sample) extension, the HH detail
 * band, coefficients exactly 0 dropped, σ = median(|HH|) / Φ⁻¹(0.75). Robust to image structure
 * because edges make few large HH coefficients. Returns 0 when every coefficient is 0.
 */
export function noiseSigmaWavelet(data: ImageData2D, width: number, height: number): number {
  assertImageData('noiseSigmaWavelet', data, width, height);
  const L = DB2_HI.length;
  // pywt output length per axis: floor((n + L − 1) / 2); d[i] = Σ_j h[j]·x[sym(2i + 1 − j)].
  const ow = (width + L - 1) >> 1;
  const oh = (height + L - 1) >> 1;
  const sym = (k: number, n: number): number => {
    for (;;) {
      if (k < 0) k = -k - 1;
      else if (k >= n) k = 2 * n - 1 - k;
      else return k;
    }
  };
  // Rows first: high-pass along x for every row, into an oh-independent buffer height × ow.
  const rowsHi = new Float64Array(height * ow);
  const idx = new Int32Array(ow * L);
  for (let i = 0; i < ow; i++) for (let j = 0; j < L; j++) idx[i * L + j] = sym(2 * i + 1 - j, width);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let i = 0; i < ow; i++) {
      let acc = 0;
      for (let j = 0; j < L; j++) acc += DB2_HI[j] * data[row + idx[i * L + j]];
      rowsHi[y * ow + i] = acc;
    }
  }
  // Then along y, keeping |HH| (non-zero) for the median.
  const abs = new Float64Array(oh * ow);
  let n = 0;
  for (let i = 0; i < oh; i++) {
    const r = [0, 1, 2, 3].map((j) => sym(2 * i + 1 - j, height) * ow);
    for (let x = 0; x < ow; x++) {
      let acc = 0;
      for (let j = 0; j < L; j++) acc += DB2_HI[j] * rowsHi[r[j] + x];
      if (acc !== 0) abs[n++] = Math.abs(acc);
    }
  }
  if (n === 0) return 0;
  return medianInPlace(abs.subarray(0, n)) / NORM_PPF_075;
}
