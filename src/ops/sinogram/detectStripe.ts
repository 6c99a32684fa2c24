import { polyfit } from '../spectrum/polyfit';

export interface DetectStripeOptions {
  /**
   * Ratio (> 1) of a stripe's deviation to the noise level; larger is less sensitive.
   * @default 3
   */
  snr?: number;
}

/**
 * Stripe locations in a normalised per-column profile, as algotom `util.detect_stripe` (Vo et al.,
 * Opt. Express 26 (2018) 28396, algorithm 4): the profile is sorted, a line is fitted to its middle
 * half (a quarter dropped at each end), noise = |y_end − intercept| of that line; values above
 * y_end + ½·snr·noise (or at/below intercept − ½·snr·noise) are stripes, each side only when its
 * extreme lies at least snr·noise beyond the line. Returns a 0/1 mask. A noise-free (flat) profile
 * has no stripes (algotom raises an error there).
 */
export function detectStripe(list: ArrayLike<number>, options: DetectStripeOptions = {}): Uint8Array {
  const snr = options.snr ?? 3;
  if (!(snr > 0) || !Number.isFinite(snr)) throw new RangeError(`detectStripe: snr = ${snr}, expected a finite number > 0`);
  const n = list.length;
  const ndrop = Math.floor(0.25 * n);
  if (n - 2 * ndrop - 1 < 2) throw new RangeError(`detectStripe: list has ${n} values, expected at least 5`);
  const sorted = Float64Array.from(list).sort();
  const x = Float64Array.from({ length: n }, (_, i) => i);
  const [intercept, slope] = polyfit(x, sorted, 1, { start: ndrop, end: n - ndrop - 1 });
  const yEnd = intercept + slope * (n - 1);
  const noise = Math.abs(yEnd - intercept);
  const mask = new Uint8Array(n);
  if (!(noise > 0)) return mask;
  if (Math.abs(sorted[n - 1] - yEnd) / noise >= snr) {
    const upper = yEnd + noise * snr * 0.5;
    for (let i = 0; i < n; i++) if (list[i] > upper) mask[i] = 1;
  }
  if (Math.abs(intercept - sorted[0]) / noise >= snr) {
    const lower = intercept - noise * snr * 0.5;
    for (let i = 0; i < n; i++) if (list[i] <= lower) mask[i] = 1;
  }
  return mask;
}
