/**
 * Turning preview arrays into canvas pixels: linear contrast window + colour map for images,
 * a categorical palette for labels, alpha blending for label overlays. Pure, on small
 * (downsampled) previews only. Colour tables come from `src/ops/image/colormaps` (shared with
 * the PNG export, so screen and file agree).
 */
import { classPalette, labelColor, type ColormapLut } from '../ops/image/colormaps';

export type Lut = ColormapLut;

export { COLORMAP_NAMES, colormapLut } from '../ops/image/colormaps';

/**
 * Maps `data` through the window [lo, hi] (values outside clamp) and the LUT into RGBA.
 * NaN pixels become transparent so they are not mistaken for the lowest value.
 */
export function renderImage(data: ArrayLike<number>, lo: number, hi: number, lut: Lut, out?: Uint8ClampedArray): Uint8ClampedArray {
  const n = data.length;
  const rgba = out ?? new Uint8ClampedArray(4 * n);
  if (rgba.length < 4 * n) throw new RangeError(`renderImage: out: expected length ≥ ${4 * n}, got ${rgba.length}`);
  const span = hi > lo ? hi - lo : 1;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    if (Number.isNaN(v)) {
      rgba[4 * i + 3] = 0;
      continue;
    }
    const t = Math.min(255, Math.max(0, Math.round(((v - lo) / span) * 255)));
    rgba[4 * i] = lut[3 * t];
    rgba[4 * i + 1] = lut[3 * t + 1];
    rgba[4 * i + 2] = lut[3 * t + 2];
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

/** Colour of class index `i` of scribbles (0 = unpainted, black). */
export function classColor(i: number): readonly [number, number, number] {
  return labelColor(i);
}

/** Colour of each class for legends: `classPalette`, a background class as `null` (drawn clear). */
export function classColors(classes: readonly string[]): (readonly [number, number, number] | null)[] {
  return classPalette(classes);
}

/** Class-index image to RGBA with the colours of `classPalette(classes)` (a background class black). */
export function renderLabels(data: ArrayLike<number>, classes: readonly string[], out?: Uint8ClampedArray): Uint8ClampedArray {
  const rgba = out ?? new Uint8ClampedArray(4 * data.length);
  const palette = classPalette(classes);
  for (let i = 0; i < data.length; i++) {
    const k = Math.max(0, Math.round(data[i]));
    const [r, g, b] = (k < palette.length ? palette[k] : labelColor(k)) ?? [0, 0, 0];
    rgba[4 * i] = r;
    rgba[4 * i + 1] = g;
    rgba[4 * i + 2] = b;
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

/**
 * Blends class colours over `rgba` in place with `opacity`, colours from `classPalette(classes)`:
 * a background class 0 stays clear, phases all get a colour.
 */
export function blendLabels(rgba: Uint8ClampedArray, labels: ArrayLike<number>, opacity: number, classes: readonly string[]): Uint8ClampedArray {
  if (labels.length * 4 > rgba.length)
    throw new RangeError(`blendLabels: labels: expected ≤ ${rgba.length / 4} pixels, got ${labels.length}`);
  const a = Math.min(1, Math.max(0, opacity));
  const palette = classPalette(classes);
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i];
    const c = k < palette.length ? palette[k] : labelColor(k);
    if (!c) continue;
    for (let j = 0; j < 3; j++) rgba[4 * i + j] = rgba[4 * i + j] * (1 - a) + c[j] * a;
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

/** Percentile-free auto contrast fallback: min/max ignoring NaN. */
export function finiteRange(data: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}
