// export.hdf5 / export.zarr / export.json: written, then read back with our loaders and (where
// Debian's python3-h5py / python3-zarr are installed) with h5py and zarr-python through
// scripts/fixtures/export_readback.py.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type SpectraValue, type SpectrumValue, type StackValue, type TableValue, type Value } from '../../../runtime/values';
import { testContext } from '../../io/__tests__/imageNodeContext';
import { loadHdf5Node } from '../../io/loadHdf5';
import { loadZarrNode } from '../../io/loadZarr';
import { exportHdf5Node } from '../exportHdf5';
import { exportZarrNode } from '../exportZarr';
import { exportJsonNode } from '../exportJson';
import { parseValueJson } from '../../../ops/io/json/parseValueJson';
import { resultFiles } from '../../../editor/resultFiles';
import type { WorkflowDocument } from '../../../runtime/workflow/types';

const meta = () => ({
  ...emptyMeta(),
  sources: [{ name: 'scan.h5', sha256: 'ab'.repeat(32), size: 10 }],
  history: [{ nodeId: 'load', nodeType: 'io.load-hdf5', typeVersion: 1, params: { dataset: '/x' } }],
  attrs: { beamline: 'ID21', ring_current: 200.5 },
});
const stack: StackValue = {
  kind: 'stack',
  frames: 3,
  width: 5,
  height: 4,
  dtype: 'u16',
  data: Uint16Array.from({ length: 60 }, (_, i) => (i * 2654435761) % 65521),
  frameAxis: { name: 'energy', unit: 'eV' },
  frameCoords: Float64Array.from([8330, 8332.5, 8335]),
  pixelSize: { x: 0.65, y: 0.65, unit: 'µm' },
  valueAxis: { name: 'intensity', unit: 'counts' },
  meta: meta(),
};
const spectrum: SpectrumValue = {
  kind: 'spectrum',
  x: Float64Array.from([8330.1, 8331.25, 8332.4]),
  y: Float64Array.from([0.1, NaN, 1 / 3]),
  xAxis: { name: 'energy', unit: 'eV' },
  yAxis: { name: 'norm mu(E)', unit: '' },
  meta: meta(),
};
const spectra: SpectraValue = {
  kind: 'spectra',
  x: Float64Array.from([1, 2, 3, 4]),
  y: Float64Array.from({ length: 8 }, (_, i) => Math.sqrt(i)),
  frames: 2,
  points: 4,
  time: Float64Array.from([0, 60.5]),
  frameLabels: ['scan_001.xdi', 'scan_002.xdi'],
  xAxis: { name: '2θ', unit: '°' },
  yAxis: { name: 'intensity', unit: 'counts' },
  meta: { ...meta(), timeOrigin: '2026-05-01T10:00:00Z' },
};
const table: TableValue = {
  kind: 'table',
  rows: 3,
  columns: [
    { name: 'time', unit: 's', data: Float64Array.from([0, 1.5, 3]) },
    { name: 'Ewe', unit: 'V', data: Float64Array.from([3.1, 3.25, -0.000001]) },
    { name: 'step', unit: '', text: ['rest', 'charge', 'charge'] },
  ],
  meta: meta(),
};

const image: ImageValue = {
  kind: 'image',
  width: 3,
  height: 2,
  dtype: 'f32',
  data: Float32Array.from([0.1, NaN, -2.5, 1e-8, 3, 65536.5]),
  valueAxis: { name: 'attenuation', unit: '1/cm' },
  meta: meta(),
};

async function run(node: typeof exportHdf5Node | typeof exportZarrNode | typeof exportJsonNode, v: Value, fileName: string) {
  const ctx = testContext('exp');
  await node.run({ data: v }, { ...defaultParams(node.params), fileName } as never, ctx);
  return ctx;
}

const PY = '/usr/bin/python3';
const SCRIPT = resolve(__dirname, '../../../../scripts/fixtures/export_readback.py');
const havePython = spawnSync(PY, ['-c', 'import h5py, zarr'], { encoding: 'utf8' }).status === 0;

/** Attributes as scripts/fixtures/export_readback.py prints them (JSON values; checked by the tests). */
type PyAttrs = Record<string, unknown> & { units?: string; signal?: string; step?: unknown; provenance?: { history: { nodeType: string }[] } };
/** One array as h5py / zarr-python read it (`values`: nested lists flattened by the script). */
interface PyArray {
  shape: number[];
  dtype: string;
  attrs: PyAttrs & { _ARRAY_DIMENSIONS?: string[] };
  chunks: number[] | null;
  compression?: string | null;
  compressor?: Record<string, unknown> | null;
  values: unknown;
}
/** Per written file: an HDF5 file's groups and datasets, or a Zarr group's attributes and arrays. */
interface PyFile {
  groups: Record<string, PyAttrs>;
  datasets: Record<string, PyArray>;
  attrs: PyAttrs;
  arrays: Record<string, PyArray>;
}

/** What h5py and zarr-python read from the files the tests wrote into `dir`. */
function readBack(dir: string): Record<string, PyFile> {
  const r = spawnSync(PY, [SCRIPT, dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe('export.hdf5', () => {
  it('a stack round-trips through io.load-hdf5: values, dtype, shape, energy axis with unit, pixel size; provenance beside it', async () => {
    const ctx = await run(exportHdf5Node, stack, 'xanes');
    expect(ctx.emitted.map((f) => f.name)).toEqual(['xanes.h5', 'xanes.provenance.json']);
    expect(ctx.progressCalls.at(-1)).toBe(1);
    const back = testContext();
    await back.store.put('xanes.h5', ctx.emitted[0].bytes);
    const out = (await loadHdf5Node.run({}, { ...defaultParams(loadHdf5Node.params), files: [{ name: 'xanes.h5' }] }, back)).data as StackValue;
    expect([out.kind, out.frames, out.height, out.width, out.dtype]).toEqual(['stack', 3, 4, 5, 'u16']);
    expect(Array.from(out.data)).toEqual(Array.from(stack.data));
    expect(out.frameAxis).toEqual({ name: 'energy', unit: 'eV' });
    expect(Array.from(out.frameCoords)).toEqual([8330, 8332.5, 8335]);
    expect(out.pixelSize).toEqual({ x: 0.65, y: 0.65, unit: 'µm' });
    const prov = JSON.parse(new TextDecoder().decode(ctx.emitted[1].bytes));
    expect(prov.files).toEqual(['xanes.h5']);
    expect(prov.sources).toEqual(stack.meta.sources);
    expect(prov.history.map((h: { nodeId: string; nodeType: string }) => `${h.nodeId}:${h.nodeType}`)).toEqual(['load:io.load-hdf5', 'exp:export.hdf5']);
  });

  it('refuses a folder in the name and a kind without arrays, with messages', async () => {
    await expect(run(exportHdf5Node, stack, 'a/b.h5')).rejects.toThrow('fileName: expected a file name without folders, got "a/b.h5"');
    const bands = { kind: 'bands', width: 1, height: 1, low: new Float32Array(1), high: [], meta: emptyMeta() } as Value;
    await expect(exportHdf5Node.run({ data: bands }, defaultParams(exportHdf5Node.params), testContext())).rejects.toThrow(/input "data": expected image or stack/);
  });
});

describe('export.zarr', () => {
  it('one file per key under <name>.zarr/, a chunk per frame; the stack round-trips through io.load-zarr', async () => {
    const ctx = await run(exportZarrNode, stack, 'vol.zarr');
    const names = ctx.emitted.map((f) => f.name);
    expect(names.filter((n) => n.startsWith('vol.zarr/intensity/'))).toEqual([
      'vol.zarr/intensity/.zarray',
      'vol.zarr/intensity/.zattrs',
      'vol.zarr/intensity/0.0.0',
      'vol.zarr/intensity/1.0.0',
      'vol.zarr/intensity/2.0.0',
    ]);
    expect(names.at(-1)).toBe('vol.provenance.json');
    const zarray = JSON.parse(new TextDecoder().decode(ctx.emitted.find((f) => f.name === 'vol.zarr/intensity/.zarray')!.bytes));
    expect(zarray).toMatchObject({ zarr_format: 2, shape: [3, 4, 5], chunks: [1, 4, 5], dtype: '<u2', compressor: { id: 'gzip', level: 4 }, order: 'C' });
    const back = testContext();
    for (const f of ctx.emitted) await back.store.put(f.name, f.bytes);
    const out = (await loadZarrNode.run({}, { ...defaultParams(loadZarrNode.params), files: [{ name: 'vol.zarr/intensity/.zarray' }] }, back)).image as StackValue;
    expect([out.frames, out.height, out.width, out.dtype]).toEqual([3, 4, 5, 'u16']);
    expect(Array.from(out.data)).toEqual(Array.from(stack.data));
  });
});

describe('export.json', () => {
  it('spectrum, spectra and table round-trip exactly (NaN as null), with axes, units, strings and provenance', async () => {
    for (const [v, signal, axes] of [
      [spectrum, 'norm_mu_E', ['energy']],
      [spectra, 'intensity', ['time', '2θ']],
      [table, 'Ewe', ['time']],
    ] as const) {
      const ctx = await run(exportJsonNode, v, 'out');
      expect(ctx.emitted.map((f) => f.name)).toEqual(['out.json', 'out.provenance.json']);
      const text = new TextDecoder().decode(ctx.emitted[0].bytes);
      const back = parseValueJson(text, 'out.json');
      expect([back.kind, back.signal, back.axes]).toEqual([v.kind, signal, axes]);
      expect((back.provenance as { history: { nodeId: string }[] }).history.map((h) => h.nodeId)).toEqual(['load', 'exp']);
      if (v.kind === 'spectrum') {
        expect(back.arrays.map((a) => [a.name, a.longName, a.unit, a.dtype, a.shape])).toEqual([
          ['norm_mu_E', 'norm mu(E)', '', 'float64', [3]],
          ['energy', 'energy', 'eV', 'float64', [3]],
        ]);
        expect(Array.from(back.arrays[0].data)).toEqual([0.1, NaN, 1 / 3]);
        expect(Array.from(back.arrays[1].data)).toEqual(Array.from(spectrum.x));
        expect(text).toContain('"data":[0.1,null,0.3333333333333333]');
      } else if (v.kind === 'spectra') {
        expect(back.arrays[0].shape).toEqual([2, 4]);
        expect(Array.from(back.arrays[0].data)).toEqual(Array.from(spectra.y));
        expect(back.texts).toEqual([{ name: 'frame_label', text: ['scan_001.xdi', 'scan_002.xdi'] }]);
        expect((back.provenance as { timeOrigin: string }).timeOrigin).toBe('2026-05-01T10:00:00Z');
      } else {
        expect(back.arrays.map((a) => [a.name, a.unit, Array.from(a.data)])).toEqual([
          ['time', 's', [0, 1.5, 3]],
          ['Ewe', 'V', [3.1, 3.25, -0.000001]],
        ]);
        expect(back.texts).toEqual([{ name: 'step', text: ['rest', 'charge', 'charge'] }]);
      }
    }
  });

  it('the reader names the file, the field and what it expected', () => {
    const good = { format: 'operando-flow.value', version: 1, kind: 'spectrum', signal: 'y', axes: ['x'], texts: [], attrs: {} };
    expect(() => parseValueJson('{', 'a.json')).toThrow(/^a\.json: not valid JSON/);
    expect(() => parseValueJson(JSON.stringify({ ...good, version: 2, arrays: [] }), 'a.json')).toThrow('a.json: version: expected 1, got 2');
    const arr = { name: 'y', long_name: 'y', unit: '', dtype: 'float64', shape: [3], data: [1, 2] };
    expect(() => parseValueJson(JSON.stringify({ ...good, arrays: [arr] }), 'a.json')).toThrow('a.json: arrays[0].data: expected 3 values (shape 3), got "2 values"');
    expect(() => parseValueJson(JSON.stringify({ ...good, arrays: [{ ...arr, data: [1, 'x', 3] }] }), 'a.json')).toThrow('a.json: arrays[0].data[1]: expected a number or null, got "x"');
  });
});

describe.skipIf(!havePython)('read back with h5py and zarr-python (Debian python3-h5py, python3-zarr)', () => {
  it('values, shape, dtype, axes and units equal; NeXus attributes; chunks per frame with gzip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'of-export-'));
    const put = (name: string, bytes: Uint8Array) => {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), bytes);
    };
    for (const [v, base] of [
      [stack, 'stack'],
      [spectrum, 'spectrum'],
      [spectra, 'spectra'],
      [table, 'table'],
      [image, 'image'],
    ] as const) {
      for (const f of (await run(exportHdf5Node, v, base)).emitted) put(f.name, f.bytes);
      for (const f of (await run(exportZarrNode, v, base)).emitted) put(f.name, f.bytes);
    }
    // the studio's download of a store: one zip (src/editor/resultFiles.ts)
    const zarrCtx = await run(exportZarrNode, stack, 'download');
    const doc = { format: 'operando-flow.workflow', version: 1, meta: { title: 't' }, nodes: [], edges: [] } as unknown as WorkflowDocument;
    for (const f of resultFiles(zarrCtx.emitted.map((file) => ({ nodeId: 'exp', file })), doc, { get: () => undefined })) put(f.file.name, f.file.bytes);
    const py = readBack(dir);

    const h5 = py['stack.h5'];
    expect(h5.groups['/']).toEqual({ creator: 'OperandoFlow', default: 'entry' });
    expect(h5.groups.entry).toEqual({ NX_class: 'NXentry', default: 'data' });
    expect(h5.groups['entry/data']).toMatchObject({ NX_class: 'NXdata', signal: 'intensity', axes: ['energy', 'y', 'x'], energy_indices: 0, y_indices: 1, x_indices: 2 });
    const sig = h5.datasets['entry/data/intensity'];
    expect([sig.shape, sig.dtype, sig.chunks, sig.compression, sig.attrs.units]).toEqual([[3, 4, 5], '<u2', [1, 4, 5], 'gzip', 'counts']);
    expect(sig.values).toEqual(Array.from(stack.data));
    expect(h5.datasets['entry/data/energy']).toMatchObject({ dtype: '<f8', values: [8330, 8332.5, 8335], attrs: { units: 'eV' } });
    expect(h5.datasets['entry/data/x']).toMatchObject({ values: [0, 0.65, 1.3, 1.9500000000000002, 2.6], attrs: { units: 'µm' } });
    expect(h5.groups['entry/process']).toMatchObject({ NX_class: 'NXprocess', beamline: 'ID21', ring_current: 200.5 });
    expect(JSON.parse(String(h5.datasets['entry/process/provenance'].values)).history.at(-1).nodeType).toBe('export.hdf5');

    const im = py['image.h5'].datasets['entry/data/attenuation'];
    expect([im.shape, im.dtype, im.chunks, im.compression, im.attrs.units]).toEqual([[2, 3], '<f4', [2, 3], 'gzip', '1/cm']);
    expect(im.values).toEqual(Array.from(image.data, (x) => (Number.isNaN(x) ? null : x)));
    expect(py['image.h5'].datasets['entry/data/x']).toMatchObject({ values: [0, 1, 2], attrs: { units: 'pixel' } });
    expect(py['image.zarr'].arrays.attenuation).toMatchObject({ shape: [2, 3], dtype: '<f4', values: im.values });
    const sp = py['spectrum.h5'].datasets;
    expect(sp['entry/data/norm_mu_E']).toMatchObject({ shape: [3], dtype: '<f8', values: [0.1, null, 1 / 3], attrs: { long_name: 'norm mu(E)' } });
    expect(py['spectra.h5'].datasets['entry/data/frame_label'].values).toEqual(['scan_001.xdi', 'scan_002.xdi']);
    expect(py['spectra.h5'].datasets['entry/data/intensity']).toMatchObject({ shape: [2, 4], values: Array.from(spectra.y) });
    expect(py['spectra.h5'].groups['entry/data']).toMatchObject({ signal: 'intensity', axes: ['time', '2θ'] });
    const tb = py['table.h5'];
    expect(tb.datasets['entry/data/Ewe']).toMatchObject({ values: [3.1, 3.25, -0.000001], attrs: { units: 'V' } });
    expect(tb.datasets['entry/data/step'].values).toEqual(['rest', 'charge', 'charge']);

    const z = py['stack.zarr'];
    expect(z.attrs).toMatchObject({ signal: 'intensity', axes: ['energy', 'y', 'x'], operando_flow_kind: 'stack', source_attrs: { beamline: 'ID21' } });
    expect(z.attrs.provenance?.history.at(-1)?.nodeType).toBe('export.zarr');
    expect(z.arrays.intensity).toMatchObject({ shape: [3, 4, 5], dtype: '<u2', chunks: [1, 4, 5], compressor: { id: 'gzip', level: 4 } });
    expect(z.arrays.intensity.attrs).toEqual({ _ARRAY_DIMENSIONS: ['energy', 'y', 'x'], units: 'counts', long_name: 'intensity' });
    expect(z.arrays.intensity.values).toEqual(Array.from(stack.data));
    expect(z.arrays.energy).toMatchObject({ values: [8330, 8332.5, 8335], attrs: { units: 'eV', _ARRAY_DIMENSIONS: ['energy'] } });
    expect(py['download.zarr.zip'].arrays.intensity.values).toEqual(Array.from(stack.data));
    expect(py['download.zarr.zip'].attrs.signal).toBe('intensity');
    expect(py['spectrum.zarr'].arrays.norm_mu_E.values).toEqual([0.1, null, 1 / 3]);
    expect(py['spectra.zarr'].arrays.intensity).toMatchObject({ shape: [2, 4], values: Array.from(spectra.y) });
    expect(py['table.zarr'].attrs.step).toEqual(['rest', 'charge', 'charge']);
    expect([py['table.zarr'].arrays.Ewe.attrs._ARRAY_DIMENSIONS, py['table.zarr'].arrays.time.attrs._ARRAY_DIMENSIONS]).toEqual([['time'], ['time']]);
  });
});
