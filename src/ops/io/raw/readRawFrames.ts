import type { PixelArray, PixelDType } from '../../../runtime/values';
import type { ByteSource } from './byteSource';
import { checkDataSize } from './checkDataSize';
import { decodeRawSamples, RAW_BYTES, RAW_PIXEL_DTYPE, type RawDType } from './decodeRawSamples';
import { allocPixels } from './allocPixels';
import { frameLayout } from './frameLayout';

export interface ReadRawFramesOptions {
  width: number;
  height: number;
  /** Frames stored in the file. */
  frames: number;
  dtype: RawDType;
  /** @default true */
  littleEndian?: boolean;
  /** Bytes before the first frame. @default 0 */
  headerBytes?: number;
  /** First frame read. @default 0 */
  firstFrame?: number;
  /** Frames read from `firstFrame`; `null` for all the rest. @default null */
  frameCount?: number | null;
  /** Called after each frame (awaited: cancel by throwing). */
  onFrame?: (done: number, total: number) => Promise<void> | void;
}

export interface RawFrames {
  dtype: PixelDType;
  frames: number;
  data: PixelArray;
  /** Bytes in the file after the described data (ignored). */
  trailingBytes: number;
}

/**
 * Reads frames of a headerless raw volume (`frames × height × width`, C order, as numpy's
 * `fromfile(...).reshape`) through ranged reads: the sizes are checked against the file and the
 * allocation limit before anything is allocated, then only the requested frames' bytes are read,
 * one frame per read.
 */
export async function readRawFrames(source: ByteSource, options: ReadRawFramesOptions): Promise<RawFrames> {
  const { width, height, frames, dtype } = options;
  const headerBytes = options.headerBytes ?? 0;
  const bps = RAW_BYTES[dtype];
  if (!bps) throw new RangeError(`${source.name}: dtype must be one of ${Object.keys(RAW_BYTES).join(', ')}, got ${String(dtype)}`);
  const plane = width * height;
  const pixelDType = RAW_PIXEL_DTYPE[dtype];
  const { trailingBytes } = checkDataSize({
    fileName: source.name,
    dims: [['width', width], ['height', height], ['frames', frames]],
    bytesPerSample: bps,
    dtype,
    headerBytes,
    fileSize: source.size,
    samplesToRead: plane * (options.frameCount ?? frames),
    outBytesPerSample: pixelDType === 'f32' ? 4 : bps,
  });
  const { first, count } = frameLayout(source.name, [frames, height, width], options.firstFrame, options.frameCount);
  const data = allocPixels(pixelDType, plane * count);
  const frameBytes = plane * bps;
  for (let f = 0; f < count; f++) {
    const start = headerBytes + (first + f) * frameBytes;
    const bytes = await source.read(start, start + frameBytes);
    if (bytes.byteLength !== frameBytes)
      throw new RangeError(`${source.name}: frame ${first + f} needs bytes ${start}…${start + frameBytes}, the read returned ${bytes.byteLength}`);
    decodeRawSamples(bytes, { dtype, littleEndian: options.littleEndian ?? true, out: data, outOffset: f * plane });
    await options.onFrame?.(f + 1, count);
  }
  return { dtype: pixelDType, frames: count, data, trailingBytes };
}
