import type { ByteSource } from '../raw/byteSource';
import { guessUniformSeries, predictIfd, predictPage, samePage, type UniformGuess } from './uniformTiffSeries';

/** The IFD facts a reader needs to check a page and locate its pixels. */
export interface TiffPage {
  index: number;
  width: number;
  height: number;
  bits: number;
  samplesPerPixel: number;
  sampleFormat: number;
  compression: number;
  photometric: number;
  predictor: number;
  orientation: number;
  subfileType: number;
  rowsPerStrip: number;
  stripOffsets: number[] | null;
  stripByteCounts: number[] | null;
  tileOffsets: number[] | null;
  tileByteCounts: number[] | null;
  description?: string;
  model?: string;
  xRes?: number;
  yRes?: number;
  resUnit: number;
}

export interface TiffPages {
  littleEndian: boolean;
  bigTiff: boolean;
  pages: TiffPage[];
}

export interface ReadTiffPagesOptions {
  /** Refuse IFD chains longer than this (a corrupt-file guard). @default 100000 */
  maxPages?: number;
  /** Predict and verify uniform series instead of reading every IFD (off: walk the whole chain). @default true */
  uniform?: boolean;
  /** Accept BigTIFF (magic 43); off, it is refused naming the magic number. @default true */
  bigTiff?: boolean;
}

/** Bytes `[start, end)` of the file, asked for by the IFD walker and answered by its driver. */
interface ReadRequest {
  start: number;
  end: number;
}

/**
 * The answer to a request: the file's byte `start` is at `dv` offset `at`, `length` bytes from it
 * (fewer at the end of the file). Over bytes in memory one DataView serves every answer, so
 * readTiff's walk allocates no view per IFD.
 */
interface ReadReply {
  dv: DataView;
  at: number;
  length: number;
}

/**
 * The IFD walk as a generator that yields the byte ranges it needs and is resumed with them: one
 * parser serves the lazy reader (ranged reads, awaited) and `readTiff` (bytes in memory, which
 * must stay synchronous for its many synchronous callers).
 */
type TiffWalk<T> = Generator<ReadRequest, T, ReadReply>;

/** Bytes per value of each TIFF field type (BigTIFF adds 16 LONG8, 17 SLONG8, 18 IFD8). */
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };
const WANTED = new Set([254, 256, 257, 258, 259, 262, 270, 272, 273, 274, 277, 278, 279, 282, 283, 296, 317, 322, 323, 324, 325, 339]);
/**
 * First IFD read; later reads guess the previous IFD's size with its nearby out-of-line values
 * (pages of a stack repeat one layout), so each IFD usually costs one read.
 */
const IFD_GUESS = 512;
/** Out-of-line values larger than this are refused (a corrupt count must not allocate gigabytes). */
const MAX_TAG_BYTES = 64 * 1024 * 1024;
/** Out-of-line values within this many bytes of their IFD are read with it (next IFDs read as much). */
const OUT_OF_LINE_NEAR = 64 * 1024;
/** Out-of-line values up to this size are kept, in case later pages point to the same bytes. */
const SHARED_MAX_BYTES = 256;
/** Pages walked before a uniform series is guessed (page 0 may differ: it alone often carries a description). */
const UNIFORM_PROBE = 3;

/**
 * Reads the header and the IFD chain of a classic TIFF or a BigTIFF through ranged reads only —
 * each IFD and the out-of-line values of the tags we use, never pixel data — so the pages of a
 * 20 GB stack are known after reading a few hundred bytes per page. Offsets are checked against
 * the file size; loops, truncation and absurd counts are refused naming the file, page and tag.
 * A uniform series (pages at constant strides, as tifffile does it) is predicted from its first
 * pages and verified by reading the predicted last and middle IFDs, so 2400 pages cost ~7 reads.
 */
export async function readTiffPages(source: ByteSource, options: ReadTiffPagesOptions = {}): Promise<TiffPages> {
  const walk = walkTiffPages(source.name, source.size, options);
  let step = walk.next();
  while (!step.done) {
    let b: Uint8Array;
    try {
      b = await source.read(step.value.start, step.value.end);
    } catch (e) {
      // Into the walk: a failed read of a predicted IFD only means the guess was wrong
      step = walk.throw(e);
      continue;
    }
    step = walk.next({ dv: new DataView(b.buffer, b.byteOffset, b.byteLength), at: 0, length: b.byteLength });
  }
  return step.value;
}

/** `readTiffPages` over a whole file in memory, synchronously (reads are views, no copies). */
export function readTiffPagesFromBytes(bytes: Uint8Array, name: string, options: ReadTiffPagesOptions = {}): TiffPages {
  const size = bytes.byteLength;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, size);
  const walk = walkTiffPages(name, size, options);
  let step = walk.next();
  while (!step.done) {
    const { start, end } = step.value;
    step = walk.next({ dv, at: start, length: Math.max(0, Math.min(size, end) - start) });
  }
  return step.value;
}

/**
 * What one walk knows of its file. The IFD readers below take it as an argument instead of being
 * generators nested in the walk: a nested generator function gets a new prototype and object map
 * on every walk, which cost ~5 µs per file (readTiff of a small TIFF took 2–3× as long).
 */
interface Walk {
  size: number;
  le: boolean;
  big: boolean;
  entrySize: number;
  countSize: number;
  offSize: number;
  /** Bytes read for the next IFD: the last IFD's size with its nearby out-of-line values. */
  guess: number;
  /** Small out-of-line values, by `offset:bytes`, read once for all the pages that point to them. */
  shared: Map<string, ReadReply>;
  fail: (msg: string) => never;
}

function* walkTiffPages(name: string, size: number, options: ReadTiffPagesOptions): TiffWalk<TiffPages> {
  const maxPages = options.maxPages ?? 100000;
  const uniform = options.uniform ?? true;
  const allowBig = options.bigTiff ?? true;
  const fail = (msg: string): never => {
    throw new RangeError(`${name}: ${msg}`);
  };
  const { dv: hv, at: h, length: headLength } = yield { start: 0, end: 16 };
  if (headLength < 8) fail(`not a TIFF file: ${size} bytes, a TIFF header needs 8`);
  const order = hv.getUint16(h, false);
  if (order !== 0x4949 && order !== 0x4d4d) fail(`not a TIFF file: first bytes 0x${order.toString(16)}, expected "II" or "MM"`);
  const le = order === 0x4949;
  const magic = hv.getUint16(h + 2, le);
  if (magic === 43 && !allowBig) fail('BigTIFF (magic 43) is not supported; expected classic TIFF (magic 42)');
  if (magic !== 42 && magic !== 43) fail(`not a TIFF file: magic number ${magic}, expected ${allowBig ? '42 (TIFF) or 43 (BigTIFF)' : '42'}`);
  const big = magic === 43;
  if (big && (headLength < 16 || hv.getUint16(h + 4, le) !== 8))
    fail('BigTIFF header: offset size must be 8 (bytes 4–5), the header needs 16 bytes');
  const w: Walk = {
    size,
    le,
    big,
    entrySize: big ? 20 : 12,
    countSize: big ? 8 : 2,
    offSize: big ? 8 : 4,
    guess: IFD_GUESS,
    shared: new Map(),
    fail,
  };

  const pages: TiffPage[] = [];
  const ifds: number[] = [];
  const seen = new Set<number>();
  let offset = big ? u64(w, hv, h + 8, 'first IFD offset') : hv.getUint32(h + 4, le);
  while (offset !== 0) {
    const index = pages.length;
    if (seen.has(offset)) fail(`IFD chain loops back to offset ${offset} after page ${index - 1}; the file is corrupt`);
    if (index >= maxPages) fail(`more than ${maxPages} pages; refusing (corrupt IFD chain?)`);
    seen.add(offset);
    const { page, next, ifdBytes } = (yield* readIfd(w, offset, index))!;
    pages.push(page);
    ifds.push(offset);
    // After 3 pages, a series whose IFDs and strips advance by constant strides is predicted
    // (a 2400-page stack costs a handful of reads, not 2400); if the check fails, keep walking.
    if (uniform && pages.length === UNIFORM_PROBE && next === 2 * ifds[2] - ifds[1]) {
      const g = guessUniformSeries(pages, ifds, ifdBytes, size);
      for (const count of g?.counts ?? []) {
        if (count <= maxPages && (yield* verify(w, g!, count, (ifdBytes - w.countSize - w.offSize) / w.entrySize))) {
          for (let k = UNIFORM_PROBE; k < count; k++) pages.push(predictPage(g!, k));
          return { littleEndian: le, bigTiff: big, pages };
        }
      }
    }
    offset = next;
  }
  if (pages.length === 0) fail('no image (the first IFD offset is 0)');
  return { littleEndian: le, bigTiff: big, pages };
}

/** An unsigned 64-bit value as a number; refuses offsets beyond 2^53 (no real file has them). */
function u64(w: Walk, dv: DataView, at: number, what: string): number {
  const v = dv.getBigUint64(at, w.le);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) w.fail(`${what} = ${v} is beyond any file size`);
  return Number(v);
}

/**
 * Page `index` from the IFD at `offset` and the next IFD's offset. With `entries`, an IFD with
 * another entry count gives null before anything else is read (a wrong guess, not a bad file).
 */
function* readIfd(w: Walk, offset: number, index: number, entries?: number): TiffWalk<{ page: TiffPage; next: number; ifdBytes: number } | null> {
  const { size, le, big, entrySize, countSize, offSize, fail } = w;
  if (offset + countSize > size) fail(`page ${index}: IFD offset ${offset} is beyond the end of the file (${size} bytes); truncated?`);
  let block = yield { start: offset, end: Math.min(size, offset + w.guess) };
  const n = big ? u64(w, block.dv, block.at, `page ${index}: IFD entry count`) : block.dv.getUint16(block.at, le);
  if (entries !== undefined && n !== entries) return null;
  const ifdBytes = countSize + entrySize * n + offSize;
  if (offset + ifdBytes > size) fail(`page ${index}: IFD with ${n} entries ends at byte ${offset + ifdBytes}, but the file has ${size} bytes; truncated?`);
  if (ifdBytes > block.length) {
    if (ifdBytes > MAX_TAG_BYTES) fail(`page ${index}: IFD declares ${n} entries; refusing (corrupt file?)`);
    block = yield { start: offset, end: offset + ifdBytes };
  }
  const { dv, at: b0 } = block; // file byte `offset` is at dv offset b0
  const tags = new Map<number, number[] | string>();
  let extent = ifdBytes; // IFD table plus the out-of-line values right after it
  for (let k = 0; k < n; k++) {
    const e = b0 + countSize + entrySize * k;
    const tag = dv.getUint16(e, le);
    const type = dv.getUint16(e + 2, le);
    const tsize = TYPE_SIZES[type];
    if (tsize === undefined) continue; // unknown types are skipped, as the spec asks
    const count = big ? u64(w, dv, e + 4, `page ${index}: tag ${tag} count`) : dv.getUint32(e + 4, le);
    const nbytes = tsize * count;
    const where = nbytes <= offSize ? -1 : big ? u64(w, dv, e + 12, `page ${index}: tag ${tag} offset`) : dv.getUint32(e + 8, le);
    // Every tag, used or not, must lie inside the file: one pointing past the end means truncation
    if (where >= 0 && where + nbytes > size)
      fail(`page ${index}: tag ${tag} points to bytes ${where}..${where + nbytes}, beyond the end of the file (${size} bytes); truncated?`);
    if (!WANTED.has(tag)) continue;
    let vals: DataView;
    let at: number;
    if (where < 0) {
      vals = dv;
      at = e + (big ? 12 : 8);
    } else {
      if (nbytes > MAX_TAG_BYTES) fail(`page ${index}: tag ${tag} holds ${count} values (${nbytes} bytes); refusing (corrupt file?)`);
      if (where >= offset && where + nbytes - offset <= OUT_OF_LINE_NEAR) extent = Math.max(extent, where + nbytes - offset);
      if (where >= offset && where + nbytes <= offset + block.length) {
        // Writers put values right after the table: already read, no extra read
        vals = dv;
        at = b0 + where - offset;
      } else {
        // Writers often share one value between pages (tifffile's resolutions): read it once
        const key = `${where}:${nbytes}`;
        let b = w.shared.get(key);
        if (!b) {
          b = yield { start: where, end: where + nbytes };
          if (nbytes <= SHARED_MAX_BYTES) w.shared.set(key, b);
        }
        vals = b.dv;
        at = b.at;
      }
    }
    tags.set(tag, type === 2 ? asciiValue(vals, at, count) : numberValues(vals, le, type, at, count, tsize));
  }
  const nextAt = b0 + countSize + entrySize * n;
  const next = big ? u64(w, dv, nextAt, `page ${index}: next IFD offset`) : dv.getUint32(nextAt, le);
  w.guess = Math.max(countSize, extent);
  return { page: toPage(index, tags, fail), next, ifdBytes };
}

/**
 * Whether the uniform-series guess holds for `count` pages: the predicted last IFD (and one in
 * the middle) is read and must equal its prediction, the last one ending the chain. Any
 * mismatch or error in a predicted IFD only means the guess was wrong.
 */
function* verify(w: Walk, g: UniformGuess, count: number, entries: number): TiffWalk<boolean> {
  const checks = [count - 1, Math.floor(count / 2)].filter((k, i, all) => k > 2 && all.indexOf(k) === i);
  for (const k of checks) {
    try {
      const got = yield* readIfd(w, predictIfd(g, k), k, entries);
      const next = k === count - 1 ? 0 : predictIfd(g, k + 1);
      if (!got || got.next !== next || !samePage(got.page, predictPage(g, k))) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function asciiValue(dv: DataView, at: number, count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) {
    const c = dv.getUint8(at + i);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

function numberValues(dv: DataView, le: boolean, type: number, at: number, count: number, size: number): number[] {
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const o = at + i * size;
    switch (type) {
      case 1: case 7: out[i] = dv.getUint8(o); break;
      case 6: out[i] = dv.getInt8(o); break;
      case 3: out[i] = dv.getUint16(o, le); break;
      case 8: out[i] = dv.getInt16(o, le); break;
      case 4: case 13: out[i] = dv.getUint32(o, le); break;
      case 9: out[i] = dv.getInt32(o, le); break;
      case 5: out[i] = dv.getUint32(o, le) / dv.getUint32(o + 4, le); break;
      case 10: out[i] = dv.getInt32(o, le) / dv.getInt32(o + 4, le); break;
      case 11: out[i] = dv.getFloat32(o, le); break;
      case 12: out[i] = dv.getFloat64(o, le); break;
      case 16: case 18: out[i] = Number(dv.getBigUint64(o, le)); break;
      case 17: out[i] = Number(dv.getBigInt64(o, le)); break;
      default: out[i] = 0;
    }
  }
  return out;
}

const TAG_NAMES: Record<number, string> = { 256: 'ImageWidth', 257: 'ImageLength' };

function toPage(index: number, tags: Map<number, number[] | string>, fail: (m: string) => never): TiffPage {
  const num = (tag: number, dflt?: number): number => {
    const v = tags.get(tag);
    if (Array.isArray(v) && v.length > 0) return v[0];
    if (dflt === undefined) return fail(`page ${index}: required tag ${tag} (${TAG_NAMES[tag] ?? 'unknown'}) is missing`);
    return dflt;
  };
  const arr = (tag: number): number[] | null => {
    const v = tags.get(tag);
    return Array.isArray(v) ? v : null;
  };
  const bitsArr = arr(258) ?? [1];
  if (bitsArr.some((b) => b !== bitsArr[0])) fail(`page ${index}: BitsPerSample (258) = ${bitsArr.join(',')}, mixed sample sizes are not supported`);
  const desc = tags.get(270);
  const model = tags.get(272);
  // Every field in one literal, absent ones undefined: all pages share one shape, so the readers'
  // per-page property reads stay monomorphic (optional fields added afterwards made readTiff
  // ~1.25× slower on a 2000-page stack whose page 0 alone has a description).
  return {
    index,
    width: num(256),
    height: num(257),
    bits: bitsArr[0],
    samplesPerPixel: num(277, 1),
    sampleFormat: num(339, 1),
    compression: num(259, 1),
    photometric: num(262, 1),
    predictor: num(317, 1),
    orientation: num(274, 1),
    subfileType: num(254, 0),
    rowsPerStrip: Math.min(num(278, 0xffffffff), num(257)),
    stripOffsets: arr(273),
    stripByteCounts: arr(279),
    tileOffsets: arr(324),
    tileByteCounts: arr(325),
    description: typeof desc === 'string' ? desc : undefined,
    model: typeof model === 'string' ? model : undefined,
    xRes: tags.has(282) ? num(282) : undefined,
    yRes: tags.has(283) ? num(283) : undefined,
    resUnit: num(296, 2),
  };
}
