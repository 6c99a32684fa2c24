// The lazy TIFF path (readTiffPages → openTiffStack → readTiffFrames): same pixels as readTiff
// and as tifffile (BigTIFF fixtures from scripts/fixtures/io_bigtiff.py), only header/IFD bytes
// read to open, a sparse 20 GB BigTIFF opened in seconds, absurd headers refused before allocating.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { byteSource } from '../../raw/byteSource';
import { nodeFileProvider } from '../../../../runtime/files/nodeFileProvider';
import { readTiff } from '../readTiff';
import { openTiffStack } from '../openTiffStack';
import { readTiffFrames } from '../readTiffFrames';
import { fixtureBytes, fixtureJson } from '../../../image/__tests__/helpers';
import { ifdBytes, tiffHeader, u16PageEntries, writeSparseBigTiff } from './syntheticTiff';
import { countingByteSource } from '../../raw/__tests__/countingByteSource';

const open = (name: string) => openTiffStack(byteSource(name, fixtureBytes(name)));

describe('lazy TIFF reader', () => {
  const classic = ['tiff_u8_le.tif', 'tiff_u16_le.tif', 'tiff_u16_be.tif', 'tiff_f32_le.tif', 'tiff_f32_be.tif', 'tiff_u16_stack.tif', 'tiff_u16_strips.tif', 'tiff_f32_imagej.tif', 'tiff_i16.tif', 'tiff_u16_deflate.tif'];
  for (const name of classic) {
    it(`${name}: same shape, type and pixels as readTiff`, async () => {
      const ref = readTiff(fixtureBytes(name), name);
      const stack = await open(name);
      expect([stack.frames, stack.height, stack.width, stack.dtype]).toEqual([ref.frames, ref.height, ref.width, ref.dtype]);
      expect(stack.lazy).toBe(name !== 'tiff_u16_deflate.tif');
      expect(stack.pixelSize).toEqual(ref.pixelSize);
      const all = await readTiffFrames(stack);
      expect(Array.from(all.data)).toEqual(Array.from(ref.data));
      if (ref.frames > 1) {
        const plane = ref.width * ref.height;
        const last = await readTiffFrames(stack, { firstFrame: ref.frames - 1, frameCount: 1 });
        expect(Array.from(last.data)).toEqual(Array.from(ref.data.subarray((ref.frames - 1) * plane)));
      }
    });
  }

  for (const c of fixtureJson<{ file: string; shape: number[]; dtype: string; values: number[] }[]>('bigtiff.json')) {
    it(`${c.file}: BigTIFF read as tifffile reads it`, async () => {
      const stack = await open(c.file);
      expect(stack.bigTiff).toBe(true);
      const [h, w] = c.shape.slice(-2);
      expect([stack.frames, stack.height, stack.width]).toEqual([c.shape.length === 3 ? c.shape[0] : 1, h, w]);
      const got = await readTiffFrames(stack);
      expect(Array.from(got.data)).toEqual(c.values.map((v) => Math.fround(v)));
    });
  }

  it('a compressed BigTIFF is refused naming the page, the tag and what is needed', async () => {
    await expect(open('bigtiff_bad_deflate.tif')).rejects.toThrow(
      /bigtiff_bad_deflate\.tif: page 0: Compression \(259\) = 8; BigTIFF files are read frame by frame, which needs uncompressed strips/,
    );
  });

  it('opening reads the header and IFDs only; one frame reads that frame only', async () => {
    const src = countingByteSource(byteSource('s.tif', fixtureBytes('tiff_u16_stack.tif')));
    const stack = await openTiffStack(src);
    const opened = src.bytes;
    expect(opened).toBeLessThan(3 * 1024);
    await readTiffFrames(stack, { firstFrame: 1, frameCount: 1 });
    expect(src.bytes - opened).toBe(4 * 5 * 2);
  });

  it('corrupt chains and truncated files are refused by name', async () => {
    await expect(open('tiff_bad_truncated.tif')).rejects.toThrow(/tiff_bad_truncated\.tif: page 0: strip 0 spans bytes \d+\.\.\d+, but the file has \d+ bytes \(truncated\)/);
    await expect(open('tiff_bad_loop.tif')).rejects.toThrow(/IFD chain loops back to offset \d+ after page 0/);
    await expect(openTiffStack(byteSource('x.tif', new Uint8Array([0x49, 0x49, 7, 0, 8, 0, 0, 0])))).rejects.toThrow('x.tif: not a TIFF file: magic number 7, expected 42 (TIFF) or 43 (BigTIFF)');
  });

  it('a header declaring 100000 × 100000 × 100000 pixels is refused before any allocation or pixel read', async () => {
    // One ImageJ IFD, images=100000 contiguous 100000×100000 u16 frames: 2 PB declared in ~300 bytes.
    const entries = u16PageEntries(100000, 100000, 4096, false);
    entries.push([270, 2, 'ImageJ=1.11a\nimages=100000\n']);
    const bytes = new Uint8Array(4096);
    bytes.set(tiffHeader(false, 8), 0);
    bytes.set(ifdBytes(entries, 8, false), 8);
    const src = countingByteSource(byteSource('huge.tif', bytes));
    await expect(openTiffStack(src)).rejects.toThrow(
      /huge\.tif: frames 100000 × height 100000 × width 100000 × 2 bytes \(u16\) needs 18\.63 GiB in memory, above the allocation limit of 8\.00 GiB/,
    );
    expect(src.bytes).toBeLessThan(1024);
  });

  describe('a sparse BigTIFF declaring a 20 GB stack', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'of-bigtiff-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    // A 2k×2k 16-bit camera series: 2400 frames of 8 MiB.
    const W = 2048;
    const H = 2048;
    const FRAMES = 2400;
    const first = Uint16Array.from({ length: W * H }, (_, i) => (i * 37) & 0xffff);

    it('opens with shape, dtype and first frame in seconds, reading a few MB', async () => {
      const size = writeSparseBigTiff(path.join(dir, 'big.tif'), W, H, FRAMES, first);
      expect(size).toBeGreaterThan(20e9);
      const provider = nodeFileProvider([dir]);
      const ref = { name: 'big.tif' };
      const src = countingByteSource({ name: 'big.tif', size: await provider.size!(ref), read: (a, b) => provider.readRange!(ref, a, b) });
      const t0 = performance.now();
      const stack = await openTiffStack(src);
      const openedBytes = src.bytes;
      // a uniform series: header, 3 IFDs, the predicted last and middle IFDs — not 2400 reads
      expect(src.reads).toBeLessThanOrEqual(8);
      const frame = await readTiffFrames(stack, { frameCount: 1 });
      const ms = performance.now() - t0;
      expect([stack.frames, stack.height, stack.width, stack.dtype, stack.lazy]).toEqual([FRAMES, H, W, 'u16', true]);
      expect(frame.totalFrames).toBe(FRAMES);
      // (a byte comparison: toEqual on 4 M elements takes a minute)
      expect(frame.data).toBeInstanceOf(Uint16Array);
      expect(Buffer.compare(Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength), Buffer.from(first.buffer))).toBe(0);
      expect(openedBytes).toBeLessThan(1024 * 1024); // ~216 bytes per IFD
      expect(src.bytes - openedBytes).toBe(W * H * 2);
      expect(ms).toBeLessThan(15000);
      console.log(`sparse BigTIFF ${(size / 1e9).toFixed(1)} GB: opened + first frame in ${ms.toFixed(0)} ms, ${src.reads} reads, ${(src.bytes / 1e6).toFixed(2)} MB read`);
      // The whole stack is far above the allocation limit: refused before allocating, naming the way out.
      await expect(readTiffFrames(stack)).rejects.toThrow(/big\.tif: frames 2400 × height 2048 × width 2048 × 2 bytes \(u16\) needs 18\.75 GiB in memory, above the allocation limit of 8\.00 GiB; read fewer frames/);
    }, 60000);
  });
});
