/** Pixel arrays the image ops accept. */
export type ImageData2D = Uint8Array | Uint16Array | Float32Array | Float64Array;

/**
 * Precondition of every image op: positive integer sizes, an array of exactly `width·height`
 * values, and (unless `allowNonFinite`) no NaN/±Infinity. Throws a `RangeError` naming the op,
 * the parameter, the value found and what was expected.
 */
export function assertImageData(
  op: string,
  data: ImageData2D,
  width: number,
  height: number,
  allowNonFinite = false,
): void {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`${op}: width = ${width}, expected a positive integer`);
  if (!Number.isInteger(height) || height < 1) throw new RangeError(`${op}: height = ${height}, expected a positive integer`);
  if (data.length !== width * height) {
    throw new RangeError(`${op}: data has ${data.length} values, expected width·height = ${width}·${height} = ${width * height}`);
  }
  if (!allowNonFinite && (data instanceof Float32Array || data instanceof Float64Array)) {
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (v - v !== 0) {
        throw new RangeError(
          `${op}: data has a non-finite value (${v}) at row ${Math.floor(i / width)}, column ${i % width}; expected finite pixels`,
        );
      }
    }
  }
}

/** Checks an optional output buffer's length. */
export function assertOut(op: string, out: { length: number } | undefined, n: number): void {
  if (out && out.length !== n) throw new RangeError(`${op}: out has ${out.length} values, expected ${n}`);
}
