import { assertImageData, assertOut, type ImageData2D } from './assertImageData';

export interface NlMeansDenoiseOptions {
  /**
   * Cut-off distance in pixel-value units: larger accepts less similar patches (more smoothing).
   * skimage suggests h ≈ 0.8·sigma when the noise sigma is known.
   */
  h: number;
  /**
   * Side of the compared patches in pixels (an even value is raised to the next odd one).
   * @default 7
   */
  patchSize?: number;
  /**
   * Largest shift, in pixels, at which similar patches are searched.
   * @default 11
   */
  patchDistance?: number;
  /**
   * Expected noise standard deviation (pixel-value units); 2σ² is subtracted from each squared
   * pixel difference, so patches differing only by noise get full weight. 0: no correction.
   * @default 0
   */
  sigma?: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/** 2^(e − 1023) for every exponent field e of a double (normal range; others are never used). */
const POW2 = Float64Array.from({ length: 2048 }, (_, e) => 2 ** (e - 1023));
/** 2²⁰ / ln 2 as in skimage: the slope of the high word in y. */
const FAST_EXP_SLOPE = 1512775.3951951857;
/**
 * Skimage's approximation of exp(−x) (`skimage/_shared/fast_exp.h`, after N. Schraudolph, Neural
 * Comput. 11, 853–862, 1999): the double whose high word is k = (int32)(2²⁰/ln2 · (−x)) +
 * 1072632447 and whose low word is 0, i.e. 2^(k>>20 − 1023) · (1 + (k & 0xFFFFF) · 2⁻²⁰). Built
 * by arithmetic (exact: a 21-bit mantissa times a power of two) rather than by aliasing a
 * Float64Array, which V8 cannot keep in registers; weights agree with skimage's to the last bit.
 * Valid for 0 ≤ x ≤ 5 (the cut-off), where k stays a positive normal exponent.
 */
function fastExpNeg(x: number): number {
  const k = 1072632447 - ((FAST_EXP_SLOPE * x) | 0);
  return POW2[k >> 20] * (1 + (k & 0xfffff) * 9.5367431640625e-7);
}

/** numpy.pad mode 'reflect' (mirror without repeating the edge), periodic for wide pads. */
export function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let m = i % period;
  if (m < 0) m += period;
  return m >= n ? period - m : m;
}

/**
 * Non-local means denoising, the fast integral-image algorithm of Darbon et al. (ISBI 2008) and
 * Froment (IPOL 2014), as `skimage.restoration.denoise_nl_means(image, patch_size,
 * patch_distance, h, fast_mode=True, sigma)` (0.19, `_fast_nl_means_denoising_2d`): every pixel
 * becomes a weighted mean of pixels whose surrounding patches look alike, with weight
 * exp(−max(‖P − Q‖² − 2σ²·s², 0) / (h²·s²)) (patch distances past 5 are skipped), the image
 * padded by numpy's 'reflect'. Sums in float64; O(patchDistance² · pixels).
 *
 * Skimage scatters each pair's weight to both pixels over whole-image integral and sum buffers;
 * here each shift runs row by row over a few rolling rows and each output pixel gathers its two
 * contributions in the order skimage adds them, so the result is the same to the last bit with
 * less memory traffic (and no work on the padding's own sums).
 */
export function nlMeansDenoise(
  data: ImageData2D,
  width: number,
  height: number,
  options: NlMeansDenoiseOptions,
): Float32Array {
  assertImageData('nlMeansDenoise', data, width, height);
  const { h } = options;
  let s = options.patchSize ?? 7;
  const d = options.patchDistance ?? 11;
  const sigma = options.sigma ?? 0;
  if (!(h > 0) || !Number.isFinite(h)) throw new RangeError(`nlMeansDenoise: h = ${h}, expected a finite number > 0`);
  if (!Number.isInteger(s) || s < 1) throw new RangeError(`nlMeansDenoise: patchSize = ${s}, expected an integer ≥ 1`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`nlMeansDenoise: patchDistance = ${d}, expected an integer ≥ 1`);
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new RangeError(`nlMeansDenoise: sigma = ${sigma}, expected a finite number ≥ 0`);
  const n = width * height;
  assertOut('nlMeansDenoise', options.out, n);
  const out = options.out ?? new Float32Array(n);
  if (s % 2 === 0) s += 1;

  const offset = (s - 1) / 2;
  const pad = offset + d + 1;
  const nRow = height + 2 * pad;
  const nCol = width + 2 * pad;
  const padded = new Float64Array(nRow * nCol);
  for (let r = 0; r < nRow; r++) {
    const src = reflectIndex(r - pad, height) * width;
    for (let c = 0; c < nCol; c++) padded[r * nCol + c] = data[src + reflectIndex(c - pad, width)];
  }
  const g: NlmGeometry = { width, height, nCol, offset, pad, h2s2: h * h * s * s, varDiff: 2 * sigma * sigma };
  // Only output pixels are accumulated (border pixels of the padded image are never read back).
  const weights = new Float64Array(n);
  const result = new Float64Array(n);
  // Rolling rows instead of whole-image buffers: the integral rows a patch distance needs (s of
  // them, plus the zero row above the first) and the weight rows a gather needs (|tRow| + 1).
  const integralRows = Array.from({ length: s + 1 }, () => new Float64Array(nCol));
  const weightRows = Array.from({ length: d + 1 }, () => new Float64Array(nCol));

  for (let tRow = -d; tRow <= d; tRow++) {
    for (let tCol = 0; tCol <= d; tCol++) {
      const alpha = tCol === 0 ? 0.5 : 1;
      // Weight rows needed: the output rows (pixel as first of a pair) and the same shifted by
      // −tRow (pixel as second). The integral is cumulative, so it is computed from its first row.
      const qLo = pad + Math.min(0, -tRow);
      const qHi = pad + height + Math.max(0, -tRow);
      const iStart = Math.max(1, -tRow);
      integralRows[(iStart - 1) % (s + 1)].fill(0);
      let iNext = iStart;
      for (let q = qLo; q < qHi; q++) {
        for (; iNext <= q + offset; iNext++) {
          integralRow(padded, g, iNext, tRow, tCol, integralRows[(iNext - 1) % (s + 1)], integralRows[iNext % (s + 1)]);
        }
        const below = integralRows[(q + offset) % (s + 1)];
        const above = integralRows[(q - offset + s + 1) % (s + 1)];
        weightRow(g, tCol, alpha, above, below, weightRows[q % (d + 1)]);
        const r = q - Math.max(0, -tRow);
        if (r >= pad) {
          gatherRow(padded, g, r, tRow, tCol, weightRows[r % (d + 1)], weightRows[(r - tRow) % (d + 1)], weights, result);
        }
      }
    }
  }
  for (let i = 0; i < n; i++) out[i] = result[i] / weights[i];
  return out;
}

/** Sizes shared by the per-row steps of {@link nlMeansDenoise} (padded-image coordinates). */
interface NlmGeometry {
  width: number;
  height: number;
  nCol: number;
  offset: number;
  pad: number;
  h2s2: number;
  varDiff: number;
}

/**
 * Row `row` of the integral image of (padded − padded shifted by (tRow, tCol))² − 2σ², from the
 * previous row `up` (zeros above the first row; column 0 stays 0). Columns past the last one a
 * patch distance reads are skipped: no earlier column depends on them.
 */
function integralRow(
  padded: Float64Array,
  g: NlmGeometry,
  row: number,
  tRow: number,
  tCol: number,
  up: Float64Array,
  cur: Float64Array,
): void {
  const { nCol, varDiff } = g;
  const end = g.pad + g.width + g.offset;
  const base = row * nCol;
  const shifted = base + tRow * nCol + tCol;
  let left = 0;
  let upLeft = 0;
  for (let col = 1; col < end; col++) {
    const t = padded[base + col] - padded[shifted + col];
    const u = up[col];
    // Same operation order as skimage, so the sums are the same doubles.
    left = t * t - varDiff + u + left - upLeft;
    cur[col] = left;
    upLeft = u;
  }
}

/**
 * Weights of the pairs (pixel, pixel + (tRow, tCol)) along one row, from the integral rows
 * `offset` above and below it: alpha · exp(−max(dist, 0) / (h²s²)), 0 past the cut-off. Only the
 * columns a gather reads (the output columns and those tCol to their left) are computed.
 */
function weightRow(g: NlmGeometry, tCol: number, alpha: number, above: Float64Array, below: Float64Array, w: Float64Array): void {
  const { offset, h2s2 } = g;
  const end = g.pad + g.width;
  for (let col = g.pad - tCol; col < end; col++) {
    const dist = below[col + offset] + above[col - offset] - above[col + offset] - below[col - offset];
    const distance = (dist > 0 ? dist : 0) / h2s2;
    // Branch-free cut-off (a weight past it is 0): which pairs pass is data-dependent, so a
    // branch would be mispredicted often. Below the cut-off this is exactly alpha · fastExp.
    w[col] = alpha * Number(distance <= 5) * fastExpNeg(Math.min(distance, 5));
  }
}

/**
 * Adds one shift's two contributions to each output pixel of padded row `r`: as the first pixel of
 * its pair (weight `wFirst[c]`, partner at +shift) and as the second (weight `wSecond[c − tCol]`,
 * partner at −shift). They are added in the order skimage's scatter loop adds them (the pair whose
 * first pixel comes first in raster order goes first), so every sum is bit-identical to it; a
 * skipped pair adds exact zeros (pixels are finite).
 */
function gatherRow(
  padded: Float64Array,
  g: NlmGeometry,
  r: number,
  tRow: number,
  tCol: number,
  wFirst: Float64Array,
  wSecond: Float64Array,
  weights: Float64Array,
  result: Float64Array,
): void {
  const { width, nCol, pad } = g;
  const shift = tRow * nCol + tCol;
  const base = r * nCol;
  const o = (r - pad) * width - pad;
  const end = pad + width;
  if (shift >= 0) {
    for (let c = pad; c < end; c++) {
      const wi = wFirst[c];
      const wj = wSecond[c - tCol];
      const p = base + c;
      weights[o + c] = weights[o + c] + wj + wi;
      result[o + c] = result[o + c] + wj * padded[p - shift] + wi * padded[p + shift];
    }
  } else {
    for (let c = pad; c < end; c++) {
      const wi = wFirst[c];
      const wj = wSecond[c - tCol];
      const p = base + c;
      weights[o + c] = weights[o + c] + wi + wj;
      result[o + c] = result[o + c] + wi * padded[p + shift] + wj * padded[p - shift];
    }
  }
}
