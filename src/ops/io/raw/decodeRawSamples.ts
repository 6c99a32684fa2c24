import type { PixelArray, PixelDType } from '../../../runtime/values';

export type RawDType = 'u8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'f64';

export const RAW_BYTES: Record<RawDType, number> = { u8: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, f64: 8 };

/** Pixel type a raw sample type is stored as: u8 and u16 unchanged, everything else float32. */
export const RAW_PIXEL_DTYPE: Record<RawDType, PixelDType> = { u8: 'u8', u16: 'u16', i16: 'f32', u32: 'f32', i32: 'f32', f32: 'f32', f64: 'f32' };

export interface DecodeRawSamplesOptions {
  /** Sample type in the bytes. */
  dtype: RawDType;
  /** Byte order of multi-byte samples. @default true */
  littleEndian?: boolean;
  /** Where to write (an array of `rawPixelDType(dtype)`); `bytes.length / size` samples from `outOffset`. */
  out: PixelArray;
  /** First index written in `out`. @default 0 */
  outOffset?: number;
}

const hostLittle = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Decodes raw samples (any of u8/u16/i16/u32/i32/f32/f64, either byte order) into a pixel array:
 * u8/u16 as they are, the others converted to float32 (as numpy's `astype(float32)`). Aligned
 * samples in the host's byte order are converted through a typed-array view without a DataView.
 */
export function decodeRawSamples(bytes: Uint8Array, options: DecodeRawSamplesOptions): void {
  const { dtype, out } = options;
  const le = options.littleEndian ?? true;
  const at = options.outOffset ?? 0;
  const size = RAW_BYTES[dtype];
  if (!size) throw new RangeError(`decodeRawSamples: dtype must be one of ${Object.keys(RAW_BYTES).join(', ')}, got ${String(dtype)}`);
  if (bytes.byteLength % size !== 0)
    throw new RangeError(`decodeRawSamples: ${bytes.byteLength} bytes is not a whole number of ${dtype} samples (${size} bytes each)`);
  const n = bytes.byteLength / size;
  if (at < 0 || at + n > out.length)
    throw new RangeError(`decodeRawSamples: ${n} samples from outOffset ${at} do not fit an output of ${out.length}`);
  const want = RAW_PIXEL_DTYPE[dtype];
  if (want === 'u8' ? !(out instanceof Uint8Array) : want === 'u16' ? !(out instanceof Uint16Array) : !(out instanceof Float32Array))
    throw new RangeError(`decodeRawSamples: out must be a ${want} array for ${dtype} samples`);
  if (dtype === 'u8') {
    out.set(bytes, at);
    return;
  }
  if (le === hostLittle && bytes.byteOffset % size === 0) {
    const Ctor = { u16: Uint16Array, i16: Int16Array, u32: Uint32Array, i32: Int32Array, f32: Float32Array, f64: Float64Array }[dtype];
    const view: ArrayLike<number> = new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, n);
    (out as Float32Array).set(view, at);
    return;
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const get: (o: number) => number = {
    u16: (o: number) => dv.getUint16(o, le),
    i16: (o: number) => dv.getInt16(o, le),
    u32: (o: number) => dv.getUint32(o, le),
    i32: (o: number) => dv.getInt32(o, le),
    f32: (o: number) => dv.getFloat32(o, le),
    f64: (o: number) => dv.getFloat64(o, le),
  }[dtype];
  for (let i = 0; i < n; i++) out[at + i] = get(i * size);
}
