export interface EncodeTiffOptions {
  width: number;
  height: number;
  /**
   * Pages; data holds `frames × height × width` values.
   * @default 1
   */
  frames?: number;
  /** Pixel size, written as ImageJ calibration (unit) and X/YResolution = 1/size. */
  pixelSize?: { x: number; y: number; unit: string };
  /**
   * ImageDescription of the first page. By default an ImageJ header (images, slices, unit) so
   * ImageJ/Fiji open multi-page files as a stack with their calibration.
   */
  description?: string;
}

type Pixels = Uint8Array | Uint16Array | Float32Array;

/**
 * A baseline little-endian TIFF: one uncompressed strip per page, 8/16-bit unsigned or 32-bit
 * float (SampleFormat 1 or 3), grayscale (BlackIsZero), one IFD per frame. Readable by
 * tifffile, ImageJ/Fiji and `readTiff`. Files above 4 GiB are refused (classic TIFF offsets).
 */
export function encodeTiff(data: Pixels, options: EncodeTiffOptions): Uint8Array {
  const { width, height } = options;
  const frames = options.frames ?? 1;
  for (const [k, v] of [['width', width], ['height', height], ['frames', frames]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`encodeTiff: ${k} = ${v}, expected a positive integer`);
  }
  const plane = width * height;
  if (data.length !== plane * frames) {
    throw new RangeError(`encodeTiff: data has ${data.length} values, expected frames·height·width = ${plane * frames}`);
  }
  const bytesPer = data.BYTES_PER_ELEMENT;
  const sampleFormat = data instanceof Float32Array ? 3 : 1;
  const ps = options.pixelSize;
  if (ps && !(ps.x > 0 && ps.y > 0)) throw new RangeError(`encodeTiff: pixelSize = ${ps.x}×${ps.y}, expected positive sizes`);
  const description = options.description ?? imageJDescription(frames, ps?.unit);
  const descBytes = new TextEncoder().encode(description + '\0');

  const entries = 12 + (ps ? 3 : 0);
  const ifdSize = 2 + 12 * entries + 4;
  // Per page: [IFD][resolution rationals 16 B][pixel data]; description after the first IFD.
  const pageBytes = plane * bytesPer;
  const extraFirst = descBytes.length + (descBytes.length % 2);
  const total = 8 + frames * (ifdSize + (ps ? 16 : 0) + pageBytes + 2) + extraFirst;
  if (total > 0xffffffff) throw new RangeError(`encodeTiff: ${total} bytes exceed the 4 GiB limit of classic TIFF`);
  const buf = new ArrayBuffer(total);
  const dv = new DataView(buf);
  const u8 = new Uint8Array(buf);
  u8[0] = 0x49;
  u8[1] = 0x49;
  dv.setUint16(2, 42, true);
  let pos = 8;
  dv.setUint32(4, pos, true);
  for (let f = 0; f < frames; f++) {
    const ifd = pos;
    let after = ifd + ifdSize;
    let descAt = 0;
    if (f === 0) {
      descAt = after;
      u8.set(descBytes, descAt);
      after += extraFirst;
    }
    let resAt = 0;
    if (ps) {
      resAt = after;
      writeRational(dv, resAt, 1 / ps.x);
      writeRational(dv, resAt + 8, 1 / ps.y);
      after += 16;
    }
    if (after % 2) after++;
    const dataAt = after;
    const tags: [number, number, number, number][] = [
      [254, 4, 1, 0],
      [256, 4, 1, width],
      [257, 4, 1, height],
      [258, 3, 1, 8 * bytesPer],
      [259, 3, 1, 1],
      [262, 3, 1, 1],
    ];
    if (f === 0) tags.push([270, 2, descBytes.length, descAt]);
    tags.push([273, 4, 1, dataAt], [277, 3, 1, 1], [278, 4, 1, height], [279, 4, 1, pageBytes]);
    if (ps) tags.push([282, 5, 1, resAt], [283, 5, 1, resAt + 8], [296, 3, 1, 1]);
    tags.push([339, 3, 1, sampleFormat]);
    dv.setUint16(ifd, tags.length, true);
    tags.forEach(([tag, type, count, value], k) => {
      const e = ifd + 2 + 12 * k;
      dv.setUint16(e, tag, true);
      dv.setUint16(e + 2, type, true);
      dv.setUint32(e + 4, count, true);
      if (type === 3) dv.setUint16(e + 8, value, true);
      else dv.setUint32(e + 8, value, true);
    });
    const src = data.subarray(f * plane, (f + 1) * plane);
    if (bytesPer === 1) u8.set(src as Uint8Array, dataAt);
    else if (bytesPer === 2) for (let i = 0; i < plane; i++) dv.setUint16(dataAt + 2 * i, src[i], true);
    else for (let i = 0; i < plane; i++) dv.setFloat32(dataAt + 4 * i, src[i], true);
    pos = dataAt + pageBytes;
    if (pos % 2) pos++;
    dv.setUint32(ifd + 2 + 12 * tags.length, f === frames - 1 ? 0 : pos, true);
  }
  return u8.subarray(0, pos);
}

function imageJDescription(frames: number, unit: string | undefined): string {
  const lines = ['ImageJ=1.11a', `images=${frames}`];
  if (frames > 1) lines.push(`slices=${frames}`);
  if (unit) lines.push(`unit=${unit === 'µm' ? 'micron' : unit}`);
  lines.push('loop=false', '');
  return lines.join('\n');
}

/** A positive number as an unsigned rational with the largest denominator that fits (≈1e-9 relative). */
function writeRational(dv: DataView, at: number, v: number): void {
  if (!(v > 0) || v >= 0xffffffff) throw new RangeError(`encodeTiff: resolution ${v} pixels per unit cannot be stored as a TIFF rational`);
  const den = Math.floor(0xffffffff / Math.max(v, 1));
  dv.setUint32(at, Math.min(0xffffffff, Math.round(v * den)), true);
  dv.setUint32(at + 4, den, true);
}
