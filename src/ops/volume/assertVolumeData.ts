import { assertImageData, type ImageData2D } from '../image/assertImageData';

/**
 * Precondition of every volume op: positive integer sizes, exactly `frames·height·width` finite
 * values. Throws a `RangeError` naming the op, the parameter, the value found and what was expected.
 */
export function assertVolumeData(op: string, data: ImageData2D, width: number, height: number, frames: number): void {
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`${op}: frames = ${frames}, expected a positive integer`);
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`${op}: width = ${width}, expected a positive integer`);
  if (!Number.isInteger(height) || height < 1) throw new RangeError(`${op}: height = ${height}, expected a positive integer`);
  if (data.length !== width * height * frames) {
    throw new RangeError(
      `${op}: data has ${data.length} values, expected frames·height·width = ${frames}·${height}·${width} = ${frames * height * width}`,
    );
  }
  // Finite check with positions per frame (reuses the image precondition's message).
  const plane = width * height;
  for (let f = 0; f < frames; f++) assertImageData(`${op} (frame ${f})`, data.subarray(f * plane, (f + 1) * plane), width, height);
}
