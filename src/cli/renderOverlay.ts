/**
 * RGB picture of labels over a scalar image (the CLI's counterpart of the studio's overlay
 * preview, at full resolution): the image through a display window as gray, each class's palette
 * colour alpha-blended on top with `opacity` (colours by `classPalette`: a background class 0
 * stays clear, every phase gets a colour — the same rule as the studio).
 */
import { classPalette, labelColor } from '../ops/image/colormaps';
import { scalarToRgb8 } from '../ops/image/scalarToRgb8';

export interface RenderOverlayOptions {
  width: number;
  height: number;
  /** Display window of the image (values below `lo` black, above `hi` white). */
  lo: number;
  hi: number;
  /** 0: only the image, 1: only the label colours. */
  opacity: number;
  /** Class names of the labels (decide whether class 0 is a background). */
  classes: readonly string[];
}

export function renderOverlay(image: ArrayLike<number>, labels: ArrayLike<number>, o: RenderOverlayOptions): Uint8Array {
  const n = o.width * o.height;
  if (image.length !== n) throw new RangeError(`image: ${image.length} pixels, expected width·height = ${n}`);
  if (labels.length !== n) throw new RangeError(`labels: ${labels.length} pixels, expected width·height = ${n}`);
  if (!(o.opacity >= 0 && o.opacity <= 1)) throw new RangeError(`opacity: expected 0..1, got ${o.opacity}`);
  const { pixels: gray } = scalarToRgb8(image, { lo: o.lo, hi: o.hi, colormap: 'gray' });
  const out = new Uint8Array(n * 3);
  const a = o.opacity;
  const palette = classPalette(o.classes);
  for (let i = 0; i < n; i++) {
    const k = labels[i];
    const c = k < palette.length ? palette[k] : labelColor(k);
    if (!c) {
      out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = gray[i];
      continue;
    }
    const v = gray[i] * (1 - a);
    out[3 * i] = Math.round(v + c[0] * a);
    out[3 * i + 1] = Math.round(v + c[1] * a);
    out[3 * i + 2] = Math.round(v + c[2] * a);
  }
  return out;
}
