// Headers declaring 100000 × 100000 × 100000 samples (petabytes) in each stack format: refused
// with the file, the declared shape and the bytes needed against the allocation limit (or the
// file size), before anything is allocated and without reading pixel data.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byteSource, type ByteSource } from '../raw/byteSource';
import { readRawFrames } from '../raw/readRawFrames';
import { openHdf5 } from '../hdf5/openHdf5';
import { readHdf5Frames } from '../hdf5/readHdf5Frames';
import { openZarrArray } from '../zarr/openZarrArray';
import { readZarrFrames } from '../zarr/readZarrFrames';
import { readEdf } from '../edf/readEdf';
import { openTiffStack } from '../tiff/openTiffStack';
import { readTiff } from '../tiff/readTiff';
import { ifdBytes, tiffHeader, u16PageEntries } from '../tiff/__tests__/syntheticTiff';
import { countingByteSource } from '../raw/__tests__/countingByteSource';

const FIX = path.resolve(__dirname, '../../../../test/fixtures/io');

describe('refuse before allocating: a header declaring 100000³', () => {
  it('TIFF (one ImageJ IFD with images=100000 of 100000×100000 u16)', async () => {
    const entries = u16PageEntries(100000, 100000, 1024, false);
    entries.push([270, 2, 'ImageJ=1.11a\nimages=100000\n']);
    const bytes = new Uint8Array(1024);
    bytes.set(tiffHeader(false, 8));
    bytes.set(ifdBytes(entries, 8, false), 8);
    await expect(openTiffStack(byteSource('huge.tif', bytes))).rejects.toThrow(
      'huge.tif: frames 100000 × height 100000 × width 100000 × 2 bytes (u16) needs 18.63 GiB in memory, above the allocation limit of 8.00 GiB',
    );
  });

  it('TIFF read whole (readTiff, as io.load-detector-image does): one Deflate page declaring 100000×100000', () => {
    const entries = u16PageEntries(100000, 100000, 512, false).map((e): typeof e => (e[0] === 259 ? [259, 3, [8]] : e[0] === 279 ? [279, 4, [16]] : e));
    const bytes = new Uint8Array(1024);
    bytes.set(tiffHeader(false, 8));
    bytes.set(ifdBytes(entries, 8, false), 8);
    expect(() => readTiff(bytes, 'huge_deflate.tif')).toThrow(
      'huge_deflate.tif: frames 1 × height 100000 × width 100000 × 2 bytes (u16) needs 18.63 GiB in memory, above the allocation limit of 8.00 GiB',
    );
  });

  it('raw (sizes given by the user, a 4 PB file size claimed)', async () => {
    const src: ByteSource = { name: 'huge.raw', size: 2e15 + 1, read: async () => { throw new Error('no read expected'); } };
    await expect(readRawFrames(src, { width: 100000, height: 100000, frames: 100000, dtype: 'u16' })).rejects.toThrow(
      'huge.raw: width 100000 × height 100000 × frames 100000 × 2 bytes (u16) needs 1862645.15 GiB in memory, above the allocation limit of 8.00 GiB',
    );
  });

  it('HDF5 (h5py dataset of shape 100000³ uint16, chunked, never written; scripts/fixtures/io_huge_header.py)', async () => {
    const src = countingByteSource(byteSource('huge_header.h5', new Uint8Array(readFileSync(path.join(FIX, 'huge_header.h5')))));
    const reader = await openHdf5(src);
    try {
      await expect(readHdf5Frames(reader, '/exchange/data')).rejects.toThrow(
        'huge_header.h5: frames 100000 × height 100000 × width 100000 × 2 bytes (<u2) needs 1862645.15 GiB in memory, above the allocation limit of 8.00 GiB',
      );
      // Even one 100000×100000 frame is refused.
      await expect(readHdf5Frames(reader, '/exchange/data', { frameCount: 1 })).rejects.toThrow(/needs 18\.63 GiB in memory, above the allocation limit/);
    } finally {
      reader.close();
    }
    expect(src.bytes).toBeLessThan(10000);
  });

  it('Zarr (.zarray declaring shape [100000, 100000, 100000]); no chunk is read', async () => {
    const zarray = { zarr_format: 2, shape: [100000, 100000, 100000], chunks: [1, 1000, 1000], dtype: '<u2', compressor: null, fill_value: 0, order: 'C', filters: null };
    const keys: string[] = [];
    const read = async (key: string) => {
      keys.push(key);
      return key === '.zarray' ? new TextEncoder().encode(JSON.stringify(zarray)) : undefined;
    };
    const info = await openZarrArray(read, { storeName: 'huge.zarr' });
    await expect(readZarrFrames(info, { storeName: 'huge.zarr' })).rejects.toThrow(
      'huge.zarr: frames 100000 × height 100000 × width 100000 × 2 bytes (uint16) needs 1862645.15 GiB in memory, above the allocation limit of 8.00 GiB',
    );
    expect(keys.filter((k) => /\d$/.test(k))).toEqual([]);
  });

  it('EDF (Dim_1 = Dim_2 = 100000 in a small file): refused against the file size before allocating', () => {
    const header = '{\nDataType = UnsignedShort ;\nDim_1 = 100000 ;\nDim_2 = 100000 ;\nDim_3 = 1 ;\n}\n';
    const bytes = new Uint8Array(1024);
    bytes.set(new TextEncoder().encode(header));
    expect(() => readEdf(bytes, 'huge.edf')).toThrow(/^huge\.edf: block 1: data needs bytes \d+\.\.20000000\d+ \(100000×100000 UnsignedShort\), but the file has 1024 bytes \(truncated\?\)$/);
  });
});
