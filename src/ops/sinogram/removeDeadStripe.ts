import { assertImageData, assertOut, type ImageData2D } from '../image/assertImageData';
import { detectStripe } from './detectStripe';
import { dilateMask1d } from './dilateMask1d';
import { medianFilterRows } from './medianFilterRows';
import { removeLargeStripe } from './removeLargeStripe';

export interface RemoveDeadStripeOptions {
  /**
   * Detection ratio (> 1); larger is less sensitive.
   * @default 3
   */
  snr?: number;
  /**
   * Median window (odd) across columns used as the stripe-free background of the column profile,
   * and for the residual large-stripe pass.
   * @default 51
   */
  size?: number;
  /**
   * Then remove residual stripes with `removeLargeStripe(snr, size)`.
   * @default true
   */
  residual?: boolean;
  /**
   * Window (rows) of the moving average along angles used to measure each column's fluctuation.
   * @default 10
   */
  smoothStrength?: number;
  /** Output buffer (width·height); allocated when absent. */
  out?: Float32Array;
}

/**
 * Dead (unresponsive or fluctuating) stripe removal, as algotom `prep.removal.remove_dead_stripe(
 * sinogram, snr=3, size=51, residual=True, smooth_strength=10)` (Vo et al., Opt. Express 26 (2018)
 * 28396, algorithm 6): each column's total deviation from its moving average along angles
 * (`scipy.ndimage.uniform_filter1d`, reflect) is divided by its median across columns; stripes are
 * located by `detectStripe`, widened by one column, the two columns at each edge are never stripes,
 * and stripe columns are linearly interpolated row by row from the nearest good columns (only when
 * fewer than a third of the columns are stripes).
 */
export function removeDeadStripe(
  data: ImageData2D | Float64Array,
  width: number,
  height: number,
  options: RemoveDeadStripeOptions = {},
): Float32Array {
  const snr = options.snr ?? 3;
  const size = options.size ?? 51;
  const residual = options.residual ?? true;
  const strength = options.smoothStrength ?? 10;
  assertImageData('removeDeadStripe', data, width, height);
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) throw new RangeError(`removeDeadStripe: size = ${size}, expected an odd integer ≥ 1`);
  if (!Number.isInteger(strength) || strength < 1) throw new RangeError(`removeDeadStripe: smoothStrength = ${strength}, expected an integer ≥ 1`);
  if (width < 5) throw new RangeError(`removeDeadStripe: width = ${width}, expected at least 5 columns`);
  assertOut('removeDeadStripe', options.out, width * height);
  // Moving average along each column (size `strength`, window [y − ⌊s/2⌋, y + s − 1 − ⌊s/2⌋], reflect).
  const diff = new Float64Array(width);
  const left = Math.floor(strength / 2);
  const period = 2 * height;
  const reflect = (j: number) => {
    let k = ((j % period) + period) % period;
    if (k >= height) k = period - 1 - k;
    return k;
  };
  for (let x = 0; x < width; x++) {
    let s = 0;
    for (let k = -left; k < strength - left; k++) s += data[reflect(k) * width + x];
    for (let y = 0; y < height; y++) {
      if (y > 0) s += data[reflect(y - left + strength - 1) * width + x] - data[reflect(y - 1 - left) * width + x];
      diff[x] += Math.abs(data[y * width + x] - s / strength);
    }
  }
  const bck = medianFilterRows(diff, width, 1, { size });
  let meanAbs = 0;
  for (let x = 0; x < width; x++) meanAbs += Math.abs(bck[x]);
  meanAbs /= width;
  const fact = new Float64Array(width);
  for (let x = 0; x < width; x++) fact[x] = diff[x] / (bck[x] === 0 ? meanAbs : bck[x]);
  const mask = dilateMask1d(detectStripe(fact, { snr }));
  mask[0] = mask[1] = mask[width - 1] = mask[width - 2] = 0;
  let nMiss = 0;
  for (let x = 0; x < width; x++) nMiss += mask[x];
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = data[i];
  if (nMiss > 0 && nMiss < Math.floor(width / 3)) {
    for (let x0 = 0; x0 < width; ) {
      if (!mask[x0]) {
        x0++;
        continue;
      }
      let x1 = x0;
      while (mask[x1]) x1++;
      // Columns x0…x1−1 are stripes; x0−1 and x1 are good (the edges are never stripes).
      const a = x0 - 1;
      for (let y = 0; y < height; y++) {
        const va = data[y * width + a];
        const vb = data[y * width + x1];
        for (let x = x0; x < x1; x++) out[y * width + x] = va + ((vb - va) * (x - a)) / (x1 - a);
      }
      x0 = x1;
    }
  }
  if (!residual) {
    if (options.out) {
      options.out.set(out);
      return options.out;
    }
    return out;
  }
  return removeLargeStripe(out, width, height, { snr, size, out: options.out });
}
