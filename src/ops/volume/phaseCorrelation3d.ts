import { fft3d } from '../fft/fft3d';
import type { ImageData2D } from '../image/assertImageData';
import { assertVolumeData } from './assertVolumeData';

export interface PhaseCorrelation3dOptions {
  /**
   * Registration precision is 1/upsampleFactor voxel (integer ≥ 1); the refinement costs about
   * 1.5·u·(d·h·w) operations.
   * @default 1
   */
  upsampleFactor?: number;
}

export interface PhaseCorrelation3dResult {
  /** Shift [dz, dy, dx] (voxels) that registers the moving volume onto the reference. */
  shift: [number, number, number];
  /** skimage's translation-invariant normalised RMS error. */
  error: number;
  /** Global phase difference of the correlation peak (radians). */
  phaseDiff: number;
}

const EPS = 2.220446049250313e-16;

/**
 * 3-D translation between two volumes by phase correlation, as scikit-image 0.19
 * `phase_cross_correlation(reference, moving, upsample_factor=u)` on 3-D arrays: normalised
 * cross-power spectrum R = F_ref·conj(F_mov)/max(|·|, 100·eps), integer peak of |ifftn(R)| (shifts
 * above n/2 wrapped), then with u > 1 the peak refined on a ceil(1.5u)³ grid of spacing 1/u by
 * three matrix-multiply DFTs (Guizar-Sicairos, Thurman & Fienup, Opt. Lett. 33:156, 2008). The 3-D
 * FFT is `fft3d` (any sizes).
 */
export function phaseCorrelation3d(
  reference: ImageData2D,
  moving: ImageData2D,
  width: number,
  height: number,
  depth: number,
  options: PhaseCorrelation3dOptions = {},
): PhaseCorrelation3dResult {
  const u = options.upsampleFactor ?? 1;
  assertVolumeData('phaseCorrelation3d (reference)', reference, width, height, depth);
  assertVolumeData('phaseCorrelation3d (moving)', moving, width, height, depth);
  if (!Number.isInteger(u) || u < 1) throw new RangeError(`phaseCorrelation3d: upsampleFactor = ${u}, expected an integer ≥ 1`);
  const n = width * height * depth;
  const a = fftn(reference, width, height, depth);
  const b = fftn(moving, width, height, depth);
  let srcAmp = 0;
  let tgtAmp = 0;
  const pr = new Float64Array(n);
  const pi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ar = a.re[i];
    const ai = a.im[i];
    const br = b.re[i];
    const bi = b.im[i];
    srcAmp += ar * ar + ai * ai;
    tgtAmp += br * br + bi * bi;
    const re = ar * br + ai * bi;
    const im = ai * br - ar * bi;
    const mag = Math.max(Math.sqrt(re * re + im * im), 100 * EPS);
    pr[i] = re / mag;
    pi[i] = im / mag;
  }
  const cr = pr.slice();
  const ci = pi.slice();
  fft3d(cr, ci, depth, height, width, { inverse: true });
  return locateCorrelationPeak3d({ pr, pi, cr, ci, srcAmp, tgtAmp }, width, height, depth, u);
}

/** The spectra `locateCorrelationPeak3d` works from (any backend may compute them). */
export interface CrossCorrelation3d {
  /** Normalised cross-power spectrum R (real, imaginary parts). */
  pr: ArrayLike<number>;
  pi: ArrayLike<number>;
  /** Its inverse 3-D DFT, the correlation volume. */
  cr: ArrayLike<number>;
  ci: ArrayLike<number>;
  /** Σ|F_ref|² and Σ|F_mov|² over all frequencies. */
  srcAmp: number;
  tgtAmp: number;
}

/**
 * Integer peak of |correlation| (shifts above n/2 wrapped) and, with u > 1, its upsampled-DFT
 * refinement; the second half of `phaseCorrelation3d`, split off so that the FFTs can run on a
 * compute backend (`src/compute/phaseCorrelation3dOnBackend.ts`).
 */
export function locateCorrelationPeak3d(c: CrossCorrelation3d, width: number, height: number, depth: number, u: number): PhaseCorrelation3dResult {
  const { pr, pi, cr, ci } = c;
  const n = width * height * depth;
  let { srcAmp, tgtAmp } = c;
  let best = -1;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const m = cr[i] * cr[i] + ci[i] * ci[i];
    if (m > best) {
      best = m;
      at = i;
    }
  }
  const plane = width * height;
  const peak = [Math.floor(at / plane), Math.floor((at % plane) / width), at % width];
  const dims = [depth, height, width];
  for (let k = 0; k < 3; k++) if (peak[k] > Math.trunc(dims[k] / 2)) peak[k] -= dims[k];
  const shift: [number, number, number] = [peak[0], peak[1], peak[2]];
  let ccRe = cr[at];
  let ccIm = ci[at];
  if (u === 1) {
    srcAmp /= n;
    tgtAmp /= n;
  } else {
    const region = Math.ceil(u * 1.5);
    const dftShift = Math.trunc(region / 2);
    const offs = peak.map((p) => dftShift - p * u);
    const up = upsampledDft3d(pr, pi, dims, region, u, offs);
    let m2 = -1;
    let k = 0;
    for (let i = 0; i < up.re.length; i++) {
      const m = up.re[i] * up.re[i] + up.im[i] * up.im[i];
      if (m > m2) {
        m2 = m;
        k = i;
      }
    }
    ccRe = up.re[k];
    ccIm = up.im[k];
    const idx = [Math.floor(k / (region * region)), Math.floor((k % (region * region)) / region), k % region];
    for (let d = 0; d < 3; d++) shift[d] = peak[d] + (idx[d] - dftShift) / u;
  }
  for (let d = 0; d < 3; d++) if (dims[d] === 1) shift[d] = 0;
  const error = Math.sqrt(Math.abs(1 - (ccRe * ccRe + ccIm * ccIm) / (srcAmp * tgtAmp)));
  return { shift, error, phaseDiff: Math.atan2(ccIm, ccRe) };
}

function fftn(v: ImageData2D, width: number, height: number, depth: number): { re: Float64Array; im: Float64Array } {
  const re = Float64Array.from(v);
  const im = new Float64Array(re.length);
  fft3d(re, im, depth, height, width);
  return { re, im };
}

/**
 * Inverse DFT of P evaluated on a region³ grid of spacing 1/u whose first sample sits at −off/u
 * along each axis: out[k][j][i] = Σ P[z][y][x]·exp(+2πi((k − offZ)f_z + (j − offY)f_y + (i − offX)f_x)),
 * as three small matrix products (x, then y, then z).
 */
function upsampledDft3d(pr: ArrayLike<number>, pi: ArrayLike<number>, dims: number[], region: number, u: number, offs: number[]): { re: Float64Array; im: Float64Array } {
  const [D, H, W] = dims;
  const kernel = (len: number, off: number) => {
    const kr = new Float64Array(region * len);
    const ki = new Float64Array(region * len);
    for (let i = 0; i < region; i++) {
      for (let c = 0; c < len; c++) {
        const f = (c <= (len - 1) / 2 ? c : c - len) / (u * len);
        const ang = 2 * Math.PI * (i - off) * f;
        kr[i * len + c] = Math.cos(ang);
        ki[i * len + c] = Math.sin(ang);
      }
    }
    return { kr, ki };
  };
  // Contract the last axis of a (lines × len) array with a (region × len) kernel → (lines × region),
  // then rotate axes so the next contraction is again over the last axis: result laid out (region, lines).
  const contract = (xr: ArrayLike<number>, xi: ArrayLike<number>, lines: number, len: number, k: { kr: Float64Array; ki: Float64Array }) => {
    const or = new Float64Array(region * lines);
    const oi = new Float64Array(region * lines);
    for (let l = 0; l < lines; l++) {
      const base = l * len;
      for (let i = 0; i < region; i++) {
        let sr = 0;
        let si = 0;
        const kb = i * len;
        for (let c = 0; c < len; c++) {
          const a = k.kr[kb + c];
          const b = k.ki[kb + c];
          const vr = xr[base + c];
          const vi = xi[base + c];
          sr += a * vr - b * vi;
          si += a * vi + b * vr;
        }
        or[i * lines + l] = sr;
        oi[i * lines + l] = si;
      }
    }
    return { re: or, im: oi };
  };
  // (D, H, W) → contract W → (Rx, D, H) → contract H → (Ry, Rx, D) → contract D → (Rz, Ry, Rx).
  const s1 = contract(pr, pi, D * H, W, kernel(W, offs[2]));
  const s2 = contract(s1.re, s1.im, region * D, H, kernel(H, offs[1]));
  return contract(s2.re, s2.im, region * region, D, kernel(D, offs[0]));
}
