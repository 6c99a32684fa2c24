import { colormapLut } from './colormaps';
import { drawText, fillRect, GLYPH_HEIGHT, textWidth } from './bitmapFont5x7';

export interface DrawColorBarOptions {
  /** The display range: `lo` is the bottom colour, `hi` the top one. */
  lo: number;
  hi: number;
  /** Colour map name, as given to `scalarToRgb8` ('gray' for 1-channel pictures). */
  colormap: string;
  /** Label and frame colour: 255 white, 0 black. @default 255 */
  value?: number;
}

export interface ColorBarPlacement {
  bar: { x: number; y: number; width: number; height: number };
  /** The labels written at the top (hi) and the bottom (lo). */
  labels: [string, string];
}

/** A range end as a short label: 3 significant digits, no trailing zeros. */
export function rangeLabel(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/**
 * Draws a vertical colour bar at the right edge of a picture (interleaved 8-bit, 1 or 3 channels),
 * in place: the colour map from `hi` (top) to `lo` (bottom) over 40 % of the height, centred,
 * framed by a 1 px line in `value`, with the two range values as labels above and below it.
 * Sizes follow the picture as in `drawScaleBar`. Throws a RangeError when it does not fit.
 */
export function drawColorBar(pixels: Uint8Array, width: number, height: number, channels: 1 | 3, options: DrawColorBarOptions): ColorBarPlacement {
  const { lo, hi } = options;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`color bar: range ${lo}..${hi}, expected finite numbers`);
  if (pixels.length !== width * height * channels) throw new RangeError(`drawColorBar: pixels has ${pixels.length} bytes, expected ${width * height * channels}`);
  const lut = colormapLut(options.colormap);
  const value = options.value ?? 255;
  const short = Math.min(width, height);
  const margin = Math.max(2, Math.round(0.04 * short));
  const scale = Math.max(1, Math.round((0.03 * short) / GLYPH_HEIGHT));
  const barW = Math.max(4, Math.round(0.03 * width));
  const barH = Math.round(0.4 * height);
  const labels: [string, string] = [rangeLabel(hi), rangeLabel(lo)];
  const textH = GLYPH_HEIGHT * scale;
  const gap = Math.max(2, scale * 2);
  const widest = Math.max(textWidth(labels[0], scale), textWidth(labels[1], scale), barW);
  if (barH < 4 || widest + 2 * margin > width || barH + 2 * (textH + gap) + 2 * margin > height) {
    throw new RangeError(`color bar: a ${width}×${height} px picture is too small for a colour bar with labels "${labels[0]}" and "${labels[1]}"`);
  }
  const x = width - margin - barW;
  const y = Math.round((height - barH) / 2);
  for (let r = 0; r < barH; r++) {
    // top row = hi = level 255, bottom row = lo = level 0
    const level = Math.round((255 * (barH - 1 - r)) / (barH - 1));
    const row = ((y + r) * width + x) * channels;
    for (let c = 0; c < barW; c++) {
      if (channels === 1) pixels[row + c] = lut[3 * level];
      else pixels.set(lut.subarray(3 * level, 3 * level + 3), row + 3 * c);
    }
  }
  // 1 px frame just outside the colours, so the ends stay visible on any background
  fillRect(pixels, width, height, channels, x - 1, y - 1, barW + 2, 1, value);
  fillRect(pixels, width, height, channels, x - 1, y + barH, barW + 2, 1, value);
  fillRect(pixels, width, height, channels, x - 1, y, 1, barH, value);
  fillRect(pixels, width, height, channels, x + barW, y, 1, barH, value);
  const right = x + barW;
  drawText(pixels, width, height, channels, labels[0], right - textWidth(labels[0], scale), y - 1 - gap - textH, scale, value);
  drawText(pixels, width, height, channels, labels[1], right - textWidth(labels[1], scale), y + barH + 1 + gap, scale, value);
  return { bar: { x, y, width: barW, height: barH }, labels };
}
