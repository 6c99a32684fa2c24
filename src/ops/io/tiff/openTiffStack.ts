import type { PixelDType, PixelSize } from '../../../runtime/values';
import type { ByteSource } from '../raw/byteSource';
import { checkDataSize } from '../raw/checkDataSize';
import { RAW_BYTES, RAW_PIXEL_DTYPE, type RawDType } from '../raw/decodeRawSamples';
import { parseImageJ, pixelSizeOf } from './readTiff';
import { readTiffPages, type ReadTiffPagesOptions, type TiffPage } from './readTiffPages';

/** Bytes `[offset, offset + bytes)` of the file hold the samples of a frame from `sample` on. */
export interface TiffSegment {
  offset: number;
  bytes: number;
  sample: number;
}

/** A TIFF stack opened from its header and IFDs only: shape, type and where each frame lies. */
export interface TiffStack {
  source: ByteSource;
  width: number;
  height: number;
  frames: number;
  /** Pixel type the frames are returned as. */
  dtype: PixelDType;
  bigTiff: boolean;
  littleEndian: boolean;
  /**
   * Frames are read by ranged reads of their own bytes (uncompressed strips); otherwise the whole
   * file is decoded by `readTiff` (compressed or tiled classic TIFFs up to 2 GiB).
   */
  lazy: boolean;
  /** Sample type in the file, for lazy reads. */
  sampleType: RawDType | null;
  /** Byte ranges of frame `f` (lazy stacks only), adjacent strips merged into one read. */
  segments(f: number): TiffSegment[];
  description?: string;
  model?: string;
  pixelSize?: PixelSize;
  notes: string[];
}

/** Classic TIFFs that cannot be read frame by frame are decoded whole up to this size. */
export const WHOLE_TIFF_MAX_BYTES = 2 ** 31;

const SAMPLE_TYPES: Record<string, RawDType> = { '8/1': 'u8', '16/1': 'u16', '16/2': 'i16', '32/1': 'u32', '32/2': 'i32', '32/3': 'f32' };

/** Why a page cannot be read by ranged reads of its strips, or null when it can. */
function lazyBlocker(p: TiffPage): string | null {
  if (p.samplesPerPixel !== 1) return `SamplesPerPixel (277) = ${p.samplesPerPixel}`;
  if (p.compression !== 1) return `Compression (259) = ${p.compression}`;
  if (p.tileOffsets !== null) return 'tiled (TileOffsets, 324)';
  if (p.photometric !== 1 && p.photometric !== 3) return `PhotometricInterpretation (262) = ${p.photometric}`;
  if (p.orientation !== 1) return `Orientation (274) = ${p.orientation}`;
  if (!SAMPLE_TYPES[`${p.bits}/${p.sampleFormat}`]) return `BitsPerSample (258) = ${p.bits} with SampleFormat (339) = ${p.sampleFormat}`;
  if (!p.stripOffsets || p.stripOffsets.length === 0) return 'StripOffsets (273) missing';
  return null;
}

/** Same rule as `readTiff`: u8/u16 kept, signed, 32-bit and float samples as float32. */
function dtypeOf(p: TiffPage): PixelDType {
  if (p.sampleFormat === 3 || p.sampleFormat === 2 || p.bits === 32) return 'f32';
  return p.bits === 16 ? 'u16' : 'u8';
}

/** Strips of a page as byte ranges, checked against the file; adjacent strips are merged. */
function pageSegments(p: TiffPage, bps: number, fileSize: number, fail: (m: string) => never): TiffSegment[] {
  const segs: TiffSegment[] = [];
  const offsets = p.stripOffsets!;
  let row = 0;
  for (let s = 0; s < offsets.length && row < p.height; s++) {
    const rows = Math.min(p.rowsPerStrip, p.height - row);
    const need = rows * p.width * bps;
    const count = p.stripByteCounts?.[s];
    if (count !== undefined && count < need) fail(`page ${p.index}: strip ${s} holds ${count} bytes, expected ${need} (${rows} rows × ${p.width} × ${bps} bytes)`);
    if (offsets[s] + need > fileSize) fail(`page ${p.index}: strip ${s} spans bytes ${offsets[s]}..${offsets[s] + need}, but the file has ${fileSize} bytes (truncated)`);
    const last = segs[segs.length - 1];
    if (last && last.offset + last.bytes === offsets[s]) last.bytes += need;
    else segs.push({ offset: offsets[s], bytes: need, sample: row * p.width });
    row += rows;
  }
  if (row < p.height) fail(`page ${p.index}: strips cover ${row} of ${p.height} rows; the file is corrupt`);
  return segs;
}

/**
 * Opens a TIFF or BigTIFF stack from its header and IFD chain only (`readTiffPages`): shape,
 * pixel type, calibration and the byte ranges of every frame, without reading pixel data. One
 * frame must fit the allocation limit, checked here, so a header declaring 100000×100000 pixels
 * is refused before anything is allocated. Pages must agree in size and type; reduced-resolution
 * pages are skipped; an ImageJ stack stored as one IFD with `images=N` gives N contiguous frames.
 */
export async function openTiffStack(source: ByteSource, options: ReadTiffPagesOptions = {}): Promise<TiffStack> {
  const fail = (msg: string): never => {
    throw new RangeError(`${source.name}: ${msg}`);
  };
  const { pages, bigTiff, littleEndian } = await readTiffPages(source, options);
  const images = pages.filter((p) => (p.subfileType & 1) === 0);
  if (images.length === 0) fail('no full-resolution image page (all pages are reduced-resolution)');
  const first = images[0];
  if (first.width < 1 || first.height < 1) fail(`page ${first.index}: ImageWidth × ImageLength = ${first.width} × ${first.height}, expected positive sizes`);
  for (const p of images) {
    if (p.width !== first.width || p.height !== first.height || p.bits !== first.bits || p.sampleFormat !== first.sampleFormat)
      fail(
        `page ${p.index} is ${p.width}×${p.height} ${p.bits}-bit (SampleFormat ${p.sampleFormat}), but page ${first.index} is ` +
          `${first.width}×${first.height} ${first.bits}-bit (SampleFormat ${first.sampleFormat}); all pages of a stack must agree`,
      );
  }
  const blocker = images.map((p) => ({ p, why: lazyBlocker(p) })).find((b) => b.why !== null);
  const sampleType = blocker ? null : SAMPLE_TYPES[`${first.bits}/${first.sampleFormat}`];
  const bps = sampleType ? RAW_BYTES[sampleType] : Math.max(1, first.bits / 8);
  const dtype = sampleType ? RAW_PIXEL_DTYPE[sampleType] : dtypeOf(first);
  const ij = parseImageJ(first.description);
  const contiguous = !blocker && images.length === 1 && ij.images > 1;
  const frames = contiguous ? ij.images : images.length;
  const plane = first.width * first.height;
  // One frame must be allocatable: the first thing checked, before any size is trusted further.
  checkDataSize({
    fileName: source.name,
    dims: [['frames', frames], ['height', first.height], ['width', first.width]],
    bytesPerSample: bps,
    dtype: sampleType ?? `${first.bits}-bit`,
    samplesToRead: plane,
    outBytesPerSample: dtype === 'f32' ? 4 : bps,
  });
  if (blocker && (bigTiff || source.size > WHOLE_TIFF_MAX_BYTES))
    fail(
      `page ${blocker.p.index}: ${blocker.why}; ${bigTiff ? 'BigTIFF files' : `files over ${WHOLE_TIFF_MAX_BYTES} bytes`} are read frame by frame, ` +
        'which needs uncompressed strips of one 8/16/32-bit sample per pixel (top-left orientation)',
    );

  let segments: (f: number) => TiffSegment[] = () => [];
  if (contiguous) {
    const frameBytes = plane * bps;
    const start = first.stripOffsets![0];
    if (start + frameBytes * frames > source.size)
      fail(`ImageJ description says images=${frames}, which needs ${frameBytes * frames} bytes from offset ${start}, but the file has ${source.size} bytes (truncated?)`);
    segments = (f) => [{ offset: start + f * frameBytes, bytes: frameBytes, sample: 0 }];
  } else if (!blocker) {
    const perPage = images.map((p) => pageSegments(p, bps, source.size, fail));
    segments = (f) => perPage[f];
  }

  const notes: string[] = [];
  if (first.sampleFormat === 2) notes.push(`signed ${first.bits}-bit integers converted to 32-bit float${first.bits === 32 ? ' (exact up to 2^24 = 16777216)' : ''}`);
  else if (first.bits === 32 && first.sampleFormat === 1) notes.push('unsigned 32-bit integers converted to 32-bit float (exact up to 2^24 = 16777216)');
  const stack: TiffStack = {
    source,
    width: first.width,
    height: first.height,
    frames,
    dtype,
    bigTiff,
    littleEndian,
    lazy: !blocker,
    sampleType,
    segments,
    notes,
  };
  if (first.description !== undefined) stack.description = first.description;
  if (first.model !== undefined) stack.model = first.model;
  const ps = pixelSizeOf(first, ij.unit);
  if (ps) stack.pixelSize = ps;
  return stack;
}
