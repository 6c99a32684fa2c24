import * as zarr from 'zarrita';
import type { PixelDType } from '../../../runtime/values';
import { checkDataSize } from '../raw/checkDataSize';
import { allocPixels } from '../raw/allocPixels';
import { frameLayout, type FrameBlock } from '../raw/frameLayout';
import type { ZarrArrayInfo } from './openZarrArray';

export interface ReadZarrFramesOptions {
  /** First frame (index along the first dimension). @default 0 */
  firstFrame?: number;
  /** Frames read; `null` for all the rest. @default null */
  frameCount?: number | null;
  /** For messages. @default 'store' */
  storeName?: string;
  /** Called after each frame (awaited: cancel by throwing). */
  onFrame?: (done: number, total: number) => Promise<void> | void;
}

export type ZarrFrames = FrameBlock;

const BYTES: Record<string, number> = { int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8, uint64: 8, float16: 2, float32: 4, float64: 8 };

/**
 * Reads frames of a 2-D or 3-D numeric Zarr array (leading dimensions of 1 allowed) one frame at a
 * time with `zarrita.get`, so only the chunks that hold the requested frames are read. Missing
 * chunks read as the fill value (Zarr semantics). u8/u16 stay as they are; other types become
 * float32 with a note. The size is checked against the allocation limit before allocating.
 */
export async function readZarrFrames(info: ZarrArrayInfo, options: ReadZarrFramesOptions = {}): Promise<ZarrFrames> {
  const name = options.storeName ?? 'store';
  const { shape, dtype: zdtype } = info;
  const bps = BYTES[zdtype];
  if (!bps) throw new RangeError(`${name}: Zarr array of type ${zdtype}, expected integers or floats`);
  const rank = shape.length;
  const { width, height, totalFrames, lead, first, count } = frameLayout(`${name}: Zarr array`, shape, options.firstFrame, options.frameCount);
  const dtype: PixelDType = zdtype === 'uint8' ? 'u8' : zdtype === 'uint16' ? 'u16' : 'f32';
  checkDataSize({
    fileName: name,
    dims: [...(rank >= 3 ? [['frames', totalFrames] as [string, number]] : []), ['height', height], ['width', width]],
    bytesPerSample: bps,
    dtype: zdtype,
    samplesToRead: count * width * height,
    outBytesPerSample: dtype === 'f32' ? 4 : bps,
  });
  const notes = dtype === 'f32' && zdtype !== 'float32' ? [`${zdtype} values converted to 32-bit float`] : [];
  const plane = width * height;
  const data = allocPixels(dtype, count * plane);
  for (let i = 0; i < count; i++) {
    const sel = [...lead.map(() => 0), ...(rank >= 3 ? [first + i] : []), null, null];
    const chunk = await zarr.get(info.array, sel);
    const values = chunk.data as ArrayLike<number | bigint>;
    if (values.length !== plane) throw new RangeError(`${name}: frame ${first + i} read as ${values.length} values, expected ${plane}`);
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      for (let k = 0; k < plane; k++) data[i * plane + k] = Number(values[k]);
    } else data.set(values as ArrayLike<number>, i * plane);
    await options.onFrame?.(i + 1, count);
  }
  return { width, height, frames: count, totalFrames, dtype, data, notes };
}
