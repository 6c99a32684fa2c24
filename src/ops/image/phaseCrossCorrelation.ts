import { realFft2d } from '../fft/realFft2d';
import { assertImageData, type ImageData2D } from './assertImageData';
import { hermitianCorrelationPeak } from './hermitianCorrelationPeak';
import { phaseCorrelationScratch } from './phaseCorrelationScratch';

export interface PhaseCrossCorrelationOptions {
  /**
   * Registration precision is 1/upsampleFactor pixel (integer ≥ 1). The refinement costs
   * O(1.5·u·(w·h + 1.5·u·h)), so keep it ≤ 100 on large images.
   * @default 1
   */
  upsampleFactor?: number;
  /**
   * Precomputed `realFft2d(reference)` to reuse when registering many frames to one reference
   * (the `reference` pixels are then only checked for size). Only its columns 0 … ⌊W/2⌋ are
   * read, so `realFft2d(reference, h, w, out, { halfOnly: true })` suffices.
   */
  referenceSpectrum?: { re: Float64Array; im: Float64Array };
  /**
   * 'phase': the cross-power spectrum is normalised to unit magnitude (phase correlation);
   * 'none': plain cross-correlation (skimage `normalization=None`, more robust on smooth
   * non-image data such as log-polar magnitude spectra).
   * @default 'phase'
   */
  normalization?: 'phase' | 'none';
}

export interface PhaseCrossCorrelationResult {
  /** Shift [dy, dx] (pixels) that registers the moving image onto the reference. */
  shift: [number, number];
  /** skimage's translation-invariant normalised RMS error. */
  error: number;
  /** Global phase difference of the correlation peak (radians). */
  phaseDiff: number;
}

const EPS = 2.220446049250313e-16;

/**
 * Sub-pixel translation between two images by phase correlation, as scikit-image 0.19
 * `phase_cross_correlation(reference, moving, upsample_factor=u)` (normalization='phase'):
 * R = F_ref·conj(F_mov) / max(|·|, 100·eps); integer peak of |ifft2(R)| (first maximum, shifts
 * above N/2 wrapped to negative); with u > 1 the peak is refined on a ceil(1.5u)² grid of
 * spacing 1/u by a matrix-multiply DFT around it (Guizar-Sicairos, Thurman & Fienup, Opt. Lett.
 * 33:156, 2008). Error and phase difference are computed exactly as skimage does (so the error
 * uses the normalised peak against raw image energies, as there).
 */
export function phaseCrossCorrelation(
  reference: ImageData2D,
  moving: ImageData2D,
  width: number,
  height: number,
  options: PhaseCrossCorrelationOptions = {},
): PhaseCrossCorrelationResult {
  const u = options.upsampleFactor ?? 1;
  assertImageData('phaseCrossCorrelation (reference)', reference, width, height, options.referenceSpectrum !== undefined);
  assertImageData('phaseCrossCorrelation (moving)', moving, width, height);
  if (!Number.isInteger(u) || u < 1) throw new RangeError(`phaseCrossCorrelation: upsampleFactor = ${u}, expected an integer ≥ 1`);
  const n = width * height;
  const normalize = (options.normalization ?? 'phase') === 'phase';
  const given = options.referenceSpectrum;
  if (given && (given.re.length !== n || given.im.length !== n)) {
    throw new RangeError(`phaseCrossCorrelation: referenceSpectrum has ${given.re.length}/${given.im.length} values, expected ${n}`);
  }
  // Reused planes (see phaseCorrelationScratch): the moving spectrum, and the reference spectrum
  // — or, when the caller gave it, room for the product. Every value read is written first.
  const [s0, s1, s2, s3] = phaseCorrelationScratch(n);
  // Only the columns 0 … ⌊W/2⌋ are read below, so the spectra skip their Hermitian mirror half.
  const half = { halfOnly: true };
  const { re: ar, im: ai } = given ?? realFft2d(reference, height, width, { re: s2, im: s3 }, half);
  const { re: br, im: bi } = realFft2d(moving, height, width, { re: s0, im: s1 }, half);
  let srcAmp = 0;
  let tgtAmp = 0;
  // The normalised product P is kept for the refinement: in place of our reference spectrum,
  // never in the caller's.
  const pr = given ? s2 : ar;
  const pi = given ? s3 : ai;
  // The moving spectrum is not needed after the product: the correlation is transformed in its place.
  const cr = br;
  const ci = bi;
  // Everything downstream reads only the columns 0 … ⌊W/2⌋ (the rest is their Hermitian mirror),
  // so only those are multiplied; a mirrored column's energy is counted twice instead.
  const hc = (width >> 1) + 1;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < hc; c++) {
      const i = r * width + c;
      const twice = c > 0 && 2 * c < width ? 2 : 1;
      srcAmp += twice * (ar[i] * ar[i] + ai[i] * ai[i]);
      tgtAmp += twice * (br[i] * br[i] + bi[i] * bi[i]);
      // a · conj(b), normalised to unit magnitude (phase correlation).
      const re = ar[i] * br[i] + ai[i] * bi[i];
      const im = ai[i] * br[i] - ar[i] * bi[i];
      const mag = normalize ? Math.max(Math.sqrt(re * re + im * im), 100 * EPS) : 1;
      // Kept for the refinement (pr, pi) and correlated (cr, ci).
      cr[i] = pr[i] = re / mag;
      ci[i] = pi[i] = im / mag;
    }
  }
  const { index: at, value: peak } = hermitianCorrelationPeak(cr, ci, height, width);
  let sy = Math.floor(at / width);
  let sx = at % width;
  if (sy > Math.trunc(height / 2)) sy -= height;
  if (sx > Math.trunc(width / 2)) sx -= width;
  let ccRe: number;
  let ccIm: number;
  let dy: number = sy;
  let dx: number = sx;
  if (u === 1) {
    // ifft2 of a Hermitian product is real (numpy's imaginary part is rounding noise).
    ccRe = peak;
    ccIm = 0;
    srcAmp /= n;
    tgtAmp /= n;
  } else {
    const region = Math.ceil(u * 1.5);
    const dftShift = Math.trunc(region / 2);
    const up = upsampledCorrelation(pr, pi, width, height, region, u, dftShift - sy * u, dftShift - sx * u);
    let m2 = -1;
    let k = 0;
    for (let i = 0; i < region * region; i++) {
      const m = up.re[i] * up.re[i] + up.im[i] * up.im[i];
      if (m > m2) {
        m2 = m;
        k = i;
      }
    }
    ccRe = up.re[k];
    ccIm = up.im[k];
    dy = sy + (Math.floor(k / region) - dftShift) / u;
    dx = sx + ((k % region) - dftShift) / u;
  }
  if (height === 1) dy = 0;
  if (width === 1) dx = 0;
  const error = Math.sqrt(Math.abs(1 - (ccRe * ccRe + ccIm * ccIm) / (srcAmp * tgtAmp)));
  return { shift: [dy, dx], error, phaseDiff: Math.atan2(ccIm, ccRe) };
}

/**
 * Cross-correlation on a `region × region` grid of spacing 1/u whose first sample sits at
 * (−offY, −offX)/u: `conj(DFT_u(conj(P)))`, i.e. the inverse DFT of P evaluated off-grid,
 * computed as two small matrix products (columns, then rows) instead of a u-times padded FFT.
 */
function upsampledCorrelation(
  pr: Float64Array,
  pi: Float64Array,
  width: number,
  height: number,
  region: number,
  u: number,
  offY: number,
  offX: number,
): { re: Float64Array; im: Float64Array } {
  // Along x: t[i][r] = Σ_c exp(+2πi (i − offX) f_c) · P[r][c], with f_c = fftfreq(width, u).
  // P is Hermitian (P[r][W−c] = conj(P[−r][c]): both images are real; only columns ≤ W/2 are
  // stored and read), and f_{W−c} = −f_c below Nyquist, so the paired columns
  // c and W−c give A_r + conj(A_{−r}) with A_r = Σ_{0<c<W/2} E_c·P[r][c]: half the work.
  const fx = freqs(width, u);
  const fy = freqs(height, u);
  const half = Math.ceil(width / 2); // paired columns are 1 … half − 1
  const kxr = new Float64Array(region * half);
  const kxi = new Float64Array(region * half);
  for (let i = 0; i < region; i++) {
    for (let c = 0; c < half; c++) {
      const a = 2 * Math.PI * (i - offX) * fx[c];
      kxr[i * half + c] = Math.cos(a);
      kxi[i * half + c] = Math.sin(a);
    }
  }
  const ar = new Float64Array(height * region);
  const ai = new Float64Array(height * region);
  for (let r = 0; r < height; r++) {
    const row = r * width;
    let i = 0;
    // Three kernel rows per pass over P's row: each P value is loaded once for three sums.
    for (; i + 2 < region; i += 3) {
      let s0r = 0, s0i = 0, s1r = 0, s1i = 0, s2r = 0, s2i = 0; // prettier-ignore
      const k0 = i * half;
      const k1 = k0 + half;
      const k2 = k1 + half;
      for (let c = 1; c < half; c++) {
        const xr = pr[row + c];
        const xi = pi[row + c];
        let a = kxr[k0 + c];
        let b = kxi[k0 + c];
        s0r += a * xr - b * xi;
        s0i += a * xi + b * xr;
        a = kxr[k1 + c];
        b = kxi[k1 + c];
        s1r += a * xr - b * xi;
        s1i += a * xi + b * xr;
        a = kxr[k2 + c];
        b = kxi[k2 + c];
        s2r += a * xr - b * xi;
        s2i += a * xi + b * xr;
      }
      const o = r * region + i;
      ar[o] = s0r;
      ai[o] = s0i;
      ar[o + 1] = s1r;
      ai[o + 1] = s1i;
      ar[o + 2] = s2r;
      ai[o + 2] = s2i;
    }
    for (; i < region; i++) {
      let sr = 0;
      let si = 0;
      const kr = i * half;
      for (let c = 1; c < half; c++) {
        const a = kxr[kr + c];
        const b = kxi[kr + c];
        const xr = pr[row + c];
        const xi = pi[row + c];
        sr += a * xr - b * xi;
        si += a * xi + b * xr;
      }
      ar[r * region + i] = sr;
      ai[r * region + i] = si;
    }
  }
  // Unpaired columns: 0, and Nyquist (W/2) for even widths, whose frequency has no positive twin.
  const nyq = width % 2 === 0 && width > 1 ? width / 2 : -1;
  const tr = new Float64Array(height * region);
  const ti = new Float64Array(height * region);
  for (let r = 0; r < height; r++) {
    const m = ((height - r) % height) * region;
    const p0r = pr[r * width];
    const p0i = pi[r * width];
    for (let i = 0; i < region; i++) {
      // exp(2πi·(i − offX)·0) = 1 for column 0.
      let sr = p0r + ar[r * region + i] + ar[m + i];
      let si = p0i + ai[r * region + i] - ai[m + i];
      if (nyq > 0) {
        const a0 = 2 * Math.PI * (i - offX) * fx[nyq];
        const a = Math.cos(a0);
        const b = Math.sin(a0);
        const xr = pr[r * width + nyq];
        const xi = pi[r * width + nyq];
        sr += a * xr - b * xi;
        si += a * xi + b * xr;
      }
      tr[r * region + i] = sr;
      ti[r * region + i] = si;
    }
  }
  // Along y: out[j][i] = Σ_r exp(+2πi (j − offY) f_r) · t[r][i].
  const re = new Float64Array(region * region);
  const im = new Float64Array(region * region);
  for (let j = 0; j < region; j++) {
    for (let r = 0; r < height; r++) {
      const a0 = 2 * Math.PI * (j - offY) * fy[r];
      const a = Math.cos(a0);
      const b = Math.sin(a0);
      const base = r * region;
      const o = j * region;
      for (let i = 0; i < region; i++) {
        const xr = tr[base + i];
        const xi = ti[base + i];
        re[o + i] += a * xr - b * xi;
        im[o + i] += a * xi + b * xr;
      }
    }
  }
  return { re, im };
}

/** numpy.fft.fftfreq(n, d): [0, 1, …, ⌊(n−1)/2⌋, −⌊n/2⌋, …, −1] / (d·n). */
function freqs(n: number, d: number): Float64Array {
  const f = new Float64Array(n);
  for (let k = 0; k < n; k++) f[k] = (k <= (n - 1) / 2 ? k : k - n) / (d * n);
  return f;
}
