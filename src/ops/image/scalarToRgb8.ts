import { colormapLut } from './colormaps';

export interface ScalarToRgb8Options {
  /** Value shown as the first colour (values below clamp). */
  lo: number;
  /** Value shown as the last colour (values above clamp). */
  hi: number;
  /**
   * Colour map name (see `COLORMAP_NAMES`). 'gray' gives one channel, the others three.
   * @default 'gray'
   */
  colormap?: string;
}

/**
 * 8-bit display pixels of a scalar image: linear window [lo, hi] → 0..255 (rounded, clamped),
 * then the colour map. Gray gives 1 byte per pixel, colour maps RGB (3 bytes per pixel).
 * A degenerate window (hi ≤ lo) maps values ≥ lo to the top colour.
 */
export function scalarToRgb8(data: ArrayLike<number>, options: ScalarToRgb8Options): { pixels: Uint8Array; channels: 1 | 3 } {
  const { lo, hi } = options;
  const name = options.colormap ?? 'gray';
  if (!Number.isFinite(lo)) throw new RangeError(`scalarToRgb8: lo = ${lo}, expected a finite number`);
  if (!Number.isFinite(hi)) throw new RangeError(`scalarToRgb8: hi = ${hi}, expected a finite number`);
  const lut = colormapLut(name);
  const n = data.length;
  const scale = hi > lo ? 255 / (hi - lo) : Infinity;
  const level = (v: number): number => {
    if (!(v > lo)) return v === lo && scale === Infinity ? 255 : 0; // NaN → 0
    const t = Math.round((v - lo) * scale);
    return t > 255 ? 255 : t;
  };
  if (name === 'gray') {
    const pixels = new Uint8Array(n);
    for (let i = 0; i < n; i++) pixels[i] = level(data[i]);
    return { pixels, channels: 1 };
  }
  const pixels = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    const t = 3 * level(data[i]);
    pixels[3 * i] = lut[t];
    pixels[3 * i + 1] = lut[t + 1];
    pixels[3 * i + 2] = lut[t + 2];
  }
  return { pixels, channels: 3 };
}
