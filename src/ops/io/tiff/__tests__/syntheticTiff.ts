/**
 * Builds TIFF/BigTIFF headers and IFDs by hand for the lazy-reader tests (not a test file): files
 * whose headers declare huge stacks are written sparse, so only the header, the IFDs and the
 * frames actually written occupy disk.
 */
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';

/** [tag, type, values]: type 3 SHORT, 4 LONG, 16 LONG8, 2 ASCII (values = the string). */
export type Entry = [number, number, number[] | string];

const SIZES: Record<number, number> = { 2: 1, 3: 2, 4: 4, 16: 8 };

/** One IFD at `at` (little-endian); out-of-line values follow it. Returns the bytes and where the next-IFD offset lies. */
export function ifdBytes(entries: Entry[], at: number, big: boolean, next = 0): Uint8Array {
  const es = big ? 20 : 12;
  const head = big ? 8 : 2;
  const inline = big ? 8 : 4;
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  const table = head + es * sorted.length + (big ? 8 : 4);
  const extra = sorted.reduce((n, [, t, v]) => {
    const len = typeof v === 'string' ? v.length + 1 : v.length * SIZES[t];
    return n + (len > inline ? len + (len & 1) : 0);
  }, 0);
  const out = new Uint8Array(table + extra);
  const dv = new DataView(out.buffer);
  if (big) dv.setBigUint64(0, BigInt(sorted.length), true);
  else dv.setUint16(0, sorted.length, true);
  let x = table;
  sorted.forEach(([tag, type, v], k) => {
    const e = head + es * k;
    const bytes = typeof v === 'string' ? Uint8Array.from([...v].map((c) => c.charCodeAt(0)).concat(0)) : null;
    const count = bytes ? bytes.length : (v as number[]).length;
    const len = count * SIZES[type];
    dv.setUint16(e, tag, true);
    dv.setUint16(e + 2, type, true);
    if (big) dv.setBigUint64(e + 4, BigInt(count), true);
    else dv.setUint32(e + 4, count, true);
    let w = e + (big ? 12 : 8);
    if (len > inline) {
      if (big) dv.setBigUint64(w, BigInt(at + x), true);
      else dv.setUint32(w, at + x, true);
      w = x;
      x += len + (len & 1);
    }
    if (bytes) out.set(bytes, w);
    else
      (v as number[]).forEach((n, i) => {
        const o = w + i * SIZES[type];
        if (type === 3) dv.setUint16(o, n, true);
        else if (type === 4) dv.setUint32(o, n, true);
        else dv.setBigUint64(o, BigInt(n), true);
      });
  });
  if (big) dv.setBigUint64(head + es * sorted.length, BigInt(next), true);
  else dv.setUint32(head + es * sorted.length, next, true);
  return out;
}

/** The 8-byte classic or 16-byte BigTIFF little-endian header pointing at `firstIfd`. */
export function tiffHeader(big: boolean, firstIfd: number): Uint8Array {
  const out = new Uint8Array(big ? 16 : 8);
  const dv = new DataView(out.buffer);
  dv.setUint16(0, 0x4949, false);
  dv.setUint16(2, big ? 43 : 42, true);
  if (big) {
    dv.setUint16(4, 8, true);
    dv.setBigUint64(8, BigInt(firstIfd), true);
  } else dv.setUint32(4, firstIfd, true);
  return out;
}

/** Entries of an uncompressed one-strip grayscale u16 page whose pixels start at `data`. */
export function u16PageEntries(width: number, height: number, data: number, big: boolean): Entry[] {
  const long = big ? 16 : 4;
  return [
    [256, 4, [width]], [257, 4, [height]], [258, 3, [16]], [259, 3, [1]], [262, 3, [1]],
    [273, long, [data]], [277, 3, [1]], [278, 4, [height]], [279, long, [width * height * 2]], [339, 3, [1]],
  ];
}

/**
 * Writes a sparse little-endian BigTIFF of `frames` u16 pages (IFD then pixels, as tifffile lays
 * them out) whose first frame holds `firstFrame`; the other frames are holes. Returns the size.
 */
export function writeSparseBigTiff(path: string, width: number, height: number, frames: number, firstFrame: Uint16Array): number {
  const fd = openSync(path, 'w');
  try {
    const frameBytes = width * height * 2;
    const ifdLen = ifdBytes(u16PageEntries(width, height, 0, true), 0, true).byteLength;
    const step = ifdLen + frameBytes;
    writeSync(fd, tiffHeader(true, 16), 0, 16, 0);
    for (let f = 0; f < frames; f++) {
      const at = 16 + f * step;
      const next = f + 1 < frames ? at + step : 0;
      writeSync(fd, ifdBytes(u16PageEntries(width, height, at + ifdLen, true), at, true, next), 0, ifdLen, at);
      if (f === 0) writeSync(fd, new Uint8Array(firstFrame.buffer, firstFrame.byteOffset, frameBytes), 0, frameBytes, at + ifdLen);
    }
    const size = 16 + frames * step;
    ftruncateSync(fd, size);
    return size;
  } finally {
    closeSync(fd);
  }
}
