/**
 * export.tiff: writes an image, a stack (multi-page) or labels as a TIFF file.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { encodeTiff } from '../../ops/export/encodeTiff';
import { exportProvenance, provenanceFile } from './exportProvenance';

const params = defineParams({
  fileName: {
    type: 'string',
    label: 'File name',
    description: 'Name of the written file (".tif" is added when missing). Empty: the node id, e.g. "n4.tif".',
    default: '',
    pattern: '[^/\\\\]*',
    placeholder: '<node id>.tif',
  },
});

export const exportTiffNode = defineNode({
  type: 'export.tiff',
  version: 1,
  category: 'export',
  title: 'Export TIFF',
  help:
    'Writes the input as an uncompressed little-endian TIFF in its own pixel type (8/16-bit unsigned or 32-bit float; ' +
    'labels as 8/16-bit class indices), one page per frame, with an ImageJ header so Fiji opens stacks as stacks ' +
    'with their pixel size. Read back identically by tifffile, ImageJ and Load image. The provenance is written beside it ' +
    'as <name>.provenance.json.',
  isOutput: true,
  inputs: [{ name: 'image', label: 'Image', kinds: ['image', 'stack', 'labels'], required: true }],
  outputs: [],
  params,
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'image', ['image', 'stack', 'labels']);
    const base = p.fileName.trim() || ctx.nodeId;
    if (/[/\\]/.test(base)) throw new NodeInputError(`fileName: expected a file name without folders, got "${p.fileName}"`);
    const name = /\.tiff?$/i.test(base) ? base : `${base}.tif`;
    await ctx.progress(0, `encoding ${name}`);
    const frames = v.kind === 'image' ? 1 : v.frames;
    const bytes = encodeTiff(v.data, { width: v.width, height: v.height, frames, pixelSize: v.pixelSize });
    ctx.emit({ name, mime: 'image/tiff', bytes });
    ctx.emit(provenanceFile(name.replace(/\.tiff?$/i, ''), exportProvenance('image', v, { nodeType: 'export.tiff', typeVersion: 1, params: p }, ctx, [name])));
    await ctx.progress(1);
    return {};
  },
});
