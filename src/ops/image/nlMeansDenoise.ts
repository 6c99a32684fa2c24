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

/**
 * Skimage's approximation of exp(y) (`skimage/_shared/fast_exp.h`, after N. Schraudolph, Neural
 * Comput. 11, 853–862, 1999): the bits of a double built from (int32)(2²⁰/ln2 · y) + 1072632447
 * as its high word. Reproduced so weights agree with skimage's to the last bit.
 */
const fastExpF64 = new Float64Array(1);
const fastExpI32 = new Int32Array(fastExpF64.buffer);
/** Index of the high 32-bit word of a double in `fastExpI32` (1 on little-endian platforms). */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
function fastExp(y: number): number {
  fastExpI32[HIGH] = Math.trunc(1512775.3951951857 * y) + 1072632447;
  fastExpI32[1 - HIGH] = 0;
  return fastExpF64[0];
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
  const N = nRow * nCol;
  const padded = new Float64Array(N);
  for (let r = 0; r < nRow; r++) {
    const src = reflectIndex(r - pad, height) * width;
    for (let c = 0; c < nCol; c++) padded[r * nCol + c] = data[src + reflectIndex(c - pad, width)];
  }
  const weights = new Float64Array(N);
  const integral = new Float64Array(N);
  const result = new Float64Array(N);
  const h2s2 = h * h * s * s;
  const varDiff = 2 * sigma * sigma;
  const CUTOFF = 5;

  for (let tRow = -d; tRow <= d; tRow++) {
    const rowStart = Math.max(offset, offset - tRow);
    const rowEnd = Math.min(nRow - offset, nRow - offset - tRow);
    for (let tCol = 0; tCol <= d; tCol++) {
      const alpha = tCol === 0 ? 0.5 : 1;
      const shift = tRow * nCol + tCol;
      // Integral image of (padded − padded shifted by (tRow, tCol))² − 2σ². Rows above the range
      // and column 0 are never written, so they stay 0 as in skimage.
      const iStart = Math.max(1, -tRow);
      const iEnd = Math.min(nRow, nRow - tRow);
      for (let row = iStart; row < iEnd; row++) {
        const base = row * nCol;
        for (let col = 1; col < nCol - tCol; col++) {
          const i = base + col;
          const t = padded[i] - padded[i + shift];
          integral[i] = t * t - varDiff + integral[i - nCol] + integral[i - 1] - integral[i - nCol - 1];
        }
      }
      const colEnd = nCol - offset - tCol;
      const up = offset * nCol;
      for (let row = rowStart; row < rowEnd; row++) {
        const base = row * nCol;
        for (let col = offset; col < colEnd; col++) {
          const i = base + col;
          const dist = integral[i + up + offset] + integral[i - up - offset] - integral[i - up + offset] - integral[i + up - offset];
          const distance = (dist > 0 ? dist : 0) / h2s2;
          if (distance > CUTOFF) continue;
          const j = i + shift;
          const w = alpha * fastExp(-distance);
          weights[i] += w;
          weights[j] += w;
          result[i] += w * padded[j];
          result[j] += w * padded[i];
        }
      }
    }
  }
  for (let y = 0; y < height; y++) {
    const base = (y + pad) * nCol + pad;
    for (let x = 0; x < width; x++) out[y * width + x] = result[base + x] / weights[base + x];
  }
  return out;
}
