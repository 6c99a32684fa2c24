/**
 * export.zarr: writes any array value as a Zarr v2 group (see `encodeZarr`), one file per store key
 * under `<name>.zarr/`: the CLI writes the folder, the studio offers it as `<name>.zarr.zip`.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { encodeZarr } from '../../ops/export/encodeZarr';
import { valueLayout } from '../../ops/export/valueLayout';
import { exportBaseName } from './exportBaseName';
import { exportProvenance, provenanceFile } from './exportProvenance';

const KINDS = ['image', 'stack', 'labels', 'spectrum', 'spectra', 'table'] as const;

const params = defineParams({
  fileName: {
    type: 'string',
    label: 'Store name',
    description: 'Name of the written Zarr folder (".zarr" is added when missing). Empty: the node id, e.g. "n4.zarr".',
    default: '',
    pattern: '[^/\\\\]*',
    placeholder: '<node id>.zarr',
  },
  gzipLevel: {
    type: 'integer',
    label: 'gzip level',
    description: 'Compression of every chunk (1 fastest … 9 smallest).',
    default: 4,
    min: 1,
    max: 9,
    advanced: true,
  },
});

export const exportZarrNode = defineNode({
  type: 'export.zarr',
  version: 1,
  category: 'export',
  title: 'Export Zarr',
  help:
    'Writes the input as a Zarr v2 group (read by zarr-python 2 and 3, xarray, zarrita, tensorstore and Load Zarr): one array ' +
    'per signal and axis with gzip chunks, "_ARRAY_DIMENSIONS" (xarray) and units; the group attributes hold "signal", ' +
    '"axes", frame labels / class names and the provenance. Stacks are chunked per frame and encoded frame by frame. ' +
    'The command line writes the <name>.zarr folder; the studio downloads it as <name>.zarr.zip (a zip of the store, ' +
    'readable by zarr.storage.ZipStore). The provenance is also written beside it as <name>.provenance.json.',
  isOutput: true,
  inputs: [{ name: 'data', label: 'Data', kinds: [...KINDS], required: true }],
  outputs: [],
  params,
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'data', [...KINDS]);
    const base = exportBaseName(p.fileName, ctx.nodeId, /\.zarr$/i);
    const folder = `${base}.zarr`;
    await ctx.progress(0, `encoding ${folder}`);
    const provenance = exportProvenance('data', v, { nodeType: 'export.zarr', typeVersion: 1, params: p }, ctx, [folder]);
    try {
      await encodeZarr(valueLayout(v), {
        provenance,
        attrs: v.meta.attrs,
        gzipLevel: p.gzipLevel,
        put: (key, bytes) => ctx.emit({ name: `${folder}/${key}`, mime: 'application/octet-stream', bytes }),
        onFrame: (done, total) => ctx.progress(done / total, `frame ${done}/${total}`),
      });
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    ctx.emit(provenanceFile(base, provenance));
    await ctx.progress(1);
    return {};
  },
});
