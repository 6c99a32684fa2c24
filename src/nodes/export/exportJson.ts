/**
 * export.json: writes any array value as JSON (schema `operando-flow.value`, docs/value-json.md)
 * with its provenance inside and beside it.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { encodeValueJson } from '../../ops/export/encodeValueJson';
import { valueLayout } from '../../ops/export/valueLayout';
import { exportBaseName } from './exportBaseName';
import { exportProvenance, provenanceFile } from './exportProvenance';

const KINDS = ['spectrum', 'spectra', 'table', 'image', 'stack', 'labels'] as const;

const params = defineParams({
  fileName: {
    type: 'string',
    label: 'File name',
    description: 'Name of the written file (".json" is added when missing). Empty: the node id, e.g. "n4.json".',
    default: '',
    pattern: '[^/\\\\]*',
    placeholder: '<node id>.json',
  },
});

export const exportJsonNode = defineNode({
  type: 'export.json',
  version: 1,
  category: 'export',
  title: 'Export JSON',
  help:
    'Writes the input as one JSON document (schema "operando-flow.value" v1, see docs/value-json.md): kind, the signal and ' +
    'axis names, every array with name, unit, dtype, shape and its values (flat, row-major, exact shortest form; NaN as null), ' +
    'strings (frame labels, class names, text columns) and the provenance. Meant for tables and spectra in scripts and web ' +
    'tools; big images are better written as HDF5, Zarr or TIFF. The provenance is also written beside it.',
  isOutput: true,
  inputs: [{ name: 'data', label: 'Data', kinds: [...KINDS], required: true }],
  outputs: [],
  params,
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'data', [...KINDS]);
    const base = exportBaseName(p.fileName, ctx.nodeId, /\.json$/i);
    if (/\.provenance$/i.test(base)) throw new NodeInputError(`fileName: "${p.fileName}" would collide with the provenance file; choose another name`);
    const name = `${base}.json`;
    await ctx.progress(0, `encoding ${name}`);
    const provenance = exportProvenance('data', v, { nodeType: 'export.json', typeVersion: 1, params: p }, ctx, [name]);
    let text: string;
    try {
      text = encodeValueJson(valueLayout(v), provenance);
    } catch (err) {
      if (err instanceof RangeError) throw new NodeInputError(err.message);
      throw err;
    }
    ctx.emit({ name, mime: 'application/json', bytes: new TextEncoder().encode(text) });
    ctx.emit(provenanceFile(base, provenance));
    await ctx.progress(1);
    return {};
  },
});
