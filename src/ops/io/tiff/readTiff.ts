import { readTiffPagesFromBytes, type TiffPage } from './readTiffPages';
import { decode } from 'tiff';
import { checkDataSize } from '../raw/checkDataSize';

export type TiffDType = 'u8' | 'u16' | 'f32';

export interface TiffImage {
  width: number;
  height: number;
  /** Pages (or ImageJ images) read; 1 for a single image. */
  frames: number;
  dtype: TiffDType;
  /** Row-major `frames × height × width`. */
  data: Uint8Array | Uint16Array | Float32Array;
  /** From an ImageJ `unit=` calibration or a centimetre ResolutionUnit; absent otherwise. */
  pixelSize?: { x: number; y: number; unit: string };
  /** ImageDescription of the first page. */
  description?: string;
  /** Model (272) of the first page: the camera, e.g. `PILATUS 1M-F`. */
  model?: string;
  /** Remarks a caller may show (e.g. signed integers converted to float). */
  notes: string[];
}

export interface ReadTiffOptions {
  /**
   * Refuse files with more pages than this (a guard against corrupt IFD chains).
   * @default 100000
   */
  maxPages?: number;
}

const COMPRESSION_NAMES: Record<number, string> = {
  1: 'none', 2: 'CCITT RLE', 3: 'CCITT G3', 4: 'CCITT G4', 5: 'LZW', 6: 'old JPEG', 7: 'JPEG',
  8: 'Deflate', 32773: 'PackBits', 32946: 'Deflate', 34712: 'JPEG 2000', 50000: 'Zstd', 34887: 'LERC',
};
const SUPPORTED_COMPRESSION = new Set([1, 5, 8, 32946]);

/**
 * Reads a TIFF (baseline, little- or big-endian, one sample per pixel) into one typed array.
 *
 * Supported: 1/8/16-bit unsigned, 8/16-bit signed (converted to f32, noted), 32-bit float;
 * grayscale (BlackIsZero / WhiteIsZero) or palette (the indices are returned, e.g. ImageJ label
 * images); uncompressed, LZW or Deflate, strips or tiles; several pages (→ frames; reduced-
 * resolution pages are skipped) or an ImageJ stack stored as one IFD with `images=N`.
 * Everything is checked before decoding, so a truncated or corrupt file gives an error naming
 * the file, the page and the tag instead of garbage or a hang. Uncompressed strips are read
 * directly; other layouts go through the `tiff` package (image-js).
 */
export function readTiff(bytes: Uint8Array, fileName: string, options: ReadTiffOptions = {}): TiffImage {
  const fail = (msg: string): never => {
    throw new Error(`${fileName}: ${msg}`);
  };
  // The lazy reader's IFD walk, every IFD read (no uniform-series prediction: all pages are
  // checked); BigTIFF is refused because the `tiff` decoder reads classic TIFF only.
  const { pages, littleEndian: le } = readTiffPagesFromBytes(bytes, fileName, { maxPages: options.maxPages, uniform: false, bigTiff: false });
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const images = pages.filter((p) => (p.subfileType & 1) === 0);
  if (images.length === 0) fail('no full-resolution image page (all pages are reduced-resolution)');

  const first = images[0];
  for (const p of images) checkSupported(p, bytes.byteLength, fail);
  const dtype = dtypeOf(first);
  for (const p of images) {
    if (p.width !== first.width || p.height !== first.height || dtypeOf(p) !== dtype || p.sampleFormat !== first.sampleFormat) {
      fail(
        `page ${p.index} is ${p.width}×${p.height} ${describeSample(p)}, but page ${first.index} is ` +
          `${first.width}×${first.height} ${describeSample(first)}; all pages of a stack must agree`,
      );
    }
  }

  const notes: string[] = [];
  const ij = parseImageJ(first.description);
  let frames = images.length;
  // ImageJ writes big stacks as one IFD followed by contiguous frames ("images=N").
  let contiguousImageJ = false;
  if (images.length === 1 && ij.images > 1 && first.compression === 1 && first.stripOffsets && first.tileOffsets === null) {
    const frameBytes = first.width * first.height * (first.bits / 8);
    const start = first.stripOffsets[0];
    if (start + frameBytes * ij.images > bytes.byteLength) {
      fail(
        `ImageJ description says images=${ij.images}, which needs ${frameBytes * ij.images} bytes from ` +
          `offset ${start}, but the file has ${bytes.byteLength} bytes (truncated?)`,
      );
    }
    frames = ij.images;
    contiguousImageJ = true;
  }

  const plane = first.width * first.height;
  const signed = first.sampleFormat === 2 && first.bits !== 1;
  // Compressed pages may declare any size: refuse what cannot be allocated before trying.
  checkDataSize({
    fileName,
    dims: [['frames', frames], ['height', first.height], ['width', first.width]],
    bytesPerSample: Math.max(1, first.bits / 8),
    dtype,
    outBytesPerSample: dtype === 'f32' ? 4 : dtype === 'u16' ? 2 : 1,
  });
  const data = allocate(dtype, plane * frames);
  if (contiguousImageJ) {
    readUncompressed(dv, le, first, first.stripOffsets![0], plane * frames, data, 0, signed);
  } else {
    for (let f = 0; f < images.length; f++) {
      const p = images[f];
      if (canReadDirect(p)) {
        readStrips(dv, le, p, data, f * plane, signed);
      } else {
        decodeWithLibrary(bytes, p, data, f * plane, signed, fail);
      }
    }
  }
  if (signed) notes.push(`signed ${first.bits}-bit integers converted to 32-bit float${first.bits === 32 ? ' (exact up to 2^24 = 16777216)' : ''}`);
  else if (first.bits === 32 && first.sampleFormat === 1) notes.push('unsigned 32-bit integers converted to 32-bit float (exact up to 2^24 = 16777216)');

  const out: TiffImage = { width: first.width, height: first.height, frames, dtype, data, notes };
  if (first.description !== undefined) out.description = first.description;
  if (first.model !== undefined) out.model = first.model;
  const ps = pixelSizeOf(first, ij.unit);
  if (ps) out.pixelSize = ps;
  return out;
}

function describeSample(p: TiffPage): string {
  const fmt = p.sampleFormat === 3 ? 'float' : p.sampleFormat === 2 ? 'signed int' : 'unsigned int';
  return `${p.bits}-bit ${fmt}`;
}

function checkSupported(p: TiffPage, fileLength: number, fail: (m: string) => never): void {
  const where = `page ${p.index}`;
  const supported = 'supported: 8/16-bit unsigned or signed integer, 32-bit integer (uncompressed), 1-bit, 32-bit float, one sample per pixel';
  if (p.width < 1 || p.height < 1) fail(`${where}: ImageWidth × ImageLength = ${p.width} × ${p.height}, expected positive sizes`);
  if (p.samplesPerPixel !== 1) {
    const what = p.photometric === 2 ? 'RGB' : `${p.samplesPerPixel} samples per pixel`;
    fail(`${where}: SamplesPerPixel (277) = ${p.samplesPerPixel} (${what}); ${supported} (grayscale or palette)`);
  }
  if (p.photometric === 0 && p.sampleFormat !== 1) {
    fail(`${where}: PhotometricInterpretation (262) = 0 (WhiteIsZero) with ${describeSample(p)} samples; WhiteIsZero is supported for unsigned integers only`);
  }
  if (![0, 1, 3].includes(p.photometric)) {
    fail(`${where}: PhotometricInterpretation (262) = ${p.photometric}; supported: 0 (WhiteIsZero), 1 (BlackIsZero), 3 (palette)`);
  }
  const okSample =
    (p.sampleFormat === 1 && (p.bits === 1 || p.bits === 8 || p.bits === 16)) ||
    (p.sampleFormat === 2 && (p.bits === 8 || p.bits === 16)) ||
    (p.sampleFormat === 3 && p.bits === 32) ||
    // 32-bit integers (Pilatus/Eiger detector images) are read uncompressed only, into f32.
    ((p.sampleFormat === 1 || p.sampleFormat === 2) && p.bits === 32 && p.compression === 1);
  if (!okSample) {
    fail(`${where}: BitsPerSample (258) = ${p.bits} with SampleFormat (339) = ${p.sampleFormat} (${describeSample(p)}); ${supported}`);
  }
  if (!SUPPORTED_COMPRESSION.has(p.compression)) {
    fail(
      `${where}: Compression (259) = ${p.compression} (${COMPRESSION_NAMES[p.compression] ?? 'unknown'}); ` +
        'supported: 1 (none), 5 (LZW), 8/32946 (Deflate)',
    );
  }
  if (p.predictor !== 1 && !(p.predictor === 2 && (p.bits === 8 || p.bits === 16))) {
    fail(`${where}: Predictor (317) = ${p.predictor} with ${p.bits}-bit samples; supported: 1 (none), or 2 (horizontal) for 8/16-bit`);
  }
  if (p.orientation !== 1) fail(`${where}: Orientation (274) = ${p.orientation}; only 1 (top-left) is supported`);
  const tiled = p.tileOffsets !== null;
  const offsets = tiled ? p.tileOffsets! : p.stripOffsets;
  const counts = tiled ? p.tileByteCounts : p.stripByteCounts;
  const name = tiled ? 'TileOffsets (324)' : 'StripOffsets (273)';
  if (!offsets || offsets.length === 0) fail(`${where}: ${name} is missing; the image data cannot be located`);
  if (!counts) {
    if (p.compression !== 1) fail(`${where}: ${tiled ? 'TileByteCounts (325)' : 'StripByteCounts (279)'} is missing for compressed data`);
    return;
  }
  if (counts.length !== offsets.length) {
    fail(`${where}: ${offsets.length} offsets but ${counts.length} byte counts; the file is corrupt`);
  }
  for (let i = 0; i < offsets.length; i++) {
    if (offsets[i] + counts[i] > fileLength) {
      fail(
        `${where}: ${tiled ? 'tile' : 'strip'} ${i} spans bytes ${offsets[i]}..${offsets[i] + counts[i]}, ` +
          `but the file has ${fileLength} bytes (truncated)`,
      );
    }
  }
  if (p.compression === 1 && !tiled && p.bits >= 8) {
    const bpp = p.bits / 8;
    let remaining = p.height;
    for (let i = 0; i < offsets.length && remaining > 0; i++) {
      const rows = Math.min(p.rowsPerStrip, remaining);
      const need = rows * p.width * bpp;
      if (counts[i] < need) {
        fail(`${where}: strip ${i} holds ${counts[i]} bytes, expected ${need} (${rows} rows × ${p.width} × ${bpp} bytes)`);
      }
      remaining -= rows;
    }
    if (remaining > 0) fail(`${where}: strips cover ${p.height - remaining} of ${p.height} rows; the file is corrupt`);
  }
}

function dtypeOf(p: TiffPage): TiffDType {
  if (p.sampleFormat === 3 || p.sampleFormat === 2 || p.bits === 32) return 'f32';
  return p.bits === 16 ? 'u16' : 'u8';
}

function allocate(dtype: TiffDType, n: number): Uint8Array | Uint16Array | Float32Array {
  return dtype === 'u8' ? new Uint8Array(n) : dtype === 'u16' ? new Uint16Array(n) : new Float32Array(n);
}

function canReadDirect(p: TiffPage): boolean {
  return p.compression === 1 && p.tileOffsets === null && p.bits >= 8 && p.stripOffsets !== null && p.photometric !== 0;
}

function readStrips(dv: DataView, le: boolean, p: TiffPage, out: Uint8Array | Uint16Array | Float32Array, at: number, signed: boolean): void {
  let row = 0;
  const offsets = p.stripOffsets!;
  for (let s = 0; s < offsets.length && row < p.height; s++) {
    const rows = Math.min(p.rowsPerStrip, p.height - row);
    readUncompressed(dv, le, p, offsets[s], rows * p.width, out, at + row * p.width, signed);
    row += rows;
  }
}

function readUncompressed(
  dv: DataView,
  le: boolean,
  p: TiffPage,
  offset: number,
  count: number,
  out: Uint8Array | Uint16Array | Float32Array,
  at: number,
  signed: boolean,
): void {
  if (p.bits === 8) {
    if (signed) for (let i = 0; i < count; i++) out[at + i] = dv.getInt8(offset + i);
    else out.set(new Uint8Array(dv.buffer, dv.byteOffset + offset, count), at);
  } else if (p.bits === 16) {
    if (signed) for (let i = 0; i < count; i++) out[at + i] = dv.getInt16(offset + 2 * i, le);
    else for (let i = 0; i < count; i++) out[at + i] = dv.getUint16(offset + 2 * i, le);
  } else if (p.sampleFormat === 2) {
    for (let i = 0; i < count; i++) out[at + i] = dv.getInt32(offset + 4 * i, le);
  } else if (p.sampleFormat === 1) {
    for (let i = 0; i < count; i++) out[at + i] = dv.getUint32(offset + 4 * i, le);
  } else {
    for (let i = 0; i < count; i++) out[at + i] = dv.getFloat32(offset + 4 * i, le);
  }
}

function decodeWithLibrary(
  bytes: Uint8Array,
  p: TiffPage,
  out: Uint8Array | Uint16Array | Float32Array,
  at: number,
  signed: boolean,
  fail: (m: string) => never,
): void {
  let decoded: ArrayLike<number>;
  try {
    decoded = decode(bytes, { pages: [p.index] })[0].data;
  } catch (e) {
    fail(`page ${p.index}: could not decode ${COMPRESSION_NAMES[p.compression] ?? p.compression} data: ${(e as Error).message}`);
    return;
  }
  const n = p.width * p.height;
  if (decoded.length < n) fail(`page ${p.index}: decoded ${decoded.length} samples, expected ${n} (truncated data)`);
  if (signed) {
    const shift = p.bits === 8 ? 256 : 65536;
    const half = shift / 2;
    for (let i = 0; i < n; i++) {
      const v = decoded[i];
      out[at + i] = v >= half ? v - shift : v;
    }
  } else {
    for (let i = 0; i < n; i++) out[at + i] = decoded[i];
  }
}

/** ImageJ's `images=` and `unit=` from an ImageDescription (shared with the lazy reader). */
export function parseImageJ(desc: string | undefined): { images: number; unit?: string } {
  if (!desc || !desc.startsWith('ImageJ=')) return { images: 1 };
  const get = (k: string) => new RegExp(`(?:^|\\n)${k}=([^\\n]*)`).exec(desc)?.[1]?.trim();
  const images = Number(get('images') ?? '1');
  const unit = get('unit');
  return { images: Number.isInteger(images) && images > 0 ? images : 1, unit };
}

/** Pixel size from an ImageJ unit or a centimetre ResolutionUnit (shared with the lazy reader). */
export function pixelSizeOf(p: Pick<TiffPage, 'xRes' | 'yRes' | 'resUnit'>, ijUnit: string | undefined): TiffImage['pixelSize'] | undefined {
  if (!p.xRes || !p.yRes || !(p.xRes > 0) || !(p.yRes > 0)) return undefined;
  if (ijUnit && ijUnit !== 'pixel') {
    const unit = ijUnit === 'micron' || ijUnit === 'um' || ijUnit === '\\u00B5m' ? 'µm' : ijUnit;
    return { x: 1 / p.xRes, y: 1 / p.yRes, unit };
  }
  // A centimetre resolution unit is a deliberate calibration; inch (the default) is usually a
  // meaningless 72 dpi from imaging software, so it is not taken as a pixel size.
  if (p.resUnit === 3) return { x: 1e4 / p.xRes, y: 1e4 / p.yRes, unit: 'µm' };
  return undefined;
}
