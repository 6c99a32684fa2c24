// EDF against fabio (scripts/fixtures/xrd_integrate.py): int32 little-endian written by fabio's
// EdfImage, and a hand-written two-frame big-endian float file that fabio reads back the same.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEdf } from '../readEdf';

const dir = path.resolve(__dirname, '../../../../../test/fixtures/xrd');
const bytes = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));
const ref = JSON.parse(readFileSync(path.join(dir, 'integrate_reference.json'), 'utf8')) as {
  counts: { sum: number; negative: number; first: number[] };
};
const sum = (a: ArrayLike<number>, from = 0, to = a.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s;
};

/** A one-block EDF with the given header lines and payload. */
function edf(keys: string, payload: Uint8Array): Uint8Array {
  let head = `{\n${keys}`;
  head += ' '.repeat(512 - ((head.length + 2) % 512)) + '}\n';
  const out = new Uint8Array(head.length + payload.length);
  out.set(new TextEncoder().encode(head));
  out.set(payload, head.length);
  return out;
}

describe('readEdf', () => {
  it('fabio int32 (SignedInteger, LowByteFirst): 170×150, values and header keys', () => {
    const im = readEdf(bytes('ring_int32.edf'), 'ring_int32.edf');
    expect([im.width, im.height, im.frames, im.dtype]).toEqual([170, 150, 1, 'f32']);
    expect(sum(im.data)).toBe(ref.counts.sum);
    expect(Array.from(im.data.slice(0, 5))).toEqual(ref.counts.first);
    expect(im.data.filter((v) => v < 0).length).toBe(ref.counts.negative);
    expect(im.header.Title).toBe('synthetic powder rings');
    expect(im.header.DataType).toBe('SignedInteger');
    expect(im.notes).toEqual(['signed 32-bit integers converted to 32-bit float (exact up to 2^24 = 16777216)']);
  });

  it('two blocks, FloatValue HighByteFirst: two frames, the second half the first', () => {
    const im = readEdf(bytes('ring_f32_be.edf'), 'ring_f32_be.edf');
    const plane = 170 * 150;
    expect([im.frames, im.dtype]).toEqual([2, 'f32']);
    expect(sum(im.data, 0, plane)).toBe(ref.counts.sum);
    for (let i = 0; i < plane; i += 97) expect(im.data[plane + i]).toBe(im.data[i] / 2);
    expect(im.notes).toEqual([]);
  });

  it('UnsignedShort stays u16; UnsignedByte u8', () => {
    const u16 = edf('ByteOrder = HighByteFirst ;\nDataType = UnsignedShort ;\nDim_1 = 2 ;\nDim_2 = 1 ;\nSize = 4 ;\n', Uint8Array.of(1, 2, 0xff, 0xfe));
    const a = readEdf(u16, 'a.edf');
    expect(a.dtype).toBe('u16');
    expect(Array.from(a.data)).toEqual([258, 65534]);
    const b = readEdf(edf('DataType = UnsignedByte ;\nDim_1 = 3 ;\nDim_2 = 1 ;\n', Uint8Array.of(7, 8, 9)), 'b.edf');
    expect([b.dtype, ...b.data]).toEqual(['u8', 7, 8, 9]);
  });

  it('refuses truncated, unclosed, compressed and unknown-type files naming the block and key', () => {
    const good = bytes('ring_int32.edf');
    expect(() => readEdf(good.subarray(0, 5000), 'cut.edf')).toThrow(/^cut\.edf: block 1: data needs bytes 512\.\.102512 \(170×150 SignedInteger\), but the file has 5000 bytes \(truncated\?\)/);
    expect(() => readEdf(good.subarray(0, 100), 'open.edf')).toThrow(/^open\.edf: block 1 at byte 0: header never closed/);
    expect(() => readEdf(edf('DataType = FloatValue ;\nDim_1 = 1 ;\nDim_2 = 1 ;\nCompression = gzip ;\n', new Uint8Array(4)), 'z.edf')).toThrow(/Compression = "gzip": compressed EDF is not supported/);
    expect(() => readEdf(edf('DataType = Complex ;\nDim_1 = 1 ;\nDim_2 = 1 ;\n', new Uint8Array(4)), 't.edf')).toThrow(/^t\.edf: block 1: DataType = "Complex": supported:/);
    expect(() => readEdf(edf('DataType = FloatValue ;\nDim_2 = 1 ;\n', new Uint8Array(4)), 'd.edf')).toThrow(/^d\.edf: block 1: header has no Dim_1: expected the image size/);
    expect(() => readEdf(new TextEncoder().encode('II*\0'), 'x.edf')).toThrow(/^x\.edf: block 1 at byte 0: expected "\{" starting an EDF header/);
    expect(() => readEdf(edf('DataType = FloatValue ;\nDim_1 = 100000 ;\nDim_2 = 100000 ;\n', new Uint8Array(4)), 'huge.edf')).toThrow(/but the file has \d+ bytes \(truncated\?\)/);
  });
});
