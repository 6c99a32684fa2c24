// Zarr v2 (written by zarr-python 2.13) and v3 (written by hand to the v3 spec) read with zarrita,
// compared with numpy (scripts/fixtures/io_zarr.py); one frame reads only its chunks.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openZarrArray, type ZarrKeyReader } from '../openZarrArray';
import { readZarrFrames } from '../readZarrFrames';

const FIX = path.resolve(__dirname, '../../../../../test/fixtures/io');
const ref = JSON.parse(readFileSync(path.join(FIX, 'zarr.json'), 'utf8'));

function folder(dir: string): ZarrKeyReader & { keys: string[] } {
  const keys: string[] = [];
  const read = async (key: string) => {
    keys.push(key);
    const p = path.join(dir, key);
    return existsSync(p) ? new Uint8Array(readFileSync(p)) : undefined;
  };
  return Object.assign(read, { keys });
}

describe('Zarr arrays via zarrita (vs numpy)', () => {
  it('v2 (zlib, partial edge chunks, a missing chunk = fill value): metadata, then one frame from its chunks only', async () => {
    const read = folder(path.join(FIX, 'zarr/vol_v2.zarr'));
    const info = await openZarrArray(read, { storeName: 'vol_v2.zarr' });
    expect([info.zarrFormat, info.shape, info.chunks, info.dtype, info.fillValue]).toEqual([2, ref.v2.shape, ref.v2.chunks, ref.v2.dtype, 7]);
    expect(info.attrs).toEqual({ description: 'synthetic test volume', pixel_size_um: 0.65 });
    expect(read.keys.filter((k) => /\d$/.test(k))).toEqual([]);
    const fr = await readZarrFrames(info, { firstFrame: 3, frameCount: 1 });
    expect([fr.frames, fr.height, fr.width, fr.dtype, fr.totalFrames]).toEqual([1, 20, 24, 'u16', 6]);
    expect(Array.from(fr.data)).toEqual(ref.v2.frame3);
    // frame 3 lies in chunk row 1 of 3: 3 × 3 chunks (one of them absent)
    expect(read.keys.filter((k) => /\d$/.test(k)).sort()).toEqual(['1.0.0', '1.0.1', '1.0.2', '1.1.0', '1.1.1', '1.1.2', '1.2.0', '1.2.1', '1.2.2']);
    const all = await readZarrFrames(info);
    expect(Array.from(all.data.subarray(5 * 480))).toEqual(ref.v2.frame5);
  });

  it('v3 (bytes + gzip, "/" chunk keys, partial last chunk row)', async () => {
    const read = folder(path.join(FIX, 'zarr/vol_v3.zarr'));
    const info = await openZarrArray(read, { storeName: 'vol_v3.zarr' });
    expect([info.zarrFormat, info.shape, info.chunks, info.dtype]).toEqual([3, ref.v3.shape, ref.v3.chunks, 'float32']);
    const fr = await readZarrFrames(info, { firstFrame: 4, frameCount: 1 });
    expect(Array.from(fr.data)).toEqual(ref.v3.frame4.map(Math.fround));
    expect(read.keys.filter((k) => k.startsWith('c/')).sort()).toEqual(['c/2/0/0', 'c/2/0/1', 'c/2/1/0', 'c/2/1/1']);
    expect(fr.notes).toEqual([]);
  });

  it('refuses a missing store, bad frame ranges', async () => {
    await expect(openZarrArray(folder(path.join(FIX, 'nowhere')), { storeName: 'x.zarr' })).rejects.toThrow(/^x\.zarr: no Zarr array or group found/);
    const info = await openZarrArray(folder(path.join(FIX, 'zarr/vol_v3.zarr')));
    await expect(readZarrFrames(info, { firstFrame: 5, storeName: 'v3' })).rejects.toThrow('v3: Zarr array: firstFrame must be an integer in 0…4, got 5');
  });
});
