/**
 * io.load-hdf5: image data from HDF5 / NeXus / Data Exchange files through h5wasm, read lazily
 * (header, then only the requested frames), with the file's tree as a table for browsing.
 */
import { defineNode, NodeInputError } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import type { AxisInfo, PixelSize, SourceFile, TableValue, Value, ValueMeta } from '../../runtime/values';
import { sourceFile } from '../../runtime/files/fileIdentity';
import { FRAME_RANGE_PARAMS, framesValue } from './frameRange';
import { fileByteSource } from '../../ops/io/raw/fileByteSource';
import { openHdf5, type Hdf5Reader } from '../../ops/io/hdf5/openHdf5';
import { listHdf5Tree, type Hdf5Entry } from '../../ops/io/hdf5/listHdf5Tree';
import { detectHdf5Layout } from '../../ops/io/hdf5/detectHdf5Layout';
import { readHdf5Frames, type Hdf5Frames } from '../../ops/io/hdf5/readHdf5Frames';
import { readHdf5Vector } from '../../ops/io/hdf5/readHdf5Vector';
import { axisPixelSize } from '../../ops/io/hdf5/axisPixelSize';

const params = defineParams({
  files: {
    type: 'files',
    label: 'File',
    description: 'One HDF5 file: NeXus (.nxs, .h5), APS Data Exchange (.h5), or any HDF5 with image datasets.',
    accept: ['.h5', '.hdf5', '.hdf', '.he5', '.nxs', '.nx5', '.cxi'],
    multiple: false,
    default: [],
  },
  dataset: {
    type: 'string',
    label: 'Dataset',
    description:
      'Path of the image dataset, e.g. /exchange/data (see the "tree" output). Empty: found from the conventions — Data Exchange ' +
      '(projections, flats, darks, theta), NeXus (the default NXdata signal and its axes, e.g. NXstxm energy stacks), or the only 2-D/3-D dataset.',
    default: '',
    placeholder: 'auto',
  },
  ...FRAME_RANGE_PARAMS,
  frameAxis: {
    type: 'enum',
    label: 'Frame axis',
    description: 'What the frames are. Auto: from the file (Data Exchange theta → angle, NeXus axis → its name and units), else z slices.',
    default: 'auto',
    options: [
      { value: 'auto', label: 'auto (from the file)' },
      { value: 'z', label: 'z (slices)' },
      { value: 'time', label: 'time' },
      { value: 'energy', label: 'energy' },
      { value: 'angle', label: 'angle' },
    ],
  },
});

const ANGLE_UNITS: Record<string, string> = { degrees: '°', degree: '°', deg: '°', rad: 'rad', radians: 'rad' };

/** "No dataset at that path" with the names next to it (the nearest group that exists). */
function missingPathMessage(file: string, path: string, tree: Hdf5Entry[]): string {
  const parts = path.split('/').filter((s) => s !== '');
  for (let n = parts.length - 1; n >= 0; n--) {
    const parent = '/' + parts.slice(0, n).join('/');
    const g = tree.find((e) => e.path === parent && e.kind === 'group');
    if (!g) continue;
    const prefix = parent === '/' ? '/' : parent + '/';
    const names = tree.filter((e) => e.path.startsWith(prefix) && e.path !== parent && !e.path.slice(prefix.length).includes('/')).map((e) => e.path.slice(prefix.length));
    return `${file}: no dataset "${path}"; "${parent}" holds: ${names.slice(0, 40).join(', ') || '(nothing)'}${names.length > 40 ? ', …' : ''}`;
  }
  return `${file}: no dataset "${path}"`;
}

function treeTable(tree: Hdf5Entry[], meta: ValueMeta): TableValue {
  const text = (name: string, f: (e: Hdf5Entry) => string) => ({ name, unit: '' as const, text: tree.map(f) });
  return {
    kind: 'table',
    rows: tree.length,
    columns: [
      text('path', (e) => e.path),
      text('kind', (e) => e.kind),
      text('shape', (e) => (e.shape ? e.shape.join('×') || 'scalar' : '')),
      text('dtype', (e) => e.dtype ?? ''),
      text('target', (e) => e.target ?? ''),
      text('attrs', (e) => {
        const s = JSON.stringify(e.attrs);
        return s === '{}' ? '' : s.length > 300 ? s.slice(0, 300) + '…' : s;
      }),
    ],
    meta: { ...meta, attrs: { ...meta.attrs } },
  };
}

export const loadHdf5Node = defineNode({
  type: 'io.load-hdf5',
  version: 1,
  category: 'io',
  title: 'Load HDF5 / NeXus',
  help:
    'Reads image data from HDF5 files with h5wasm (the HDF5 C library in WebAssembly): NeXus (NXdata signal with its axes: an ' +
    'NXstxm file gives a stack with axis energy in eV), APS Data Exchange as written by dxchange/tomopy (projections with their ' +
    'theta angles, and flats and darks as separate outputs for the flat-field node), or any 2-D/3-D numeric dataset by path. ' +
    'Big files are read lazily: the metadata and only the requested frames. The "tree" output lists every group, dataset ' +
    '(shape, type, attributes) and link — dangling and external links are reported, never followed.',
  inputs: [],
  outputs: [
    { name: 'data', label: 'Data', kinds: ['image', 'stack'], description: 'The dataset (projections for Data Exchange).' },
    { name: 'flats', label: 'Flats', kinds: ['image', 'stack'], description: 'Data Exchange /exchange/data_white (open beam).' },
    { name: 'darks', label: 'Darks', kinds: ['image', 'stack'], description: 'Data Exchange /exchange/data_dark.' },
    { name: 'tree', label: 'Tree', kinds: ['table'], description: 'Every group, dataset and link of the file.' },
  ],
  params,
  async run(_inputs, p, ctx) {
    const ref = p.files[0];
    if (!ref) throw new NodeInputError('files: expected one HDF5 file, got none');
    await ctx.progress(0, `opening ${ref.name}`);
    const source = await fileByteSource(ctx.files, ref);
    let reader: Hdf5Reader;
    try {
      reader = await openHdf5(source);
    } catch (err) {
      const msg = (err as Error).message;
      throw new NodeInputError(/signature not found/.test(msg) ? `${ref.name}: not an HDF5 file (no HDF5 signature found)` : msg);
    }
    try {
      const tree = await reader.use((file, h5) => listHdf5Tree(file, h5));
      const sources: SourceFile[] = [await sourceFile(ctx.files, ref, source.size)];
      const baseMeta = (extra: ValueMeta['attrs']): ValueMeta => ({ sources, history: [], attrs: { format: 'hdf5', ...extra } });
      const byPath = new Map(tree.map((e) => [e.path, e]));

      // ---- which datasets
      let dataPath = p.dataset.trim();
      if (dataPath && !dataPath.startsWith('/')) dataPath = '/' + dataPath;
      dataPath = dataPath.replace(/\/+$/, '') || dataPath;
      const layout = detectHdf5Layout(tree);
      let frameAxis: AxisInfo = { name: 'z', unit: '' };
      let coordsPath: string | null = null;
      let flatsPath: string | undefined;
      let darksPath: string | undefined;
      const attrs: ValueMeta['attrs'] = {};
      const conventionPath = layout.kind === 'data-exchange' ? layout.projections : layout.kind === 'nexus' ? layout.signal : layout.kind === 'single' ? layout.dataset : null;
      if (!dataPath || dataPath === conventionPath) {
        // the conventions' dataset, found or named: with its axis (and flats/darks)
        if (layout.kind === 'data-exchange') {
          dataPath = layout.projections;
          flatsPath = layout.flats;
          darksPath = layout.darks;
          coordsPath = layout.theta ?? null;
          attrs.convention = 'Data Exchange';
        } else if (layout.kind === 'nexus') {
          dataPath = layout.signal;
          coordsPath = layout.axes.length >= 3 ? layout.axes[layout.axes.length - 3] : null;
          attrs.convention = 'NeXus';
          attrs.nxEntry = layout.entry;
          attrs.nxData = layout.nxdata;
          const definition = await reader.use((file, h5) => {
            const d = file.get(`${layout.entry}/definition`);
            if (!(d instanceof h5.Dataset)) return null;
            const v = d.value;
            return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null;
          });
          if (definition) attrs.nxDefinition = definition.trim();
        } else if (layout.kind === 'single') {
          dataPath = layout.dataset;
        } else {
          throw new NodeInputError(
            `${ref.name}: no image dataset found by convention (Data Exchange, NeXus NXdata); set "dataset" to one of: ` +
              (layout.candidates.length ? layout.candidates.slice(0, 30).join(', ') : '(the file has no 2-D or 3-D dataset)'),
          );
        }
      } else {
        const e = byPath.get(dataPath);
        if (!e) throw new NodeInputError(`dataset: ${missingPathMessage(ref.name, dataPath, tree)}`);
        if (e.kind === 'dangling-link')
          throw new NodeInputError(`dataset: ${ref.name}: "${dataPath}" is a dangling soft link to "${e.target}", which does not exist in the file`);
        if (e.kind === 'external-link')
          throw new NodeInputError(`dataset: ${ref.name}: "${dataPath}" is an external link to ${e.target}; external files are not followed — load that file and give the path inside it`);
        if (e.kind !== 'dataset') throw new NodeInputError(`dataset: ${ref.name}: "${dataPath}" is a ${e.kind}, expected a dataset (see the tree output)`);
      }

      // ---- frames
      const read = async (path: string, from: number, count: number | null, lo: number, hi: number): Promise<Hdf5Frames> => {
        try {
          const f = await readHdf5Frames(reader, path, {
            firstFrame: from,
            frameCount: count,
            onFrame: (done, n) => ctx.progress(lo + ((hi - lo) * done) / n, `${path}: frame ${done}/${n}`),
          });
          for (const n of f.notes) ctx.warn(`${ref.name}: ${n}`);
          return f;
        } catch (err) {
          if (err instanceof RangeError) throw new NodeInputError(err.message);
          throw err;
        }
      };
      const extra = (flatsPath ? 1 : 0) + (darksPath ? 1 : 0);
      const main = await read(dataPath, p.firstFrame, p.frameCount, 0.02, extra ? 0.8 : 0.98);
      let coords = Float64Array.from({ length: main.frames }, (_, i) => p.firstFrame + i);
      if (coordsPath) {
        const axis = await readHdf5Vector(reader, coordsPath).catch(() => null);
        if (axis && axis.values.length === main.totalFrames) {
          coords = axis.values.slice(p.firstFrame, p.firstFrame + main.frames);
          const name = layout.kind === 'data-exchange' ? 'angle' : coordsPath.split('/').pop()!;
          const unit = layout.kind === 'data-exchange' ? (ANGLE_UNITS[axis.units.toLowerCase()] ?? (axis.units || '°')) : axis.units;
          frameAxis = { name, unit };
        } else if (axis) {
          ctx.warn(`${ref.name}: axis "${coordsPath}" has ${axis.values.length} values for ${main.totalFrames} frames; frame indices used instead`);
        }
      }
      if (p.frameAxis !== 'auto' && p.frameAxis !== frameAxis.name) frameAxis = { name: p.frameAxis, unit: frameAxis.name === 'z' ? '' : frameAxis.unit };
      const valueUnits = byPath.get(dataPath)?.attrs.units;
      const valueAxis: AxisInfo = { name: 'intensity', unit: typeof valueUnits === 'string' ? valueUnits.trim() : '' };
      const meta = baseMeta({ ...attrs, dataset: dataPath, sourceDType: main.sourceDType });

      // NeXus: the pixel size from the x/y axes of the signal, when regular
      let pixelSize: PixelSize | undefined;
      if (layout.kind === 'nexus' && dataPath === layout.signal && layout.axes.length >= 2) {
        const [yPath, xPath] = layout.axes.slice(-2);
        if (xPath && yPath) {
          const xs = await readHdf5Vector(reader, xPath).catch(() => null);
          const ys = await readHdf5Vector(reader, yPath).catch(() => null);
          if (xs && ys && xs.values.length === main.width && ys.values.length === main.height)
            pixelSize = axisPixelSize(xs.values, ys.values, xs.units, ys.units) ?? undefined;
        }
      }
      const toValue = (f: Hdf5Frames, frameAxis: AxisInfo, frameCoords: Float64Array, m: ValueMeta): Value =>
        framesValue({ ...f, single: f.totalFrames === 1, frameAxis, frameCoords, valueAxis, meta: m, pixelSize });
      const out: Record<string, Value> = { data: toValue(main, frameAxis, coords, meta), tree: treeTable(tree, baseMeta({})) };
      let at = 0.8;
      const step = extra ? 0.18 / extra : 0;
      for (const [port, path] of [['flats', flatsPath], ['darks', darksPath]] as const) {
        if (!path) continue;
        const f = await read(path, 0, null, at, at + step);
        at += step;
        if (f.width !== main.width || f.height !== main.height)
          ctx.warn(`${ref.name}: ${path} frames are ${f.width}×${f.height}, the projections ${main.width}×${main.height}`);
        out[port] = toValue(f, { name: 'index', unit: '' }, Float64Array.from({ length: f.frames }, (_, i) => i), baseMeta({ ...attrs, dataset: path, sourceDType: f.sourceDType }));
      }
      await ctx.progress(1);
      return out;
    } finally {
      reader.close();
    }
  },
});
