import { drawText, fillRect, GLYPH_HEIGHT, textWidth } from './bitmapFont5x7';
import { niceScaleLength } from './niceScaleLength';

export type ScaleBarPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';

export interface DrawScaleBarOptions {
  /** Image pixel size along x and its unit (e.g. 0.65 µm). */
  pixelSize: number;
  unit: string;
  /** Bar length in `unit`; 0 or absent: the largest nice length (1/2/5·10^k) up to a fifth of the width. */
  length?: number;
  /** @default 'bottom-right' */
  position?: ScaleBarPosition;
  /** 255 white, 0 black. @default 255 */
  value?: number;
}

export interface ScaleBarPlacement {
  /** Length drawn, in `unit`. */
  length: number;
  label: string;
  /** The bar's rectangle in pixels. */
  bar: { x: number; y: number; width: number; height: number };
  /** The label's top-left corner and font scale. */
  text: { x: number; y: number; scale: number };
}

/** `0.5`, `10`, `2.5e-7`: the shortest form of a length (12 significant digits at most). */
function formatLength(v: number): string {
  return String(Number(v.toPrecision(12)));
}

/**
 * Draws a scale bar with its label ("10 µm") into interleaved 8-bit `pixels` (1 or 3 channels),
 * in place, and returns where. Sizes follow the picture: bar thickness ≈ 1 % of the height (≥ 2
 * px), margin ≈ 4 % of the short side, font scale so a digit is ≈ 3 % of the short side tall.
 * Throws a RangeError when the bar would not fit inside the margins.
 */
export function drawScaleBar(pixels: Uint8Array, width: number, height: number, channels: 1 | 3, options: DrawScaleBarOptions): ScaleBarPlacement {
  const { pixelSize, unit } = options;
  if (!(pixelSize > 0) || !Number.isFinite(pixelSize)) throw new RangeError(`drawScaleBar: pixelSize = ${pixelSize}, expected a positive number`);
  if (pixels.length !== width * height * channels) throw new RangeError(`drawScaleBar: pixels has ${pixels.length} bytes, expected ${width * height * channels}`);
  const value = options.value ?? 255;
  const position = options.position ?? 'bottom-right';
  const short = Math.min(width, height);
  const margin = Math.max(2, Math.round(0.04 * short));
  const thickness = Math.max(2, Math.round(0.01 * height));
  const scale = Math.max(1, Math.round((0.03 * short) / GLYPH_HEIGHT));
  const length = options.length && options.length > 0 ? options.length : niceScaleLength((width / 5) * pixelSize);
  const barPx = Math.round(length / pixelSize);
  const room = width - 2 * margin;
  if (room < 1) throw new RangeError(`scale bar: the image is ${width} px wide, too narrow for a bar inside ${margin} px margins`);
  if (barPx < 1 || barPx > room) {
    throw new RangeError(
      `scale bar: ${formatLength(length)} ${unit} is ${barPx} px at ${formatLength(pixelSize)} ${unit}/px, expected 1..${room} px (the image width inside the margins)`,
    );
  }
  const label = unit ? `${formatLength(length)} ${unit}` : formatLength(length);
  const textW = textWidth(label, scale);
  const textH = GLYPH_HEIGHT * scale;
  const gap = Math.max(2, scale * 2);
  const right = position.endsWith('right');
  const bottom = position.startsWith('bottom');
  const barX = right ? width - margin - barPx : margin;
  const barY = bottom ? height - margin - thickness : margin + textH + gap;
  // The label is centred over the bar, kept inside the image.
  const textX = Math.min(Math.max(0, Math.round(barX + barPx / 2 - textW / 2)), Math.max(0, width - textW));
  const textY = barY - gap - textH;
  fillRect(pixels, width, height, channels, barX, barY, barPx, thickness, value);
  drawText(pixels, width, height, channels, label, textX, textY, scale, value);
  return { length, label, bar: { x: barX, y: barY, width: barPx, height: thickness }, text: { x: textX, y: textY, scale } };
}
