/**
 * export.hdf5: writes any array value as a NeXus-style HDF5 file (see `encodeHdf5` for the layout),
 * with its provenance inside and beside it.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { encodeHdf5 } from '../../ops/export/encodeHdf5';
import { valueLayout } from '../../ops/export/valueLayout';
import { exportBaseName } from './exportBaseName';
import { exportProvenance, provenanceFile } from './exportProvenance';

const KINDS = ['image', 'stack', 'labels', 'spectrum', 'spectra', 'table'] as const;

const params = defineParams({
  fileName: {
    type: 'string',
    label: 'File name',
    description: 'Name of the written file (".h5" is added when missing). Empty: the node id, e.g. "n4.h5".',
    default: '',
    pattern: '[^/\\\\]*',
    placeholder: '<node id>.h5',
  },
  gzipLevel: {
    type: 'integer',
    label: 'gzip level',
    description: 'Compression of images and stacks (1 fastest … 9 smallest); 1-D arrays are stored uncompressed.',
    default: 4,
    min: 1,
    max: 9,
    advanced: true,
  },
});

export const exportHdf5Node = defineNode({
  type: 'export.hdf5',
  version: 1,
  category: 'export',
  title: 'Export HDF5 / NeXus',
  help:
    'Writes the input as HDF5 (h5wasm) in the NeXus layout that nexpy, silx, h5web and Load HDF5 open directly: /entry (NXentry) → ' +
    '/entry/data (NXdata) with the signal (pixel values, y of a spectrum, a table\'s second column), one dataset per axis ' +
    '(energy, time, x/y in the pixel-size unit, table columns) with "units" and "long_name", frame labels and class names as ' +
    'strings, and /entry/process (NXprocess) holding the provenance JSON and the header metadata. Stacks are chunked per ' +
    'frame with gzip and written frame by frame. The same provenance is written beside it as <name>.provenance.json.',
  isOutput: true,
  inputs: [{ name: 'data', label: 'Data', kinds: [...KINDS], required: true }],
  outputs: [],
  params,
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'data', [...KINDS]);
    const base = exportBaseName(p.fileName, ctx.nodeId, /\.(h5|hdf5|nxs)$/i);
    const ext = /\.(hdf5|nxs)$/i.exec(p.fileName.trim())?.[0] ?? '.h5';
    const name = `${base}${ext}`;
    await ctx.progress(0, `encoding ${name}`);
    const provenance = exportProvenance('data', v, { nodeType: 'export.hdf5', typeVersion: 1, params: p }, ctx, [name]);
    let bytes: Uint8Array;
    try {
      bytes = await encodeHdf5(valueLayout(v), {
        provenance: JSON.stringify(provenance),
        attrs: v.meta.attrs,
        gzipLevel: p.gzipLevel,
        onFrame: (done, total) => ctx.progress(done / total, `frame ${done}/${total}`),
      });
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    ctx.emit({ name, mime: 'application/x-hdf5', bytes });
    ctx.emit(provenanceFile(base, provenance));
    await ctx.progress(1);
    return {};
  },
});
