import { assertOut } from './assertImageData';

export interface DigitizeOptions {
  /** Output buffer (same length as data); allocated when absent. */
  out?: Uint8Array;
}

/**
 * Class index per value, as `np.digitize(x, thresholds)` with increasing thresholds: the number
 * of thresholds ≤ x (so a value equal to a threshold goes to the upper class). At most 255
 * thresholds (Uint8 labels).
 */
export function digitize(
  data: ArrayLike<number>,
  thresholds: readonly number[],
  options: DigitizeOptions = {},
): Uint8Array {
  if (thresholds.length > 255) throw new RangeError(`digitize: ${thresholds.length} thresholds, expected at most 255`);
  for (let i = 0; i < thresholds.length; i++) {
    if (!Number.isFinite(thresholds[i])) throw new RangeError(`digitize: thresholds[${i}] = ${thresholds[i]}, expected a finite number`);
    if (i > 0 && thresholds[i] < thresholds[i - 1]) {
      throw new RangeError(`digitize: thresholds must increase, got ${thresholds[i - 1]} then ${thresholds[i]} at index ${i}`);
    }
  }
  assertOut('digitize', options.out, data.length);
  const out = options.out ?? new Uint8Array(data.length);
  const t = thresholds;
  const nt = t.length;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    let k = 0;
    while (k < nt && v >= t[k]) k++;
    out[i] = k;
  }
  return out;
}
