/**
 * Turning preview arrays into canvas pixels: linear contrast window + colour map for images,
 * a categorical palette for labels, alpha blending for label overlays. Pure, on small
 * (downsampled) previews only.
 */

/** 256-entry RGB lookup table, `lut[3*i + c]`. */
export type Lut = Uint8Array;

const CONTROL: Record<string, [number, number, number][]> = {
  gray: [
    [0, 0, 0],
    [255, 255, 255],
  ],
  // Matplotlib's perceptually uniform maps, sampled at 9 points (linear interpolation between).
  viridis: [
    [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
    [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
  ],
  magma: [
    [0, 0, 4], [28, 16, 68], [79, 18, 123], [129, 37, 129], [181, 54, 122],
    [229, 80, 100], [251, 135, 97], [254, 194, 135], [252, 253, 191],
  ],
  inferno: [
    [0, 0, 4], [31, 12, 72], [85, 15, 109], [136, 34, 106], [186, 54, 85],
    [227, 89, 51], [249, 140, 10], [249, 201, 50], [252, 255, 164],
  ],
  cividis: [
    [0, 34, 78], [18, 53, 112], [59, 73, 108], [87, 93, 109], [112, 113, 115],
    [138, 134, 120], [167, 156, 116], [199, 179, 102], [254, 232, 56],
  ],
};

export const COLORMAP_NAMES = Object.keys(CONTROL);

const lutCache = new Map<string, Lut>();

export function colormapLut(name: string): Lut {
  const cached = lutCache.get(name);
  if (cached) return cached;
  const pts = CONTROL[name];
  if (!pts) throw new RangeError(`colormap: expected one of ${COLORMAP_NAMES.join(', ')}, got "${name}"`);
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = (i / 255) * (pts.length - 1);
    const k = Math.min(pts.length - 2, Math.floor(t));
    const f = t - k;
    for (let c = 0; c < 3; c++) lut[3 * i + c] = Math.round(pts[k][c] * (1 - f) + pts[k + 1][c] * f);
  }
  lutCache.set(name, lut);
  return lut;
}

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

/** Distinct colours for class indices (0 is usually background). */
export const CLASS_COLORS: [number, number, number][] = [
  [0, 0, 0], [228, 26, 28], [55, 126, 184], [77, 175, 74], [152, 78, 163],
  [255, 127, 0], [255, 255, 51], [166, 86, 40], [247, 129, 191], [153, 153, 153],
];

export function classColor(i: number): [number, number, number] {
  return CLASS_COLORS[i % CLASS_COLORS.length];
}

/** Class-index image to RGBA with the categorical palette. */
export function renderLabels(data: ArrayLike<number>, out?: Uint8ClampedArray): Uint8ClampedArray {
  const rgba = out ?? new Uint8ClampedArray(4 * data.length);
  for (let i = 0; i < data.length; i++) {
    const [r, g, b] = classColor(Math.max(0, Math.round(data[i])));
    rgba[4 * i] = r;
    rgba[4 * i + 1] = g;
    rgba[4 * i + 2] = b;
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

/** Blends class colours over `rgba` in place with `opacity`; class 0 (background) stays clear. */
export function blendLabels(rgba: Uint8ClampedArray, labels: ArrayLike<number>, opacity: number): Uint8ClampedArray {
  if (labels.length * 4 > rgba.length)
    throw new RangeError(`blendLabels: labels: expected ≤ ${rgba.length / 4} pixels, got ${labels.length}`);
  const a = Math.min(1, Math.max(0, opacity));
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i];
    if (!k) continue;
    const c = classColor(k);
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
