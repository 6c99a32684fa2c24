// Raw binary decoding against numpy (scripts/fixtures/io_raw.py: np.fromfile(offset=16).reshape,
// astype(float32) for the converted types), the shared size check, and ranged frame reads.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRawSamples, RAW_PIXEL_DTYPE, type RawDType } from '../decodeRawSamples';
import { readRawFrames } from '../readRawFrames';
import { checkDataSize } from '../checkDataSize';
import { byteSource, type ByteSource } from '../byteSource';
import { allocPixels } from '../allocPixels';

const FIX = path.resolve(__dirname, '../../../../../test/fixtures/io');
const ref = JSON.parse(readFileSync(path.join(FIX, 'raw.json'), 'utf8')) as {
  shape: [number, number, number];
  headerBytes: number;
  cases: { file: string; dtype: RawDType; endianness: 'little' | 'big'; values: number[] }[];
};
const [F, H, W] = ref.shape;

describe('decodeRawSamples / readRawFrames vs numpy', () => {
  for (const c of ref.cases) {
    it(`${c.file}: ${c.dtype} ${c.endianness}-endian`, async () => {
      const bytes = new Uint8Array(readFileSync(path.join(FIX, c.file)));
      const got = await readRawFrames(byteSource(c.file, bytes), { width: W, height: H, frames: F, dtype: c.dtype, littleEndian: c.endianness === 'little', headerBytes: ref.headerBytes });
      expect([got.dtype, got.frames, got.trailingBytes]).toEqual([RAW_PIXEL_DTYPE[c.dtype], F, 0]);
      expect(Array.from(got.data)).toEqual(c.values);
      // frames 1..2 only
      const part = await readRawFrames(byteSource(c.file, bytes), { width: W, height: H, frames: F, dtype: c.dtype, littleEndian: c.endianness === 'little', headerBytes: ref.headerBytes, firstFrame: 1, frameCount: 2 });
      expect(Array.from(part.data)).toEqual(c.values.slice(W * H, 3 * W * H));
    });
  }

  it('misaligned bytes decode like aligned ones', () => {
    const c = ref.cases.find((x) => x.dtype === 'f64' && x.endianness === 'little')!;
    const file = new Uint8Array(readFileSync(path.join(FIX, c.file)));
    const shifted = new Uint8Array(file.byteLength + 3);
    shifted.set(file, 3);
    const out = allocPixels('f32', F * H * W) as Float32Array;
    decodeRawSamples(shifted.subarray(3 + ref.headerBytes), { dtype: 'f64', littleEndian: true, out });
    expect(Array.from(out)).toEqual(c.values);
  });

  it('refuses wrong sizes naming the parameters and the file size, before allocating', async () => {
    const src = byteSource('vol.raw', new Uint8Array(1000));
    await expect(readRawFrames(src, { width: 20, height: 10, frames: 3, dtype: 'u16' })).rejects.toThrow(
      'vol.raw: width 20 × height 10 × frames 3 × 2 bytes (u16) = 1200 bytes, but the file has 1000 bytes; check the dimensions, the data type and the header offset',
    );
    await expect(readRawFrames(src, { width: 20, height: 10, frames: 2, dtype: 'u16', headerBytes: 201 })).rejects.toThrow('+ header 201 = 1001 bytes');
    await expect(readRawFrames(src, { width: 20, height: 10, frames: 2, dtype: 'u16', firstFrame: 2 })).rejects.toThrow('firstFrame must be an integer in 0…1');
    await expect(readRawFrames(src, { width: 20, height: 10, frames: 2, dtype: 'u16', frameCount: 3 })).rejects.toThrow('frameCount must be an integer in 1…2');
    const ok = await readRawFrames(src, { width: 10, height: 10, frames: 4, dtype: 'u16' });
    expect(ok.trailingBytes).toBe(200);
  });

  it('a header declaring 100000³ voxels is refused before any allocation or read', async () => {
    let reads = 0;
    const huge: ByteSource = { name: 'huge.raw', size: 4e15, read: async () => { reads++; return new Uint8Array(0); } };
    await expect(readRawFrames(huge, { width: 100000, height: 100000, frames: 100000, dtype: 'f32' })).rejects.toThrow(
      /huge\.raw: width 100000 × height 100000 × frames 100000 × 4 bytes \(f32\) needs 3725290\.30 GiB in memory, above the allocation limit of 8\.00 GiB/,
    );
    expect(reads).toBe(0);
    expect(() => checkDataSize({ fileName: 'h.zarr', dims: [['z', 100000], ['y', 100000], ['x', 100000]], bytesPerSample: 2, dtype: '<u2' })).toThrow(/h\.zarr: z 100000 × y 100000 × x 100000 × 2 bytes/);
    expect(checkDataSize({ fileName: 'ok', dims: [['z', 4], ['y', 5]], bytesPerSample: 2, dtype: 'u16', fileSize: 50, headerBytes: 8 })).toEqual({ dataBytes: 40, trailingBytes: 2 });
    expect(() => checkDataSize({ fileName: 'neg', dims: [['width', -1]], bytesPerSample: 1, dtype: 'u8' })).toThrow('neg: width must be a non-negative integer, got -1');
  });
});
