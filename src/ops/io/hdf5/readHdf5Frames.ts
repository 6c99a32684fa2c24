import type { PixelDType } from '../../../runtime/values';
import { checkDataSize } from '../raw/checkDataSize';
import { allocPixels } from '../raw/allocPixels';
import { frameLayout, type FrameBlock } from '../raw/frameLayout';
import type { Hdf5Reader } from './openHdf5';
import { hdf5DTypeString } from './hdf5DTypeString';

export interface ReadHdf5FramesOptions {
  /** First frame (index along the first dimension). @default 0 */
  firstFrame?: number;
  /** Frames read; `null` for all the rest. @default null */
  frameCount?: number | null;
  /** Called after each frame (awaited: cancel by throwing). */
  onFrame?: (done: number, total: number) => Promise<void> | void;
}

export interface Hdf5Frames extends FrameBlock {
  /** The file's sample type (`<f4`, `>u2`…). */
  sourceDType: string;
}

const H5T_INTEGER = 0;
const H5T_FLOAT = 1;

/**
 * Reads a 2-D (one frame) or 3-D (`frames × height × width`) numeric HDF5 dataset, or a higher-
 * rank one whose leading dimensions are 1, frame by frame with `Dataset.slice` — so only the
 * requested frames' bytes are read from a lazily opened file (`openHdf5`). The size is checked
 * against the allocation limit before allocating. u8/u16 stay as they are; other numeric types
 * become float32 (as `numpy.astype(float32)`), with a note.
 */
export async function readHdf5Frames(reader: Hdf5Reader, path: string, options: ReadHdf5FramesOptions = {}): Promise<Hdf5Frames> {
  const info = await reader.use((file, h5) => {
    const obj = file.get(path);
    if (!(obj instanceof h5.Dataset)) return null;
    const m = obj.metadata;
    return { shape: m.shape ?? [], type: m.type, size: m.size, signed: m.signed, dtype: hdf5DTypeString(m) };
  });
  if (!info) throw new RangeError(`${reader.name}: "${path}" is not a dataset`);
  const { shape } = info;
  if (info.type !== H5T_INTEGER && info.type !== H5T_FLOAT)
    throw new RangeError(`${reader.name}: dataset "${path}" holds ${info.dtype} values, expected integers or floats`);
  const rank = shape.length;
  const { width, height, totalFrames, lead, first, count } = frameLayout(`${reader.name}: dataset "${path}"`, shape, options.firstFrame, options.frameCount);
  const integer = info.type === H5T_INTEGER;
  const dtype: PixelDType = integer && !info.signed && info.size === 1 ? 'u8' : integer && !info.signed && info.size === 2 ? 'u16' : 'f32';
  checkDataSize({
    fileName: reader.name,
    dims: [...(rank >= 3 ? [['frames', totalFrames] as [string, number]] : []), ['height', height], ['width', width]],
    bytesPerSample: info.size,
    dtype: info.dtype,
    samplesToRead: count * width * height,
    outBytesPerSample: dtype === 'f32' ? 4 : info.size,
  });
  const notes: string[] = [];
  if (dtype === 'f32' && !(info.type === H5T_FLOAT && info.size === 4)) notes.push(`${info.dtype} values of "${path}" converted to 32-bit float`);
  const plane = width * height;
  const data = allocPixels(dtype, count * plane);
  const sel = (f: number): [number, number][] => [...lead.map((): [number, number] => [0, 1]), ...(rank >= 3 ? [[f, f + 1] as [number, number]] : []), [0, height], [0, width]];
  for (let i = 0; i < count; i++) {
    await reader.use((file, h5) => {
      const ds = file.get(path);
      if (!(ds instanceof h5.Dataset)) throw new RangeError(`"${path}" is not a dataset`);
      const values = ds.slice(sel(first + i));
      if (!values || typeof values !== 'object' || !('length' in values) || (values as ArrayLike<unknown>).length !== plane)
        throw new RangeError(`${reader.name}: frame ${first + i} of "${path}" did not read as ${plane} numbers`);
      if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
        for (let k = 0; k < plane; k++) data[i * plane + k] = Number(values[k]);
      } else data.set(values as ArrayLike<number>, i * plane);
    });
    await options.onFrame?.(i + 1, count);
  }
  return { width, height, frames: count, totalFrames, dtype, data, sourceDType: info.dtype, notes };
}
