import { fft1d } from './fft1d';
import { getFftPlan, type Pow2Plan } from './fftPlanCache';

/**
 * In-place 1-D DFTs (numpy convention; inverse normalised by 1/rows) down the columns
 * [from, to) of a row-major `rows × cols` complex array: the column pass of `fft2d`, and of
 * `realFft2d` over the non-redundant half of a real image's spectrum.
 */
export function fftColumns(re: Float64Array, im: Float64Array, rows: number, cols: number, from: number, to: number, inverse = false): void {
  if (to <= from) return;
  const plan = getFftPlan(rows);
  if (plan.kind === 'trivial') return;
  if (plan.kind === 'pow2') columnsPow2(re, im, rows, cols, from, to, plan, inverse);
  else columnsGathered(re, im, rows, cols, from, to, inverse);
}

/**
 * Power-of-two columns straight through fft.js: B neighbouring columns are gathered row by row
 * (runs of B contiguous values, not one strided value per row) directly into interleaved complex
 * buffers, transformed, and scattered back the same way — one copy each way, none through fft1d.
 * Inverse by conjugation, as fft1d.
 */
function columnsPow2(re: Float64Array, im: Float64Array, rows: number, cols: number, from: number, to: number, plan: Pow2Plan, inverse: boolean): void {
  const { fft } = plan;
  const sgn = inverse ? -1 : 1;
  const s = inverse ? 1 / rows : 1;
  const B = Math.min(8, to - from);
  const R2 = 2 * rows;
  // Gathered into `block`, transformed into `spectra` (each column's own slot: no copy back).
  // 8 columns: a run of 8 doubles is one cache line, and both buffers (2·8·2·rows doubles,
  // 512 KiB at 2048 rows) stay within a core's L2.
  const block = new Float64Array(B * R2);
  const spectra = new Float64Array(B * R2);
  const ins = Array.from({ length: B }, (_, j) => block.subarray(j * R2, (j + 1) * R2));
  const outs = Array.from({ length: B }, (_, j) => spectra.subarray(j * R2, (j + 1) * R2));
  for (let c0 = from; c0 < to; c0 += B) {
    const nb = Math.min(B, to - c0);
    for (let r = 0; r < rows; r++) {
      const src = r * cols + c0;
      for (let j = 0, o = 2 * r; j < nb; j++, o += R2) {
        block[o] = re[src + j];
        block[o + 1] = sgn * im[src + j];
      }
    }
    for (let j = 0; j < nb; j++) fft.transform(outs[j], ins[j]);
    for (let r = 0; r < rows; r++) {
      const dst = r * cols + c0;
      for (let j = 0, o = 2 * r; j < nb; j++, o += R2) {
        re[dst + j] = spectra[o] * s;
        im[dst + j] = sgn * spectra[o + 1] * s;
      }
    }
  }
}

/** Other column lengths (Bluestein): gather B neighbouring columns per row, fft1d each, scatter. */
function columnsGathered(re: Float64Array, im: Float64Array, rows: number, cols: number, from: number, to: number, inverse: boolean): void {
  const opts = { inverse };
  const B = Math.min(16, to - from);
  const cr = new Float64Array(rows * B);
  const ci = new Float64Array(rows * B);
  for (let c0 = from; c0 < to; c0 += B) {
    const nb = Math.min(B, to - c0);
    for (let r = 0; r < rows; r++) {
      const src = r * cols + c0;
      for (let j = 0; j < nb; j++) {
        cr[j * rows + r] = re[src + j];
        ci[j * rows + r] = im[src + j];
      }
    }
    for (let j = 0; j < nb; j++) fft1d(cr.subarray(j * rows, (j + 1) * rows), ci.subarray(j * rows, (j + 1) * rows), opts);
    for (let r = 0; r < rows; r++) {
      const dst = r * cols + c0;
      for (let j = 0; j < nb; j++) {
        re[dst + j] = cr[j * rows + r];
        im[dst + j] = ci[j * rows + r];
      }
    }
  }
}
