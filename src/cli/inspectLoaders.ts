/**
 * The loader table of `operando-flow inspect`: for each file format, how to recognise it (content
 * first, then extension) and a summary of what the project's reader makes of it — value kind,
 * shape, dtype, axes with units and key metadata — reusing the readers of `src/ops/io`.
 * A reader's refusal (naming file, line/field and expectation) propagates as the error.
 */
import type { ValueKind } from '../runtime/values';
import { decodeText } from '../ops/io/columns/decodeText';
import { parseSpectrumText } from '../ops/io/columns/parseSpectrumText';
import type { ColumnFile } from '../ops/io/columns/types';
import { readEdf } from '../ops/io/edf/readEdf';
import { detectHdf5Layout } from '../ops/io/hdf5/detectHdf5Layout';
import { listHdf5Tree } from '../ops/io/hdf5/listHdf5Tree';
import { openHdf5 } from '../ops/io/hdf5/openHdf5';
import { byteSource, type ByteSource } from '../ops/io/raw/byteSource';
import { openZarrArray, type ZarrKeyReader } from '../ops/io/zarr/openZarrArray';
import { readEchemFile } from '../ops/io/echem/readEchemFile';
import type { EchemFile } from '../ops/io/echem/types';
import { readTiff } from '../ops/io/tiff/readTiff';
import { openTiffStack } from '../ops/io/tiff/openTiffStack';
import { parsePoni } from '../ops/diffraction/parsePoni';
import { parsePattern } from '../ops/io/xrd/parsePattern';
import { parsePilatusHeader } from '../ops/io/xrd/parsePilatusHeader';
import { detectFileFormat } from '../ops/io/detectFileFormat';
import { jcampSummary } from './inspectJcamp';
import { axisMaskSummary, axisSpectrumSummary, stxmHdrSummary, ximSummary } from './inspectAxis';

export type Scalar = string | number | boolean | null;

export interface InspectAxis {
  name: string;
  unit: string;
  size: number;
  /** First and last coordinate, when the axis has coordinates. */
  range?: [number, number];
}

/** What `inspect` prints for a file that opened. */
export interface InspectSummary {
  /** Loader chosen (a row of `INSPECT_LOADERS`). */
  loader: string;
  /** The node that loads it in a workflow. */
  node: string;
  /** Value kind the node outputs (`geometry` for a .poni, which a node takes as a parameter). */
  kind: ValueKind | 'geometry';
  shape: number[];
  dtype: string;
  axes: InspectAxis[];
  meta: Record<string, Scalar>;
  warnings: string[];
}

/** Files beside the one inspected (an STXM frame's `.hdr`, a header's frames, a Zarr store's keys). */
export interface NearbyFiles {
  /** Names (not paths) in the file's folder. */
  list(): Promise<string[]>;
  /** A file of that folder by name; undefined when absent. */
  read(name: string): Promise<Uint8Array | undefined>;
}

/**
 * How inspect summarises one format. Which format a file is (and which node loads it) is decided
 * by `detectFileFormat` (src/ops/io/detectFileFormat.ts), shared with the studio's drop routing;
 * `name` is the format id it returns.
 */
export interface InspectLoader {
  name: string;
  inspect: (bytes: Uint8Array, fileName: string, near?: NearbyFiles) => Promise<InspectSummary> | InspectSummary;
  /** Lazy variant for big containers: reads only the ranges it needs (HDF5). Preferred when present. */
  inspectSource?: (source: ByteSource) => Promise<InspectSummary>;
}

const range = (a: ArrayLike<number>): [number, number] | undefined => (a.length > 0 ? [a[0], a[a.length - 1]] : undefined);
const text = (bytes: Uint8Array) => decodeText(bytes).text;

function columnSummary(f: ColumnFile, loader: string, node: string, keys: Record<string, string>): InspectSummary {
  const rows = f.data[0]?.length ?? 0;
  const meta: Record<string, Scalar> = { format: f.format, columns: f.columns.map((c) => c.name).join(', ') };
  for (const [k, v] of Object.entries(f.header)) {
    const name = keys[k.toLowerCase()];
    if (name) meta[name] = v;
  }
  if (f.startTime) meta.startTime = f.startTime.iso;
  return {
    loader,
    node,
    kind: 'spectrum',
    shape: [rows, f.columns.length],
    dtype: 'f64',
    axes: [
      { name: f.columns[0]?.name ?? 'x', unit: f.columns[0]?.unit ?? '', size: rows, range: f.data[0] ? range(f.data[0]) : undefined },
      { name: 'column', unit: '', size: f.columns.length },
    ],
    meta,
    warnings: f.warnings,
  };
}

function echemSummary(f: EchemFile): InspectSummary {
  const cycle = f.columns.find((c) => /^(cycle|cyc#|cycle number|cycle index|cycle_index)$/i.test(c.name));
  const time = f.columns.find((c) => /^(time|time\/s|testtime|test_time|test time)/i.test(c.name) || c.unit === 's');
  const meta: Record<string, Scalar> = { format: f.format, columns: f.columns.map((c) => (c.unit ? `${c.name} (${c.unit})` : c.name)).join(', ') };
  if (f.startTime) meta.startTime = f.startTime.iso;
  if (cycle && cycle.data.length > 0) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of cycle.data) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    meta.cycles = hi - lo + 1;
  }
  for (const k of ['technique', 'device', 'software', 'instrument']) {
    const hit = Object.entries(f.header).find(([key]) => key.toLowerCase().includes(k));
    if (hit) meta[k] = hit[1].slice(0, 120);
  }
  return {
    loader: f.format,
    node: 'io.load-echem',
    kind: 'table',
    shape: [f.rows, f.columns.length],
    dtype: 'f64',
    axes: [
      { name: time?.name ?? 'row', unit: time?.unit ?? '', size: f.rows, range: time ? range(time.data) : undefined },
      { name: 'column', unit: '', size: f.columns.length },
    ],
    meta,
    warnings: f.warnings,
  };
}

function imageSummary(
  loader: string,
  img: { width: number; height: number; frames: number; dtype: string; pixelSize?: { x: number; y: number; unit: string } },
  meta: Record<string, Scalar>,
  warnings: string[],
): InspectSummary {
  const axes: InspectAxis[] = [];
  if (img.frames > 1) axes.push({ name: 'frame', unit: '', size: img.frames });
  const ps = img.pixelSize;
  axes.push({ name: 'y', unit: ps?.unit ?? 'px', size: img.height, ...(ps ? { range: [0, (img.height - 1) * ps.y] as [number, number] } : {}) });
  axes.push({ name: 'x', unit: ps?.unit ?? 'px', size: img.width, ...(ps ? { range: [0, (img.width - 1) * ps.x] as [number, number] } : {}) });
  return {
    loader,
    node: loader === 'tiff' ? 'io.load-image' : 'io.load-detector-image',
    kind: img.frames > 1 ? 'stack' : 'image',
    shape: img.frames > 1 ? [img.frames, img.height, img.width] : [img.height, img.width],
    dtype: img.dtype,
    axes,
    meta,
    warnings,
  };
}

const XAS_KEYS: Record<string, string> = {
  'element.symbol': 'element',
  'element.edge': 'edge',
  'beamline.name': 'beamline',
  'facility.name': 'facility',
  'mono.name': 'mono',
  'sample.name': 'sample',
  'scan.start_time': 'startTimeText',
};

/**
 * A TIFF or BigTIFF from its header and IFDs only (`openTiffStack`), so a 20 GB stack is
 * inspected without reading its pixels; files that cannot be read frame by frame (compressed,
 * tiled) are decoded whole by `readTiff` so that unsupported content is refused here as in the node.
 */
async function tiffSummary(source: ByteSource): Promise<InspectSummary> {
  const stack = await openTiffStack(source);
  const t = stack.lazy ? stack : readTiff(await source.read(0, source.size), source.name);
  const h = parsePilatusHeader(t.description);
  const pilatus = h.pixelSize !== null || /pilatus|eiger/i.test(t.model ?? '');
  const meta: Record<string, Scalar> = { format: pilatus ? 'pilatus-tiff' : stack.bigTiff ? 'bigtiff' : 'tiff', ...h.attrs };
  if (t.model) meta.instrument = t.model;
  if (h.startTime) meta.startTime = h.startTime;
  if (t.description && !pilatus) meta.description = t.description.slice(0, 120);
  const ps = h.pixelSize ? { x: h.pixelSize.x * 1e6, y: h.pixelSize.y * 1e6, unit: 'µm' } : t.pixelSize;
  return imageSummary(pilatus ? 'pilatus-tiff' : 'tiff', { ...t, pixelSize: ps }, meta, t.notes);
}

/** One row per format id of `detectFileFormat` (a Pilatus TIFF is summarised by the `tiff` row). */
export const INSPECT_LOADERS: InspectLoader[] = [
  {
    name: 'tiff',
    inspect: (bytes, name) => tiffSummary(byteSource(name, bytes)),
    inspectSource: tiffSummary,
  },
  {
    name: 'hdf5',
    inspect: (bytes, name) => hdf5Summary(byteSource(name, bytes)),
    inspectSource: hdf5Summary,
  },
  {
    name: 'edf',
    inspect(bytes, name) {
      const e = readEdf(bytes, name);
      const meta: Record<string, Scalar> = { format: 'edf', dataType: e.header.DataType ?? null, byteOrder: e.header.ByteOrder ?? null };
      for (const k of ['Title', 'title', 'ExposureTime', 'count_time', 'Date', 'date', 'DetectorModel'])
        if (e.header[k] !== undefined) meta[k] = e.header[k];
      return imageSummary('edf', e, meta, e.notes);
    },
  },
  {
    name: 'biologic-mpr',
    inspect: (bytes, name) => echemSummary(readEchemFile(bytes, name, { format: 'biologic-mpr' })),
  },
  {
    name: 'biologic-mpt',
    inspect: (bytes, name) => echemSummary(readEchemFile(bytes, name, { format: 'biologic-mpt' })),
  },
  {
    name: 'maccor',
    inspect: (bytes, name) => echemSummary(readEchemFile(bytes, name, { format: 'maccor' })),
  },
  {
    name: 'neware',
    inspect: (bytes, name) => echemSummary(readEchemFile(bytes, name, { format: 'neware' })),
  },
  {
    name: 'echem-csv',
    inspect: (bytes, name) => ({ ...echemSummary(readEchemFile(bytes, name, { format: 'csv' })), loader: 'echem-csv' }),
  },
  {
    name: 'xrdml',
    inspect: (bytes, name) => patternSummary('xrdml', bytes, name),
  },
  {
    name: 'xdi',
    inspect: (bytes, name) => columnSummary(parseSpectrumText(text(bytes), name), 'xdi', 'io.load-spectra', XAS_KEYS),
  },
  {
    name: 'poni',
    inspect(bytes, name) {
      const g = parsePoni(text(bytes), name);
      return {
        loader: 'poni',
        node: 'clean.azimuthal-integrate',
        kind: 'geometry',
        shape: g.maxShape ?? [],
        dtype: '',
        axes: [],
        meta: {
          detector: g.detector,
          distance_m: g.dist,
          poni1_m: g.poni1,
          poni2_m: g.poni2,
          rot1: g.rot1,
          rot2: g.rot2,
          rot3: g.rot3,
          pixel1_m: g.pixel1,
          pixel2_m: g.pixel2,
          wavelength_A: g.wavelength === null ? null : Number((g.wavelength * 1e10).toPrecision(12)),
        },
        warnings: [],
      };
    },
  },
  {
    name: 'xrd-pattern',
    inspect: (bytes, name) => patternSummary('xrd-pattern', bytes, name),
  },
  {
    name: 'columns',
    inspect(bytes, name) {
      try {
        return columnSummary(parseSpectrumText(text(bytes), name), 'columns', 'io.load-spectra', XAS_KEYS);
      } catch (e) {
        // A cycler CSV with its own header needs the column mapping of io.load-echem.
        if (/\.csv$/i.test(name) && e instanceof Error) e.message += ' (a cycler CSV with a custom header opens with io.load-echem and a column mapping)';
        throw e;
      }
    },
  },
  { name: 'jcamp', inspect: jcampSummary },
  { name: 'als-stxm', inspect: stxmHdrSummary },
  { name: 'als-xim', inspect: ximSummary },
  { name: 'axis-mask', inspect: axisMaskSummary },
  { name: 'axis-spectrum', inspect: axisSpectrumSummary },
  {
    name: 'zarr',
    async inspect(_bytes, name, near) {
      if (!near) throw new Error(`${name}: a Zarr key file is read with its store folder`);
      const dir = name.replace(/[/\\][^/\\]*$/, '') || '.';
      return inspectZarrFolder(dir, (key) => near.read(key));
    },
  },
  {
    name: 'raw',
    inspect: (bytes, name) => ({
      loader: 'raw',
      node: 'io.load-raw',
      kind: 'image',
      shape: [],
      dtype: '',
      axes: [],
      meta: { format: 'raw binary (no header)', bytes: bytes.byteLength },
      warnings: [`${name}: a raw file has no header: give width, height, frames, sample type and byte order in io.load-raw`],
    }),
  },
];

async function hdf5Summary(source: ByteSource): Promise<InspectSummary> {
  const name = source.name;
  const reader = await openHdf5(source);
  try {
    const entries = await reader.use((file, h5) => listHdf5Tree(file, h5));
    const layout = detectHdf5Layout(entries);
    const main =
      layout.kind === 'data-exchange' ? layout.projections : layout.kind === 'nexus' ? layout.signal : layout.kind === 'single' ? layout.dataset : null;
    const ds = main ? entries.find((e) => e.path === main) : undefined;
    const datasets = entries.filter((e) => e.kind === 'dataset');
    const dangling = entries.filter((e) => e.kind === 'dangling-link').map((e) => e.path);
    const meta: Record<string, Scalar> = { format: 'hdf5', layout: layout.kind, datasets: datasets.length };
    if (main) meta.dataset = main;
    if (layout.kind === 'none') meta.candidates = layout.candidates.slice(0, 10).join(', ');
    if (dangling.length) meta.danglingLinks = dangling.slice(0, 10).join(', ');
    for (const e of entries)
      for (const k of ['NX_class', 'definition', 'start_time', 'instrument'])
        if (e.attrs[k] !== undefined && meta[k] === undefined && (k !== 'NX_class' || (e.path !== '/' && e.path.split('/').length === 2))) meta[k] = e.attrs[k];
    const shape = ds?.shape ?? [];
    const names = shape.length === 3 ? ['frame', 'y', 'x'] : shape.length === 2 ? ['y', 'x'] : shape.map((_, i) => `dim${i}`);
    const axisPaths = layout.kind === 'nexus' ? layout.axes : [];
    return {
      loader: 'hdf5',
      node: 'io.load-hdf5',
      kind: shape.length >= 3 ? 'stack' : shape.length === 2 ? 'image' : shape.length === 1 ? 'spectrum' : 'table',
      shape,
      dtype: ds?.dtype ?? '',
      axes: shape.map((size, i) => {
        const axis = axisPaths[i] ? entries.find((e) => e.path === axisPaths[i]) : undefined;
        const unit = axis?.attrs.units ?? axis?.attrs.unit;
        return { name: axisPaths[i]?.split('/').pop() ?? names[i], unit: typeof unit === 'string' ? unit : '', size };
      }),
      meta,
      warnings: dangling.length ? [`${name}: ${dangling.length} dangling link(s): ${dangling.slice(0, 5).join(', ')}`] : [],
    };
  } finally {
    reader.close();
  }
}

function patternSummary(loader: string, bytes: Uint8Array, name: string): InspectSummary {
  const ps = parsePattern(text(bytes), name);
  const p = ps[0];
  const meta: Record<string, Scalar> = { format: p.format, scans: ps.length };
  for (const [k, v] of Object.entries(p.attrs)) if (['instrument', 'anode', 'kAlpha1', 'kAlpha2', 'sample', 'countingTime', 'title'].includes(k)) meta[k] = v;
  if (p.wavelength !== null) meta.wavelength_A = p.wavelength;
  if (p.startTime) meta.startTime = p.startTime.iso;
  const x = p.axis === 'q' ? { name: 'q', unit: 'Å⁻¹' } : { name: '2θ', unit: '°' };
  return {
    loader,
    node: 'io.load-pattern',
    kind: ps.length > 1 ? 'spectra' : 'spectrum',
    shape: ps.length > 1 ? [ps.length, p.x.length] : [p.x.length],
    dtype: 'f64',
    axes: [...(ps.length > 1 ? [{ name: 'scan', unit: '', size: ps.length }] : []), { ...x, size: p.x.length, range: range(p.x) }],
    meta: { ...meta, sigma: p.sigma !== null, y: p.yUnit ? `${p.yName} (${p.yUnit})` : p.yName },
    warnings: ps.flatMap((q) => q.warnings),
  };
}

/** Format ids summarised by another format's row. */
const SUMMARISED_BY: Record<string, string> = { 'pilatus-tiff': 'tiff' };

/**
 * The loader for a file from its name and first bytes, as `detectFileFormat` decides (content
 * first, then extension), with the node that loads it; null when none fits.
 */
export function chooseLoader(fileName: string, bytes: Uint8Array, loaders: InspectLoader[] = INSPECT_LOADERS): (InspectLoader & { node: string }) | null {
  const f = detectFileFormat(fileName, bytes.subarray(0, 4096));
  if (!f) return null;
  const row = loaders.find((l) => l.name === (SUMMARISED_BY[f.format] ?? f.format));
  return row ? { ...row, node: f.node } : null;
}

/** A Zarr v2/v3 array stored as a folder (metadata only: no chunk is read). */
export async function inspectZarrFolder(dir: string, read: ZarrKeyReader): Promise<InspectSummary> {
  const z = await openZarrArray(read, { storeName: dir });
  const names = z.shape.length === 3 ? ['frame', 'y', 'x'] : z.shape.length === 2 ? ['y', 'x'] : z.shape.map((_, i) => `dim${i}`);
  const meta: Record<string, Scalar> = { format: `zarr v${z.zarrFormat}`, chunks: z.chunks.join('×'), fillValue: z.fillValue };
  for (const [k, v] of Object.entries(z.attrs)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') meta[k] = v;
  return {
    loader: 'zarr',
    node: 'io.load-zarr',
    kind: z.shape.length >= 3 ? 'stack' : z.shape.length === 2 ? 'image' : 'spectrum',
    shape: z.shape,
    dtype: z.dtype,
    axes: z.shape.map((size, i) => ({ name: names[i], unit: '', size })),
    meta,
    warnings: [],
  };
}
