/**
 * A Value as bytes for the on-disk store of large intermediates (OPFS), and back.
 *
 * Layout: `OFV1`, u32 LE header length, the header (UTF-8 JSON: the value with each typed array
 * replaced by `{"$a": i}` and the arrays' types and offsets), then the arrays' bytes, each at an
 * 8-byte aligned offset so that decoding makes views on the one buffer read, without copies.
 * `serializeValue` returns the pieces to write one after another (the arrays are not copied).
 */
import type { Value } from '../values';

const MAGIC = [0x4f, 0x46, 0x56, 0x31]; // "OFV1"
const CTORS = {
  Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
} as const;
type ArrayName = keyof typeof CTORS;

interface Header {
  value: unknown;
  arrays: { type: ArrayName; offset: number; length: number }[];
}

const pad8 = (n: number) => (n + 7) & ~7;

/** The bytes of `value` as pieces to write in order, and their total length. */
export function serializeValue(value: Value): { pieces: Uint8Array[]; bytes: number } {
  const arrays: ArrayBufferView[] = [];
  const encode = (x: unknown, path: string): unknown => {
    if (x === null || typeof x === 'string' || typeof x === 'boolean') return x;
    if (typeof x === 'number') return Number.isFinite(x) ? x : { $n: String(x) };
    if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
      arrays.push(x);
      return { $a: arrays.length - 1 };
    }
    if (Array.isArray(x)) return x.map((v, i) => encode(v, `${path}[${i}]`));
    if (typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(x as Record<string, unknown>)) if (v !== undefined) out[k] = encode(v, `${path}.${k}`);
      return out;
    }
    throw new TypeError(`serializeValue: ${path} is a ${Object.prototype.toString.call(x)}, expected plain data and typed arrays`);
  };
  const encoded = encode(value, 'value');
  const header: Header = { value: encoded, arrays: [] };
  // Offsets are relative to the data section, which starts 8-aligned after the header.
  let at = 0;
  for (const a of arrays) {
    const type = a.constructor.name as ArrayName;
    if (!(type in CTORS)) throw new TypeError(`serializeValue: arrays of type ${type} are not supported`);
    header.arrays.push({ type, offset: at, length: (a as Uint8Array).length });
    at = pad8(at + a.byteLength);
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const lead = new Uint8Array(pad8(8 + json.byteLength));
  lead.set(MAGIC, 0);
  new DataView(lead.buffer).setUint32(4, json.byteLength, true);
  lead.set(json, 8);
  const pieces: Uint8Array[] = [lead];
  let bytes = lead.byteLength;
  for (const a of arrays) {
    const view = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    pieces.push(view);
    const gap = pad8(a.byteLength) - a.byteLength;
    if (gap) pieces.push(new Uint8Array(gap));
    bytes += pad8(a.byteLength);
  }
  return { pieces, bytes };
}

/** The Value stored by `serializeValue`; its arrays are views on `bytes`' buffer (8-aligned `bytes.byteOffset` required). */
export function deserializeValue(bytes: Uint8Array, what = 'stored value'): Value {
  if (bytes.byteLength < 8 || MAGIC.some((m, i) => bytes[i] !== m)) throw new RangeError(`${what}: not an OperandoFlow value file (expected "OFV1")`);
  if (bytes.byteOffset % 8 !== 0) throw new RangeError(`${what}: bytes must start at an 8-byte aligned offset`);
  const len = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  if (8 + len > bytes.byteLength) throw new RangeError(`${what}: header of ${len} bytes runs past the end (${bytes.byteLength} bytes); truncated?`);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + len))) as Header;
  const base = bytes.byteOffset + pad8(8 + len);
  const arrays = header.arrays.map(({ type, offset, length }, i) => {
    const Ctor = CTORS[type];
    if (!Ctor) throw new RangeError(`${what}: array ${i} has unknown type ${type}`);
    if (pad8(8 + len) + offset + length * Ctor.BYTES_PER_ELEMENT > bytes.byteLength)
      throw new RangeError(`${what}: array ${i} (${length} × ${type}) runs past the end; truncated?`);
    return new Ctor(bytes.buffer as ArrayBuffer, base + offset, length);
  });
  const decode = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object') return x;
    if (Array.isArray(x)) return x.map(decode);
    const o = x as Record<string, unknown>;
    if (typeof o.$a === 'number' && Object.keys(o).length === 1) return arrays[o.$a];
    if (typeof o.$n === 'string' && Object.keys(o).length === 1) return Number(o.$n);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = decode(v);
    return out;
  };
  return decode(header.value) as Value;
}
