// HDF5 readers against h5py (scripts/fixtures/io_hdf5.py): a crop of the real tooth Data Exchange
// file and a synthetic NXstxm file (test/fixtures/io), and the real files in ../shared/data.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byteSource, type ByteSource } from '../../raw/byteSource';
import { openHdf5 } from '../openHdf5';
import { listHdf5Tree } from '../listHdf5Tree';
import { detectHdf5Layout } from '../detectHdf5Layout';
import { readHdf5Frames } from '../readHdf5Frames';
import { readHdf5Vector } from '../readHdf5Vector';
import { setAllocLimit, getAllocLimit } from '../../../../runtime/alloc';
import { countingByteSource } from '../../raw/__tests__/countingByteSource';

const FIX = path.resolve(__dirname, '../../../../../test/fixtures/io');
const DATA = path.resolve(__dirname, '../../../../../../shared/data');
const ref = JSON.parse(readFileSync(path.join(FIX, 'hdf5.json'), 'utf8'));
const fixture = (name: string): ByteSource => byteSource(name, new Uint8Array(readFileSync(path.join(FIX, name))));

describe('HDF5 tree, conventions and frames (fixtures, vs h5py)', () => {
  it('lists the Data Exchange crop with shapes, types, attrs and unfollowed links', async () => {
    const r = await openHdf5(fixture('dxchange_crop.h5'));
    const tree = await r.use((f, h5) => listHdf5Tree(f, h5));
    const get = (p: string) => tree.find((e) => e.path === p)!;
    expect(get('/exchange/data')).toMatchObject({ kind: 'dataset', shape: ref.crop.shape, dtype: '<f4', attrs: { axes: 'theta:y:x', units: 'counts' } });
    expect(get('/exchange/data_white')).toMatchObject({ kind: 'dataset', shape: [10, 2, 128], chunks: [1, 2, 64] });
    expect(get('/exchange/theta').attrs.units).toBe('degrees');
    expect(get('/extras/broken')).toMatchObject({ kind: 'dangling-link', target: '/nowhere/data' });
    expect(get('/extras/ext')).toMatchObject({ kind: 'external-link', target: 'other.h5:/data' });
    expect(get('/extras/text')).toMatchObject({ kind: 'dataset', shape: [] });
    expect(detectHdf5Layout(tree)).toEqual({
      kind: 'data-exchange',
      projections: '/exchange/data',
      flats: '/exchange/data_white',
      darks: '/exchange/data_dark',
      theta: '/exchange/theta',
    });
    r.close();
  });

  it('reads frames, a frame range, gzip-chunked flats, u16 and the theta vector as h5py does', async () => {
    const r = await openHdf5(fixture('dxchange_crop.h5'));
    const all = await readHdf5Frames(r, '/exchange/data');
    expect([all.frames, all.height, all.width, all.dtype, all.sourceDType]).toEqual([...ref.crop.shape, 'f32', '<f4']);
    const [, H, W] = ref.crop.shape;
    for (const [f, y, x, v] of ref.crop.pixels) expect(all.data[(f * H + y) * W + x]).toBe(v);
    const part = await readHdf5Frames(r, '/exchange/data', { firstFrame: 20, frameCount: 2 });
    expect(part.frames).toBe(2);
    expect(part.data[H * W + 64]).toBe(all.data[(21 * H) * W + 64]);
    const flats = await readHdf5Frames(r, '/exchange/data_white');
    expect(flats.frames).toBe(10);
    const u16 = await readHdf5Frames(r, '/extras/u16img');
    expect([u16.dtype, u16.frames, u16.totalFrames]).toEqual(['u16', 1, 1]);
    expect(Array.from(u16.data.subarray(0, 6))).toEqual(ref.crop.u16.slice(0, 6));
    const theta = await readHdf5Vector(r, '/exchange/theta');
    expect(Array.from(theta.values)).toEqual(ref.crop.theta);
    expect(theta.units).toBe('degrees');
    r.close();
  });

  it('refuses non-images, bad ranges and sizes above the allocation limit before allocating', async () => {
    const r = await openHdf5(fixture('dxchange_crop.h5'));
    await expect(readHdf5Frames(r, '/extras/vector')).rejects.toThrow(/dxchange_crop.h5: dataset "\/extras\/vector" has shape \[5\], expected an image/);
    await expect(readHdf5Frames(r, '/extras/text')).rejects.toThrow(/holds .* values, expected integers or floats/);
    await expect(readHdf5Frames(r, '/exchange/data', { firstFrame: 46 })).rejects.toThrow(/firstFrame must be an integer in 0…45/);
    await expect(readHdf5Frames(r, '/exchange/data', { firstFrame: 40, frameCount: 7 })).rejects.toThrow(/frameCount must be an integer in 1…6/);
    const limit = getAllocLimit();
    setAllocLimit(10000);
    try {
      await expect(readHdf5Frames(r, '/exchange/data')).rejects.toThrow(/frames 46 × height 2 × width 128 × 4 bytes \(<f4\) needs 47104 bytes in memory, above the allocation limit/);
    } finally {
      setAllocLimit(limit);
    }
    r.close();
  });

  it('refuses a file that is not HDF5 with its name', async () => {
    await expect(openHdf5(byteSource('notes.h5', new TextEncoder().encode('just text, not HDF5\n'.repeat(100))))).rejects.toThrow(/^notes\.h5: /);
  });

  it('finds the NXstxm signal and its energy axis (synthetic, NeXus conventions)', async () => {
    const r = await openHdf5(fixture('nxstxm_synthetic.h5'));
    const tree = await r.use((f, h5) => listHdf5Tree(f, h5));
    const layout = detectHdf5Layout(tree);
    expect(layout).toEqual({ kind: 'nexus', entry: '/entry1', nxdata: '/entry1/counter0', signal: '/entry1/counter0/data', axes: ['/entry1/counter0/energy', '/entry1/counter0/sample_y', '/entry1/counter0/sample_x'] });
    const fr = await readHdf5Frames(r, '/entry1/counter0/data');
    expect(fr.notes).toEqual(['<f8 values of "/entry1/counter0/data" converted to 32-bit float']);
    expect(Array.from(fr.data)).toEqual(ref.nxstxm_synthetic.data);
    const e = await readHdf5Vector(r, '/entry1/counter0/energy');
    expect([Array.from(e.values), e.units]).toEqual([ref.nxstxm_synthetic.energies, 'eV']);
    r.close();
  });

  it('reads lazily: one frame needs the metadata blocks and that frame, not the file', async () => {
    const src = countingByteSource(fixture('dxchange_crop.h5'));
    const r = await openHdf5(src, { wholeFileBelow: 0, blockSize: 4096 });
    const one = await readHdf5Frames(r, '/exchange/data', { firstFrame: 30, frameCount: 1 });
    const [, H, W] = ref.crop.shape;
    expect(one.data[1 * W + 0]).toBe((await readHdf5Frames(await openHdf5(fixture('dxchange_crop.h5')), '/exchange/data')).data[(30 * H + 1) * W]);
    expect(src.bytes).toBeLessThan(src.size / 2);
    expect(r.bytesFetched).toBe(src.bytes);
    r.close();
  });
});

const hasData = existsSync(path.join(DATA, 'ct/tomopy-tooth/tooth.h5'));
if (!hasData) console.warn(`SKIPPED: HDF5 readers on the real tooth.h5 and NeXus STXM files — ${DATA} not found`);

describe.runIf(hasData)('HDF5 readers on the real files (vs h5py)', () => {
  it('tooth.h5: shapes, pixels, theta; one lazily read frame reads a fraction of the file', async () => {
    const file = path.join(DATA, 'ct/tomopy-tooth/tooth.h5');
    const src = countingByteSource(byteSource('tooth.h5', new Uint8Array(readFileSync(file))));
    const r = await openHdf5(src, { wholeFileBelow: 0, blockSize: 16384 });
    const tree = await r.use((f, h5) => listHdf5Tree(f, h5));
    expect(tree.find((e) => e.path === '/exchange/data')).toMatchObject({ shape: ref.tooth.shape, dtype: ref.tooth.dtype });
    const [, H, W] = ref.tooth.shape;
    for (const [f, y, x, v] of ref.tooth.pixels) {
      const before = src.bytes;
      const one = await readHdf5Frames(r, '/exchange/data', { firstFrame: f, frameCount: 1 });
      expect(one.data[y * W + x]).toBe(v);
      // the frame's 5120 bytes within HDF5's 64 KiB sieve buffer, rounded out to 16 KiB blocks
      // (data blocks are dropped after each read, so each frame is fetched anew)
      expect(src.bytes - before).toBeLessThanOrEqual(65536 + 2 * 16384);
    }
    expect(src.bytes).toBeLessThan(src.size / 3);
    const theta = await readHdf5Vector(r, '/exchange/theta');
    expect(Array.from(theta.values)).toEqual(ref.tooth.theta);
    const flats = await readHdf5Frames(r, '/exchange/data_white');
    expect([flats.frames, flats.height, flats.width]).toEqual(ref.tooth.flatsShape);
    const [ff, fy, fx, fv] = ref.tooth.flatPixel;
    expect(flats.data[(ff * H + fy) * W + fx]).toBe(fv);
    r.close();
  });

  it('the NeXus NXstxm stack: signal, energies, pixels', async () => {
    const file = path.join(DATA, 'nexus/Sample_Stack_2021-03-16_128.hdf5');
    const r = await openHdf5(byteSource('stack.hdf5', new Uint8Array(readFileSync(file))));
    const layout = detectHdf5Layout(await r.use((f, h5) => listHdf5Tree(f, h5)));
    expect(layout).toMatchObject({ kind: 'nexus', signal: ref.nexus_stxm.signal, axes: ['/entry1/counter0/energy', '/entry1/counter0/sample_y', '/entry1/counter0/sample_x'] });
    const fr = await readHdf5Frames(r, ref.nexus_stxm.signal);
    expect([fr.frames, fr.height, fr.width]).toEqual(ref.nexus_stxm.shape);
    const [, H, W] = ref.nexus_stxm.shape;
    for (const [f, y, x, v] of ref.nexus_stxm.pixels) expect(fr.data[(f * H + y) * W + x]).toBe(Math.fround(v));
    const e = await readHdf5Vector(r, '/entry1/counter0/energy');
    expect([Array.from(e.values), e.units]).toEqual([ref.nexus_stxm.energies, ref.nexus_stxm.energyUnits]);
    r.close();
  });
});
