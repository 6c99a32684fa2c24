// io.load-hdf5 on fixtures written with h5py (scripts/fixtures/io_hdf5.py) and on the real files
// of ../shared/data; chained with clean.flat-field and compared with tomopy.normalize in numpy.
import { closeSync, existsSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileProvider } from '../../../runtime/nodeDefinition';
import { nodeFileProvider } from '../../../runtime/files/nodeFileProvider';
import { loadHdf5Node } from '../loadHdf5';
import { flatFieldNode } from '../../clean/flatField';
import { defaultParams } from '../../../runtime/params';
import type { ImageValue, StackValue, TableValue, TextColumn } from '../../../runtime/values';
import { testContext } from './imageNodeContext';

const FIX = path.resolve(__dirname, '../../../../test/fixtures/io');
const DATA = path.resolve(__dirname, '../../../../../shared/data');
const ref = JSON.parse(readFileSync(path.join(FIX, 'hdf5.json'), 'utf8'));
const defaults = defaultParams(loadHdf5Node.params);

async function load(file: string, params: Partial<typeof defaults> = {}, name = path.basename(file)) {
  const ctx = testContext();
  const f = await ctx.store.put(name, new Uint8Array(readFileSync(file)));
  const out = await loadHdf5Node.run({}, { ...defaults, files: [f], ...params }, ctx);
  return { out, ctx };
}

describe('io.load-hdf5 (fixtures)', () => {
  it('Data Exchange: projections with theta, flats and darks as outputs, the tree as a table', async () => {
    const { out, ctx } = await load(path.join(FIX, 'dxchange_crop.h5'));
    const data = out.data as StackValue;
    expect([data.kind, data.frames, data.height, data.width, data.dtype]).toEqual(['stack', ...ref.crop.shape, 'f32']);
    expect(data.frameAxis).toEqual({ name: 'angle', unit: '°' });
    expect(Array.from(data.frameCoords)).toEqual(ref.crop.theta);
    expect(data.valueAxis.unit).toBe('counts');
    expect(data.meta.attrs).toMatchObject({ format: 'hdf5', convention: 'Data Exchange', dataset: '/exchange/data', sourceDType: '<f4' });
    expect(data.meta.sources[0]).toMatchObject({ name: 'dxchange_crop.h5', size: readFileSync(path.join(FIX, 'dxchange_crop.h5')).byteLength });
    expect((out.flats as StackValue).frames).toBe(10);
    expect((out.darks as StackValue).frames).toBe(10);
    const tree = out.tree as TableValue;
    const col = (n: string) => (tree.columns.find((c) => c.name === n) as TextColumn).text;
    const i = col('path').indexOf('/extras/broken');
    expect([col('kind')[i], col('target')[i]]).toEqual(['dangling-link', '/nowhere/data']);
    expect(col('shape')[col('path').indexOf('/exchange/data')]).toBe('46×2×128');
    expect(ctx.warnings).toEqual([]);
    expect(ctx.progressCalls.at(-1)).toBe(1);
    expect(ctx.progressCalls.length).toBeGreaterThan(46);

    // chained with the flat-field node: tomopy.normalize computed by numpy
    const ff = (await flatFieldNode.run({ projections: out.data, flats: out.flats, darks: out.darks }, defaultParams(flatFieldNode.params), testContext())).corrected as StackValue;
    const plane = 2 * 128;
    const got: number[] = [];
    for (const f of [0, 45]) for (let k = 0; k < plane; k += 16) got.push(ff.data[f * plane + k]);
    for (let k = 0; k < got.length; k++) expect(Math.abs(got[k] - ref.crop.normalized[k])).toBeLessThanOrEqual(2e-6 * Math.abs(ref.crop.normalized[k]));
  });

  it('a dataset by path, a frame range, and a u16 image', async () => {
    const { out } = await load(path.join(FIX, 'dxchange_crop.h5'), { dataset: 'exchange/data', firstFrame: 44, frameCount: 2 });
    const d = out.data as StackValue;
    expect([d.frames, Array.from(d.frameCoords)]).toEqual([2, ref.crop.theta.slice(44, 46)]);
    expect(d.data[1 * 256 + 1 * 128 + 127]).toBe(ref.crop.pixels[1][3]);
    expect((out.flats as StackValue).frames).toBe(10);
    const noFlats = (await load(path.join(FIX, 'dxchange_crop.h5'), { dataset: '/exchange/data_dark' })).out;
    expect([noFlats.flats, (noFlats.data as StackValue).frameAxis.name]).toEqual([undefined, 'z']);
    const img = (await load(path.join(FIX, 'dxchange_crop.h5'), { dataset: '/extras/u16img' })).out.data as ImageValue;
    expect([img.kind, img.dtype, img.width, img.height]).toEqual(['image', 'u16', 128, 2]);
  });

  it('NXstxm: the NXdata signal as a stack with axis energy in eV', async () => {
    const { out, ctx } = await load(path.join(FIX, 'nxstxm_synthetic.h5'));
    const d = out.data as StackValue;
    expect([d.frames, d.height, d.width]).toEqual(ref.nxstxm_synthetic.shape);
    expect(d.frameAxis).toEqual({ name: 'energy', unit: 'eV' });
    expect(Array.from(d.frameCoords)).toEqual(ref.nxstxm_synthetic.energies);
    expect(d.meta.attrs).toMatchObject({ convention: 'NeXus', nxDefinition: 'NXstxm', dataset: '/entry1/counter0/data' });
    expect(ctx.warnings).toEqual(['nxstxm_synthetic.h5: <f8 values of "/entry1/counter0/data" converted to 32-bit float']);
  });

  it('refuses clearly: missing path with the siblings, dangling and external links, groups, not HDF5, no file', async () => {
    const f = path.join(FIX, 'dxchange_crop.h5');
    await expect(load(f, { dataset: '/exchange/dat' })).rejects.toThrow(
      'dataset: dxchange_crop.h5: no dataset "/exchange/dat"; "/exchange" holds: data, data_dark, data_white, theta',
    );
    await expect(load(f, { dataset: '/nope/deeper/x' })).rejects.toThrow('no dataset "/nope/deeper/x"; "/" holds: exchange, extras');
    await expect(load(f, { dataset: '/extras/broken' })).rejects.toThrow(
      'dataset: dxchange_crop.h5: "/extras/broken" is a dangling soft link to "/nowhere/data", which does not exist in the file',
    );
    await expect(load(f, { dataset: '/extras/ext' })).rejects.toThrow('"/extras/ext" is an external link to other.h5:/data; external files are not followed');
    await expect(load(f, { dataset: '/exchange' })).rejects.toThrow('"/exchange" is a group, expected a dataset');
    const ctx = testContext();
    const bad = await ctx.store.put('scan.h5', new TextEncoder().encode('# not hdf5\n1 2 3\n'));
    await expect(loadHdf5Node.run({}, { ...defaults, files: [bad] }, ctx)).rejects.toThrow('scan.h5: not an HDF5 file (no HDF5 signature found)');
    const cut = await ctx.store.put('cut.h5', new Uint8Array(readFileSync(f)).subarray(0, 30000));
    await expect(loadHdf5Node.run({}, { ...defaults, files: [cut] }, ctx)).rejects.toThrow('cut.h5: HDF5 error (HDF5: truncated file: eof = 30000, sblock->base_addr = 0, stored_eof = 79846)');
    await expect(loadHdf5Node.run({}, defaults, testContext())).rejects.toThrow('files: expected one HDF5 file, got none');
  });
});

describe('io.load-hdf5 on a 4 GiB Data Exchange file (lazy)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'of-h5-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows shape, type, theta and one frame having read the metadata and that frame only', async () => {
    // rebuilt around the metadata h5py wrote (scripts/fixtures/io_hdf5_big.py): a sparse file
    const big = JSON.parse(readFileSync(path.join(FIX, 'big4g.json'), 'utf8'));
    const [F, H, W] = big.shape as number[];
    const frameBytes = H * W * 2;
    const file = path.join(dir, 'big.h5');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, big.size);
    writeSync(fd, readFileSync(path.join(FIX, 'big4g_head.bin')), 0, undefined, 0);
    writeSync(fd, readFileSync(path.join(FIX, 'big4g_tail.bin')), 0, undefined, big.dataOffset + F * frameBytes);
    const row = new Uint8Array(W * 2);
    const dv = new DataView(row.buffer);
    for (let x = 0; x < W; x++) dv.setUint16(2 * x, (x * 7) & 0xffff, true);
    writeSync(fd, row, 0, row.byteLength, big.dataOffset + 300 * frameBytes + 5 * W * 2); // row 5 of frame 300
    closeSync(fd);

    const inner = nodeFileProvider([dir]);
    const asked = { bytes: 0, reads: 0, whole: 0 };
    const files: FileProvider = {
      read: async (r) => {
        asked.whole++;
        return inner.read(r);
      },
      hash: async () => 'sha256-not-computed-in-this-test',
      readRange: async (r, s, e) => {
        const b = await inner.readRange!(r, s, e);
        asked.bytes += b.byteLength;
        asked.reads++;
        return b;
      },
      size: (r) => inner.size!(r),
    };
    const ctx = { ...testContext(), files };
    const out = await loadHdf5Node.run({}, { ...defaults, files: [{ name: 'big.h5' }], firstFrame: 300, frameCount: 1 }, ctx);
    const d = out.data as StackValue;
    expect([d.kind, d.frames, d.height, d.width, d.dtype]).toEqual(['stack', 1, H, W, 'u16']);
    expect(d.frameAxis).toEqual({ name: 'angle', unit: '°' });
    expect(d.frameCoords[0]).toBeCloseTo(big.theta[1], 12);
    expect([d.data[5 * W + 100], d.data[5 * W + 2047], d.data[4 * W + 100]]).toEqual([700, (2047 * 7) & 0xffff, 0]);
    expect(d.meta.sources[0].size).toBe(big.size);
    const tree = out.tree as TableValue;
    expect((tree.columns[2] as TextColumn).text[(tree.columns[0] as TextColumn).text.indexOf('/exchange/data')]).toBe('512×2048×2048');
    // the 8 MiB frame plus 1 MiB blocks of metadata and block rounding: far from the 4 GiB
    expect(asked.whole).toBe(0);
    expect(asked.bytes).toBeLessThanOrEqual(frameBytes + 4 * 1024 * 1024);
    expect(asked.reads).toBeLessThan(20);
  });
});

const hasData = existsSync(path.join(DATA, 'ct/tomopy-tooth/tooth.h5'));
if (!hasData) console.warn(`SKIPPED: io.load-hdf5 on the real tooth.h5 and NeXus STXM files — ${DATA} not found`);

describe.runIf(hasData)('io.load-hdf5 on the real files', () => {
  it('tooth.h5 → clean.flat-field equals tomopy.normalize (numpy) on projections 0, 90, 180', async () => {
    const { out } = await load(path.join(DATA, 'ct/tomopy-tooth/tooth.h5'));
    const d = out.data as StackValue;
    expect([d.frames, d.height, d.width]).toEqual(ref.tooth.shape);
    expect((out.flats as StackValue).frames).toBe(ref.tooth.flatsShape[0]);
    expect((out.darks as StackValue).frames).toBe(ref.tooth.darksShape[0]);
    expect(Array.from(d.frameCoords)).toEqual(ref.tooth.theta);
    const [, H, W] = ref.tooth.shape;
    for (const [f, y, x, v] of ref.tooth.pixels) expect(d.data[(f * H + y) * W + x]).toBe(v);
    const ff = (await flatFieldNode.run({ projections: d, flats: out.flats, darks: out.darks }, defaultParams(flatFieldNode.params), testContext())).corrected as StackValue;
    const buf = readFileSync(path.join(FIX, 'tooth_normalized_0_90_180.f32'));
    const want = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    let worst = 0;
    [0, 90, 180].forEach((f, i) => {
      for (let k = 0; k < H * W; k++) worst = Math.max(worst, Math.abs(ff.data[f * H * W + k] - want[i * H * W + k]) / Math.max(1e-6, Math.abs(want[i * H * W + k])));
    });
    expect(worst).toBeLessThan(2e-6);
  });

  it('the SLS NXstxm stack: energies and shape', async () => {
    const { out } = await load(path.join(DATA, 'nexus/Sample_Stack_2021-03-16_128.hdf5'));
    const d = out.data as StackValue;
    expect([d.frames, d.height, d.width]).toEqual(ref.nexus_stxm.shape);
    expect(d.frameAxis).toEqual({ name: 'energy', unit: 'eV' });
    expect(Array.from(d.frameCoords)).toEqual(ref.nexus_stxm.energies);
    expect(d.meta.attrs.nxDefinition).toBe(ref.nexus_stxm.definition);
  });
});
