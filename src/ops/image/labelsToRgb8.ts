import { labelColor } from './colormaps';

/** RGB pixels (3 bytes each) of a label image, one categorical colour per class index. */
export function labelsToRgb8(labels: ArrayLike<number>): Uint8Array {
  const n = labels.length;
  const out = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    const c = labelColor(labels[i]);
    out[3 * i] = c[0];
    out[3 * i + 1] = c[1];
    out[3 * i + 2] = c[2];
  }
  return out;
}
