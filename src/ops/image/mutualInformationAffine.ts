import { assertImageData, type ImageData2D } from './assertImageData';
import { mutualInformation } from './mutualInformation';
import { warpAffine } from './warpAffine';

export interface MutualInformationAffineOptions {
  /**
   * Transform searched: 'rigid-scale' (rotation, isotropic scale, translation: 4 parameters) or
   * 'affine' (all 6).
   * @default 'rigid-scale'
   */
  model?: 'rigid-scale' | 'affine';
  /** Histogram bins of the MI (Mattes Parzen histogram). @default 32 */
  bins?: number;
  /**
   * Pyramid levels: level k works on images reduced 2^k times (2×2 means), coarsest first; the
   * coarse levels find large motions, the finest refines.
   * @default 3
   */
  levels?: number;
  /** Nelder–Mead evaluations allowed per level. @default 400 */
  maxEvaluations?: number;
}

export interface MutualInformationAffineResult {
  /**
   * Inverse map for `warpAffine` (`[a, b, c, d, e, f]`, rows/columns): warping the moving image with
   * it registers it onto the fixed image.
   */
  matrix: [number, number, number, number, number, number];
  /** Rotation (degrees, counter-clockwise as displayed) and isotropic scale of the moving image, from the matrix's polar part. */
  angle: number;
  scale: number;
  /** MI (nats) at the identity and at the solution, on the finest level. */
  miBefore: number;
  miAfter: number;
  /** Cost evaluations used in all. */
  evaluations: number;
}

/**
 * Multimodal affine registration by maximising mutual information (Viola & Wells, IJCV 24:137,
 * 1997; Maes et al., IEEE TMI 16:187, 1997) with a Mattes Parzen-window histogram
 * (`mutualInformation`), over a Gaussian-free mean pyramid, coarse to fine, each level optimised by
 * Nelder–Mead (Lagarias et al. 1998 coefficients) from the previous level's solution. The moving
 * image is warped bilinearly about the frame centre: x_mov = c + A·(x − c) + t, with A = s·R(θ)
 * ('rigid-scale') or any 2×2 matrix ('affine'); pixels that come from outside are left out of the
 * histogram. As in SimpleITK/elastix, the parameters are scaled so that one unit moves corner pixels
 * by about one pixel.
 */
export function mutualInformationAffine(
  fixed: ImageData2D,
  moving: ImageData2D,
  width: number,
  height: number,
  options: MutualInformationAffineOptions = {},
): MutualInformationAffineResult {
  const model = options.model ?? 'rigid-scale';
  const bins = options.bins ?? 32;
  const levels = options.levels ?? 3;
  const maxEvaluations = options.maxEvaluations ?? 400;
  assertImageData('mutualInformationAffine (fixed)', fixed, width, height);
  assertImageData('mutualInformationAffine (moving)', moving, width, height);
  if (model !== 'rigid-scale' && model !== 'affine') throw new RangeError(`mutualInformationAffine: model = ${String(model)}, expected 'rigid-scale' or 'affine'`);
  if (!Number.isInteger(levels) || levels < 1 || levels > 8) throw new RangeError(`mutualInformationAffine: levels = ${levels}, expected an integer in 1…8`);
  if (!Number.isInteger(maxEvaluations) || maxEvaluations < 10) throw new RangeError(`mutualInformationAffine: maxEvaluations = ${maxEvaluations}, expected an integer ≥ 10`);
  if (Math.min(width, height) >> (levels - 1) < 8) {
    throw new RangeError(`mutualInformationAffine: levels = ${levels} reduces ${width}×${height} below 8 pixels, expected fewer levels`);
  }
  // Pyramid, finest first.
  const pyr: { f: Float64Array; m: Float64Array; w: number; h: number }[] = [{ f: Float64Array.from(fixed), m: Float64Array.from(moving), w: width, h: height }];
  for (let k = 1; k < levels; k++) {
    const p = pyr[k - 1];
    pyr.push({ f: halve(p.f, p.w, p.h), m: halve(p.m, p.w, p.h), w: p.w >> 1, h: p.h >> 1 });
  }
  // Parameters (at full resolution): A (a11, a12, a21, a22) in (y, x) order, t (ty, tx) in pixels.
  let A = [1, 0, 0, 1];
  let t = [0, 0];
  let evaluations = 0;
  const matrixOf = (A: number[], t: number[], w: number, h: number, f: number): [number, number, number, number, number, number] => {
    const cy = (h - 1) / 2;
    const cx = (w - 1) / 2;
    // x_mov = c + A(x − c) + t/f  (translation given in full-resolution pixels).
    return [A[0], A[1], cy + t[0] / f - A[0] * cy - A[1] * cx, A[2], A[3], cx + t[1] / f - A[2] * cy - A[3] * cx];
  };
  const costAt = (lvl: number, A: number[], t: number[]): number => {
    const p = pyr[lvl];
    const warped = warpAffine(p.m, p.w, p.h, { matrix: matrixOf(A, t, p.w, p.h, 2 ** lvl), order: 1, fill: NaN });
    evaluations++;
    return -mutualInformation(p.f, warped, { bins, parzen: true });
  };
  for (let lvl = levels - 1; lvl >= 0; lvl--) {
    const p = pyr[lvl];
    const f = 2 ** lvl;
    const r = 0.5 * Math.hypot(p.w, p.h);
    // Unit steps: angle/scale/shear by 1/r (one pixel at the corners of this level), translation one pixel of this level.
    const base = { A: A.slice(), t: t.slice() };
    const decode = (q: number[]): { A: number[]; t: number[] } => {
      if (model === 'rigid-scale') {
        const th = q[0] / r;
        const s = 1 + q[1] / r;
        const c = Math.cos(th) * s;
        const sn = Math.sin(th) * s;
        // Compose with the previous level's A: A_new = (s R(θ)) · A_base, rotation counter-clockwise as displayed.
        const R = [c, sn, -sn, c];
        return { A: mul2(R, base.A), t: [base.t[0] + q[2] * f, base.t[1] + q[3] * f] };
      }
      const D = [1 + q[0] / r, q[1] / r, q[2] / r, 1 + q[3] / r];
      return { A: mul2(D, base.A), t: [base.t[0] + q[4] * f, base.t[1] + q[5] * f] };
    };
    const dims = model === 'rigid-scale' ? 4 : 6;
    const best = nelderMead((q) => {
      const d = decode(q);
      return costAt(lvl, d.A, d.t);
    }, new Array<number>(dims).fill(0), lvl === levels - 1 ? 4 : 1.5, maxEvaluations);
    ({ A, t } = decode(best));
  }
  const identityCost = costAt(0, [1, 0, 0, 1], [0, 0]);
  const finalCost = costAt(0, A, t);
  const det = A[0] * A[3] - A[1] * A[2];
  return {
    matrix: matrixOf(A, t, width, height, 1),
    // A maps fixed to moving coordinates; a moving image rotated by θ (counter-clockwise as displayed,
    // skimage.transform.rotate) and magnified by s has A = s·[[cos θ, −sin θ], [sin θ, cos θ]] in (y, x).
    angle: (Math.atan2(A[2] - A[1], A[0] + A[3]) * 180) / Math.PI,
    scale: Math.sqrt(Math.abs(det)),
    miBefore: -identityCost,
    miAfter: -finalCost,
    evaluations,
  };
}

function mul2(p: number[], q: number[]): number[] {
  return [p[0] * q[0] + p[1] * q[2], p[0] * q[1] + p[1] * q[3], p[2] * q[0] + p[3] * q[2], p[2] * q[1] + p[3] * q[3]];
}

/** 2×2 block means (odd last row/column dropped). */
function halve(src: Float64Array, w: number, h: number): Float64Array {
  const w2 = w >> 1;
  const h2 = h >> 1;
  const out = new Float64Array(w2 * h2);
  for (let y = 0; y < h2; y++) {
    const r0 = 2 * y * w;
    const r1 = r0 + w;
    for (let x = 0; x < w2; x++) out[y * w2 + x] = 0.25 * (src[r0 + 2 * x] + src[r0 + 2 * x + 1] + src[r1 + 2 * x] + src[r1 + 2 * x + 1]);
  }
  return out;
}

/** Nelder–Mead minimisation from x0 with an initial simplex of edge `step` (standard coefficients 1, 2, ½, ½). */
function nelderMead(fn: (x: number[]) => number, x0: number[], step: number, maxEval: number): number[] {
  const n = x0.length;
  const pts: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += step;
    pts.push(p);
  }
  const vals = pts.map(fn);
  let evals = n + 1;
  const order = () => {
    const idx = vals.map((_, i) => i).sort((a, b) => vals[a] - vals[b]);
    const p2 = idx.map((i) => pts[i]);
    const v2 = idx.map((i) => vals[i]);
    for (let i = 0; i <= n; i++) {
      pts[i] = p2[i];
      vals[i] = v2[i];
    }
  };
  while (evals < maxEval) {
    order();
    if (Math.abs(vals[n] - vals[0]) < 1e-7 && spread(pts) < 1e-3) break;
    const c = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[j] += pts[i][j] / n;
    const along = (k: number) => c.map((v, j) => v + k * (pts[n][j] - v));
    const xr = along(-1);
    const fr = fn(xr);
    evals++;
    if (fr < vals[0]) {
      const xe = along(-2);
      const fe = fn(xe);
      evals++;
      if (fe < fr) {
        pts[n] = xe;
        vals[n] = fe;
      } else {
        pts[n] = xr;
        vals[n] = fr;
      }
    } else if (fr < vals[n - 1]) {
      pts[n] = xr;
      vals[n] = fr;
    } else {
      const outside = fr < vals[n];
      const xc = along(outside ? -0.5 : 0.5);
      const fc = fn(xc);
      evals++;
      if (fc < (outside ? fr : vals[n])) {
        pts[n] = xc;
        vals[n] = fc;
      } else {
        for (let i = 1; i <= n; i++) {
          pts[i] = pts[i].map((v, j) => pts[0][j] + 0.5 * (v - pts[0][j]));
          vals[i] = fn(pts[i]);
          evals++;
        }
      }
    }
  }
  order();
  return pts[0];
}

function spread(pts: number[][]): number {
  let m = 0;
  for (let i = 1; i < pts.length; i++) for (let j = 0; j < pts[0].length; j++) m = Math.max(m, Math.abs(pts[i][j] - pts[0][j]));
  return m;
}
