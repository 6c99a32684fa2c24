/**
 * Reads an ESRF Data Format (EDF) file: one or more blocks, each an ASCII header
 * `{ key = value ; … }` (padded, usually to a multiple of 512 bytes) followed by `Size` bytes of
 * binary data described by `DataType`, `ByteOrder` (LowByteFirst / HighByteFirst), `Dim_1`
 * (columns, fastest) and `Dim_2` (rows). Several blocks of the same shape become frames.
 * 8/16-bit unsigned data keep their type; signed, 32-bit and float data are returned as 32-bit float
 * (noted). Compressed blocks are refused. Every size is checked against the file before anything
 * is allocated. (As fabio's `EdfImage` and the ESRF "EDF format" note.)
 */
export interface EdfImage {
  width: number;
  height: number;
  frames: number;
  dtype: 'u8' | 'u16' | 'f32';
  /** Row-major `frames × height × width`. */
  data: Uint8Array | Uint16Array | Float32Array;
  /** Header keys of the first block, as written. */
  header: Record<string, string>;
  notes: string[];
}

export interface ReadEdfOptions {
  /** Refuse files with more blocks than this (a corrupt file guard). @default 100000 */
  maxFrames?: number;
}

type Kind = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'f64';
const TYPES: Record<string, Kind> = {
  unsignedbyte: 'u8', unsignedchar: 'u8', unsigned8: 'u8', signedbyte: 'i8', signedchar: 'i8', signed8: 'i8',
  unsignedshort: 'u16', unsigned16: 'u16', signedshort: 'i16', signed16: 'i16',
  unsignedinteger: 'u32', unsignedint: 'u32', unsignedlong: 'u32', unsigned32: 'u32',
  signedinteger: 'i32', signedint: 'i32', signedlong: 'i32', signed32: 'i32',
  floatvalue: 'f32', float: 'f32', floatieee32: 'f32', real: 'f32', doublevalue: 'f64', double: 'f64', doubleieee64: 'f64',
};
const SIZES: Record<Kind, number> = { u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, f64: 8 };

interface Block {
  header: Record<string, string>;
  kind: Kind;
  le: boolean;
  width: number;
  height: number;
  offset: number;
}

export function readEdf(bytes: Uint8Array, fileName: string, options: ReadEdfOptions = {}): EdfImage {
  const maxFrames = options.maxFrames ?? 100000;
  const fail = (msg: string): never => {
    throw new Error(`${fileName}: ${msg}`);
  };
  const blocks: Block[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    // Skip padding between blocks (whitespace or NUL).
    while (pos < bytes.length && (bytes[pos] === 0 || bytes[pos] === 10 || bytes[pos] === 13 || bytes[pos] === 32)) pos++;
    if (pos >= bytes.length) break;
    const b = blocks.length + 1;
    if (bytes[pos] !== 0x7b) fail(`block ${b} at byte ${pos}: expected "{" starting an EDF header, got byte 0x${bytes[pos].toString(16)}`);
    if (blocks.length >= maxFrames) fail(`more than ${maxFrames} blocks; refusing (corrupt file?)`);
    const close = bytes.indexOf(0x7d, pos);
    if (close < 0) fail(`block ${b} at byte ${pos}: header never closed: expected "}" (truncated file?)`);
    let start = close + 1;
    if (bytes[start] === 13) start++;
    if (bytes[start] === 10) start++;
    const text = new TextDecoder('latin1').decode(bytes.subarray(pos + 1, close));
    const header: Record<string, string> = {};
    for (const item of text.split(';')) {
      const k = item.indexOf('=');
      if (k < 0) continue;
      const key = item.slice(0, k).trim();
      if (key) header[key] = item.slice(k + 1).trim();
    }
    const get = (key: string) => Object.entries(header).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
    const dim = (key: string): number => {
      const v = get(key);
      if (v === undefined) fail(`block ${b}: header has no ${key}: expected the image size`);
      const d = Number(v);
      if (!Number.isInteger(d) || d < 1) fail(`block ${b}: ${key} = "${v}": expected a positive integer`);
      return d;
    };
    const width = dim('Dim_1');
    const height = dim('Dim_2');
    const d3 = get('Dim_3');
    if (d3 !== undefined && Number(d3) !== 1) fail(`block ${b}: Dim_3 = "${d3}": 3-D blocks are not supported, expected 1 or none`);
    const typeName = get('DataType');
    if (typeName === undefined) fail(`block ${b}: header has no DataType: expected e.g. UnsignedShort, SignedInteger, FloatValue`);
    const kind = TYPES[typeName!.toLowerCase()];
    if (!kind) fail(`block ${b}: DataType = "${typeName}": supported: ${Object.keys(TYPES).slice(0, 14).join(', ')}, FloatValue, DoubleValue`);
    const order = get('ByteOrder') ?? 'LowByteFirst';
    if (!/^(LowByteFirst|HighByteFirst)$/i.test(order)) fail(`block ${b}: ByteOrder = "${order}": expected LowByteFirst or HighByteFirst`);
    const comp = get('Compression');
    if (comp !== undefined && !/^(none|no|)$/i.test(comp)) fail(`block ${b}: Compression = "${comp}": compressed EDF is not supported, expected none`);
    const need = width * height * SIZES[kind];
    const sizeText = get('Size') ?? get('EDF_BinarySize');
    const size = sizeText === undefined ? need : Number(sizeText);
    if (!Number.isInteger(size) || size < need)
      fail(`block ${b}: Size = ${sizeText} bytes, but Dim_1 × Dim_2 × ${SIZES[kind]} (${typeName}) = ${need}: expected at least that`);
    if (start + need > bytes.length)
      fail(`block ${b}: data needs bytes ${start}..${start + need} (${width}×${height} ${typeName}), but the file has ${bytes.length} bytes (truncated?)`);
    blocks.push({ header, kind, le: !/^HighByteFirst$/i.test(order), width, height, offset: start });
    pos = start + size;
  }
  if (blocks.length === 0) fail('empty file: expected an EDF header "{ … }"');
  const first = blocks[0];
  for (const [i, bl] of blocks.entries())
    if (bl.width !== first.width || bl.height !== first.height || bl.kind !== first.kind)
      fail(`block ${i + 1} is ${bl.width}×${bl.height} ${bl.kind}, but block 1 is ${first.width}×${first.height} ${first.kind}: all frames must agree`);

  const plane = first.width * first.height;
  const frames = blocks.length;
  const dtype = first.kind === 'u8' ? 'u8' : first.kind === 'u16' ? 'u16' : 'f32';
  const data = dtype === 'u8' ? new Uint8Array(plane * frames) : dtype === 'u16' ? new Uint16Array(plane * frames) : new Float32Array(plane * frames);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let f = 0; f < frames; f++) {
    const { kind, le, offset } = blocks[f];
    const at = f * plane;
    const s = SIZES[kind];
    const read: (o: number) => number =
      kind === 'u8' ? (o) => dv.getUint8(o)
      : kind === 'i8' ? (o) => dv.getInt8(o)
      : kind === 'u16' ? (o) => dv.getUint16(o, le)
      : kind === 'i16' ? (o) => dv.getInt16(o, le)
      : kind === 'u32' ? (o) => dv.getUint32(o, le)
      : kind === 'i32' ? (o) => dv.getInt32(o, le)
      : kind === 'f32' ? (o) => dv.getFloat32(o, le)
      : (o) => dv.getFloat64(o, le);
    if (kind === 'u8') data.set(bytes.subarray(offset, offset + plane), at);
    else for (let i = 0; i < plane; i++) data[at + i] = read(offset + i * s);
  }
  const notes: string[] = [];
  if (first.kind === 'i8' || first.kind === 'i16') notes.push(`signed ${SIZES[first.kind] * 8}-bit integers converted to 32-bit float`);
  if (first.kind === 'i32' || first.kind === 'u32')
    notes.push(`${first.kind === 'i32' ? 'signed' : 'unsigned'} 32-bit integers converted to 32-bit float (exact up to 2^24 = 16777216)`);
  if (first.kind === 'f64') notes.push('64-bit floats converted to 32-bit float');
  return { width: first.width, height: first.height, frames, dtype, data, header: first.header, notes };
}
