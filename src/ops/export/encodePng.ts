import { encode } from 'fast-png';

export interface EncodePngOptions {
  /** Bytes per pixel: 1 gray, 3 RGB, 4 RGBA. */
  channels: 1 | 3 | 4;
  /** tEXt entries (e.g. `{ Software: 'OperandoFlow', Description: … }`). */
  text?: Record<string, string>;
}

/** An 8-bit PNG of `width × height` pixels (row-major, interleaved channels), via fast-png. */
export function encodePng(pixels: Uint8Array, width: number, height: number, options: EncodePngOptions): Uint8Array {
  const { channels } = options;
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`encodePng: width = ${width}, expected a positive integer`);
  if (!Number.isInteger(height) || height < 1) throw new RangeError(`encodePng: height = ${height}, expected a positive integer`);
  if (![1, 3, 4].includes(channels)) throw new RangeError(`encodePng: channels = ${channels}, expected 1, 3 or 4`);
  if (pixels.length !== width * height * channels) {
    throw new RangeError(`encodePng: pixels has ${pixels.length} bytes, expected width·height·channels = ${width * height * channels}`);
  }
  return encode({ width, height, data: pixels, depth: 8, channels, text: options.text });
}
