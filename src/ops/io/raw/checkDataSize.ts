import { getAllocLimit } from '../../../runtime/alloc';

export interface CheckDataSizeOptions {
  /** File name, for messages. */
  fileName: string;
  /** The dimensions as the user or the header gave them, named: `[['width', 2048], ['height', 2048], ['frames', 100]]`. */
  dims: [string, number][];
  /** Bytes per sample in the file. */
  bytesPerSample: number;
  /** Name of the sample type, for messages (`u16`). */
  dtype: string;
  /** Bytes before the data. @default 0 */
  headerBytes?: number;
  /** The file's size, when the data is stored uncompressed in it and must fit. @default undefined (not checked) */
  fileSize?: number;
  /** Samples that will be allocated (e.g. only the frames read), @default the product of `dims`. */
  samplesToRead?: number;
  /** Bytes per allocated sample. @default bytesPerSample */
  outBytesPerSample?: number;
}

export interface DataSize {
  /** Bytes of data the dimensions describe. */
  dataBytes: number;
  /** Bytes in the file after the data (0 when the sizes agree exactly). */
  trailingBytes: number;
}

const fmtBytes = (n: number): string =>
  n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(2)} GiB` : n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MiB` : `${n} bytes`;

/**
 * Checks, before anything is allocated, that dimensions read from a header or given by the user
 * fit the file and the allocation limit (`runtime/alloc.ts`): a header declaring 100000³ voxels
 * is refused here, with the dimensions, the file size and the limit in the message.
 * Throws a `RangeError` naming each dimension; returns the data size otherwise.
 */
export function checkDataSize(options: CheckDataSizeOptions): DataSize {
  const { fileName, dims, bytesPerSample, dtype } = options;
  const headerBytes = options.headerBytes ?? 0;
  for (const [name, v] of dims) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${fileName}: ${name} must be a non-negative integer, got ${v}`);
  }
  if (!Number.isSafeInteger(headerBytes) || headerBytes < 0)
    throw new RangeError(`${fileName}: header offset must be a non-negative integer, got ${headerBytes}`);
  const samples = dims.reduce((n, [, v]) => n * v, 1);
  const dataBytes = samples * bytesPerSample;
  const described = `${dims.map(([n, v]) => `${n} ${v}`).join(' × ')} × ${bytesPerSample} bytes (${dtype})`;
  let trailingBytes = 0;
  if (options.fileSize !== undefined) {
    const need = headerBytes + dataBytes;
    if (need > options.fileSize) {
      throw new RangeError(
        `${fileName}: ${described}${headerBytes ? ` + header ${headerBytes}` : ''} = ${need} bytes, but the file has ` +
          `${options.fileSize} bytes; check the dimensions, the data type and the header offset`,
      );
    }
    trailingBytes = options.fileSize - need;
  }
  const outBytes = (options.samplesToRead ?? samples) * (options.outBytesPerSample ?? bytesPerSample);
  const limit = getAllocLimit();
  if (outBytes > limit) {
    throw new RangeError(
      `${fileName}: ${described} needs ${fmtBytes(outBytes)} in memory, above the allocation limit of ${fmtBytes(limit)}; ` +
        'read fewer frames (first frame / frame count) or crop the data',
    );
  }
  return { dataBytes, trailingBytes };
}
