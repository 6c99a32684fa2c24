// `operando-flow inspect`: the loader table on the fixtures (always), the command end to end (exit
// codes, JSON, never a stack trace), and every file of ../shared/data (when present).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile, type InspectEntry } from '../../src/cli/inspectCommand';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'operando-flow.mjs');
const FIX = join(ROOT, 'test', 'fixtures');
const SHARED = resolve(ROOT, '..', 'shared', 'data');
const hasShared = existsSync(SHARED);
if (!hasShared) console.warn(`SKIPPED: inspect over every real file — ${SHARED} not found`);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'inspect', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
const ok = (e: InspectEntry) => {
  if (!e.ok) throw new Error(`expected ${e.file} to open, got: ${e.refused}`);
  return e;
};

describe('inspect: loaders on the fixtures', () => {
  it('XRD: .xrdml (Kα1, instrument, start time), .xye (σ), .chi, q .csv', async () => {
    const x = ok(await inspectFile(join(FIX, 'xrd/LiMn2O4_crop.xrdml')));
    expect([x.loader, x.node, x.kind, x.dtype]).toEqual(['xrdml', 'io.load-pattern', 'spectrum', 'f64']);
    expect(x.shape).toEqual([2001]);
    expect(x.axes[0]).toMatchObject({ name: '2θ', unit: '°', size: 2001, range: [20, 40] });
    expect(x.meta).toMatchObject({ wavelength_A: 1.540598, instrument: 'EMPYREAN (fixture container)', startTime: '2021-05-20T15:55:51+02:00' });
    const s = ok(await inspectFile(join(FIX, 'xrd/LiMn2O4_series.xrdml')));
    expect([s.kind, ...s.shape]).toEqual(['spectra', 2, 2001]);
    expect(ok(await inspectFile(join(FIX, 'xrd/LiMn2O4_crop.xye'))).meta.sigma).toBe(true);
    expect(ok(await inspectFile(join(FIX, 'xrd/LiMn2O4_crop.chi'))).meta.format).toBe('chi');
    expect(ok(await inspectFile(join(FIX, 'xrd/LiMn2O4_crop_q.csv'))).loader).toBe('columns');
  });

  it('detector images: Pilatus TIFF with its header, EDF with two frames, and a .poni geometry', async () => {
    const t = ok(await inspectFile(join(FIX, 'xrd/ring_pilatus.tif')));
    expect([t.loader, t.node, t.kind, t.dtype, ...t.shape]).toEqual(['pilatus-tiff', 'io.load-detector-image', 'image', 'f32', 150, 170]);
    expect(t.axes[0]).toMatchObject({ name: 'y', unit: 'µm', size: 150 });
    expect(t.meta).toMatchObject({ instrument: 'PILATUS 100K-S (synthetic)', wavelength: 0.7 });
    const e = ok(await inspectFile(join(FIX, 'xrd/ring_f32_be.edf')));
    expect([e.loader, e.kind, ...e.shape]).toEqual(['edf', 'stack', 2, 150, 170]);
    expect(e.meta).toMatchObject({ dataType: 'FloatValue', byteOrder: 'HighByteFirst' });
    const p = ok(await inspectFile(join(FIX, 'xrd/ring.poni')));
    expect([p.kind, ...p.shape]).toEqual(['geometry', 150, 170]);
    expect(p.meta).toMatchObject({ distance_m: 0.08, wavelength_A: 0.7 });
  });

  it('XAS (XDI element/edge, start time), echem (.mpt cycles, start time), TIFF', async () => {
    const x = ok(await inspectFile(join(FIX, 'xas/cu_metal_rt.xdi')));
    expect([x.loader, x.node, x.kind]).toEqual(['xdi', 'io.load-spectra', 'spectrum']);
    expect(x.meta).toMatchObject({ element: 'Cu', edge: 'K' });
    const m = ok(await inspectFile(join(FIX, 'echem/lno_gitt_crop.mpt')));
    expect([m.loader, m.node, m.kind]).toEqual(['biologic-mpt', 'io.load-echem', 'table']);
    expect(typeof m.meta.startTime).toBe('string');
    const tif = ok(await inspectFile(join(FIX, 'image/nmc_1.tif')));
    expect([tif.loader, tif.kind, tif.dtype]).toEqual(['tiff', 'image', 'f32']);
  });

  it('refusals name the file and line or field: bad XDI, truncated EDF, unknown format, missing file', async () => {
    const bad = await inspectFile(join(FIX, 'xas/bad_13.xdi'));
    expect(bad).toMatchObject({ ok: false, loader: 'xdi' });
    expect(!bad.ok && bad.refused).toMatch(/bad_13\.xdi, line 31: expected 4 values \(as on line 29\), found 3/);
    const none = await inspectFile(join(FIX, 'image/fft.json'));
    expect(!none.ok && none.refused).toMatch(/^no reader for .*fft\.json: extension \.json, content starts "\{/);
    const missing = await inspectFile(join(FIX, 'nope.tif'));
    expect(!missing.ok && missing.refused).toMatch(/nope\.tif: cannot read: no such file$/);
  });
});

describe('inspect: NMR and STXM fixtures', () => {
  it('JCAMP-DX: NTUPLES real/imag in ppm with NMR metadata; header disagreements as warnings; refusals name the line', async () => {
    const j = ok(await inspectFile(join(FIX, 'nmr/jcamp-1024.jdx')));
    expect([j.loader, j.node, j.kind, j.dtype, ...j.shape]).toEqual(['jcamp', 'io.load-jcamp', 'spectra', 'f64', 2, 1024]);
    expect(j.axes[1]).toMatchObject({ name: 'chemical shift', unit: 'ppm', size: 1024 });
    expect(j.meta).toMatchObject({ format: 'JCAMP-DX', dataType: 'NMRSPECTRUM', observeNucleus: '1H', pages: 'spectrum/real, spectrum/imag' });
    const v = ok(await inspectFile(join(FIX, 'nmr/varian.jdx')));
    expect(v.warnings.join('\n')).toMatch(/##NPOINTS= declares 16385 points, the data holds 16384/);
    const noend = await inspectFile(join(FIX, 'nmr/noend.jdx'));
    expect(!noend.ok && noend.refused).toMatch(/noend\.jdx, line 1: block "1 2 3" has no ##END=/);
    const empty = await inspectFile(join(FIX, 'nmr/simple.jdx'));
    expect(!empty.ok && empty.refused).toMatch(/simple\.jdx: no data/);
  });

  it('ALS STXM: a .hdr with the frames beside it, a lone .xim with its energy, an aXis2000 mask and spectrum', async () => {
    const h = ok(await inspectFile(join(FIX, 'io/stxm/mini.hdr')));
    expect([h.loader, h.node, h.kind, ...h.shape]).toEqual(['als-stxm', 'io.load-stxm', 'stack', 3, 3, 4]);
    expect(h.axes[0]).toMatchObject({ name: 'energy', unit: 'eV', size: 3 });
    expect(h.meta).toMatchObject({ energies: 3, framesFound: 3 });
    expect(h.warnings).toEqual([]);
    const real = ok(await inspectFile(join(FIX, 'io/stxm/71214078.hdr')));
    expect([...real.shape, real.meta.framesFound]).toEqual([123, 125, 125, 0]);
    expect(real.warnings[0]).toMatch(/lists 123 energies, 0 71214078_aNNN\.xim frame\(s\) found next to it/);
    const x = ok(await inspectFile(join(FIX, 'io/stxm/mini_a002.xim')));
    expect([x.loader, x.node, x.kind, ...x.shape]).toEqual(['als-xim', 'io.load-stxm', 'image', 3, 4]);
    expect(x.meta).toMatchObject({ header: 'mini.hdr', frame: 2, energy_eV: 711.25 });
    const m = ok(await inspectFile(join(FIX, 'io/stxm/mask_file.msk')));
    expect([m.loader, m.node, m.kind, m.dtype, ...m.shape]).toEqual(['axis-mask', 'io.load-axis-mask', 'labels', 'u8', 125, 125]);
    expect(m.meta.maskedPixels).toBe(4374);
    const r = ok(await inspectFile(join(FIX, 'io/stxm/oxidized.r')));
    expect([r.loader, r.node, r.kind, ...r.shape]).toEqual(['axis-spectrum', 'io.load-spectra', 'spectrum', 123]);
    expect(r.axes[0]).toMatchObject({ name: 'energy', unit: 'eV', range: [700, 730.353] });
  });
});

describe('inspect: folders', () => {
  it('a Zarr v2 array folder: shape, dtype, chunks (no chunk read); a plain folder is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'of-inspect-'));
    const store = join(dir, 'vol.zarr');
    mkdirSync(store);
    writeFileSync(
      join(store, '.zarray'),
      JSON.stringify({ zarr_format: 2, shape: [2, 3, 4], chunks: [1, 3, 4], dtype: '<u2', compressor: null, fill_value: 0, order: 'C', filters: null }),
    );
    const z = ok(await inspectFile(store));
    expect([z.loader, z.node, z.kind, z.dtype, ...z.shape]).toEqual(['zarr', 'io.load-zarr', 'stack', 'uint16', 2, 3, 4]);
    expect(z.meta).toMatchObject({ format: 'zarr v2', chunks: '1×3×4' });
    const plain = await inspectFile(dir);
    expect(!plain.ok && plain.refused).toMatch(/is a folder without \.zarray, \.zgroup or zarr\.json: expected a file or a Zarr store$/);
  });
});

describe('inspect: the command', () => {
  it('exit 0 and a JSON array when every file opens', () => {
    const r = cli(join(FIX, 'xrd/ring.poni'), join(FIX, 'xrd/LiMn2O4_crop.xrdml'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as InspectEntry[];
    expect(out.map((e) => e.ok)).toEqual([true, true]);
  });
  it('exit 2 with the refusal in the JSON and a count on stderr when one is refused; never a stack', () => {
    const r = cli(join(FIX, 'xrd/ring.poni'), join(FIX, 'xas/bad_15.xdi'));
    expect(r.code).toBe(2);
    const out = JSON.parse(r.out) as InspectEntry[];
    expect(out[1]).toMatchObject({ ok: false, loader: 'xdi' });
    expect(r.err).toMatch(/1 of 2 files refused/);
    noStack(r.out + r.err);
  });
  it('no file: usage error, exit 2; --help exits 0', () => {
    const r = cli();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/inspect: expected at least one file/);
    expect(cli('--help').code).toBe(0);
  });
});

describe.skipIf(!hasShared)('inspect: every file of ../shared/data', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  if (hasShared) walk(SHARED);
  const r = hasShared ? cli(...files) : { code: null, out: '[]', err: '' };
  const out = JSON.parse(r.out || '[]') as InspectEntry[];
  const byName = (rel: string) => out.find((e) => e.file === join(SHARED, rel))!;

  it('one entry per file, each opened or refused with a message naming it; exit 2 (malformed files); no stack', () => {
    expect(out.length).toBe(files.length);
    for (const e of out) {
      if (e.ok) continue;
      const base = e.file.split('/').pop()!;
      expect(e.refused).toContain(base);
    }
    expect(r.code).toBe(2);
    noStack(r.out + r.err);
    expect(r.err).not.toMatch(/internal error/);
  });

  it('the XRD files: Pilatus 1M image, .poni, patterns, xrdml', () => {
    const t = ok(byName('xrd/dioptas/CeO2_Pilatus1M.tif'));
    expect([t.loader, t.kind, ...t.shape]).toEqual(['pilatus-tiff', 'image', 1043, 981]);
    expect(t.meta).toMatchObject({ instrument: 'PILATUS 1M-F', exposureTime: 3 });
    expect(ok(byName('xrd/dioptas/CeO2_Pilatus1M.poni')).meta).toMatchObject({ wavelength_A: 0.4066 });
    expect(ok(byName('xrd/dioptas/CeO2_Pilatus1M.xy')).shape).toEqual([1512]);
    expect(ok(byName('xrd/dioptas/pattern_001.chi')).warnings[0]).toMatch(/header declares 1455 points but 75/);
    expect(ok(byName('xrd/panalytical/210520step1_30min.xrdml')).meta).toMatchObject({ instrument: 'XPERT-PRO', anode: 'Cu' });
  });

  it('every good real file of the other modalities opens; every malformed XDI is refused', () => {
    const failedGood = out.filter((e) => !e.ok && /\.(xdi|mpt|mpr|h5|hdf5|tif|xy|xrdml|poni|nor)$/.test(e.file) && !e.file.includes('xdi-bad'));
    expect(failedGood.map((e) => (e.ok ? '' : e.refused))).toEqual([]);
    const xdiBad = out.filter((e) => e.file.includes('xdi-bad/bad_'));
    expect(xdiBad.filter((e) => !e.ok).length).toBeGreaterThanOrEqual(10);
    expect(ok(byName('echem/maccor/maccor_001.txt')).loader).toBe('maccor');
    expect(ok(byName('ct/tomopy-tooth/tooth.h5')).meta).toMatchObject({ layout: 'data-exchange', dataset: '/exchange/data' });
  });

  it('the only refusals are files MANIFEST marks malformed, BadFiles.txt, MANIFEST.md and a JCAMP file without data', () => {
    const manifest = readFileSync(join(SHARED, 'MANIFEST.md'), 'utf8');
    const malformed = new Set<string>();
    for (const line of manifest.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      if (cells.length > 7 && /^YES/.test(cells[cells.length - 2])) malformed.add(cells[1].replace(/`/g, ''));
    }
    expect(malformed.has('nmr-jcamp/structure/noend.jdx')).toBe(true);
    const allowed = new Set([...malformed, 'xas/xdi-bad/BadFiles.txt', 'MANIFEST.md', 'nmr-jcamp/mestrec/simple.jdx']);
    const refused = out.filter((e) => !e.ok).map((e) => e.file.slice(SHARED.length + 1));
    expect(refused.filter((f) => !allowed.has(f))).toEqual([]);
    expect(ok(byName('nmr-jcamp/bruker_fid_ft.jdx')).meta).toMatchObject({ dataType: 'NMR SPECTRUM', otherBlocks: '1: NMR FID', observeFrequency_MHz: 600.133900845 });
    const hdr = ok(byName('stacks/als-stxm-fe/Aligned/71214078.hdr'));
    expect([...hdr.shape, hdr.meta.framesFound]).toEqual([123, 125, 125, 123]);
    expect(ok(byName('stacks/als-stxm-fe/Aligned/71214078_a122.xim')).meta.energy_eV).toBe(730.353);
    expect(ok(byName('stacks/als-stxm-fe/Aligned/i0.xsp')).loader).toBe('axis-spectrum');
  });
});
