/**
 * view.plot: shows spectra, a spectrum or chosen table columns as a line plot. The value passes
 * through unchanged so it can be previewed, and exported by what follows.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { makePreview } from '../../runtime/preview/makePreview';
import { pickTableColumns, tablePlotPreview } from '../../runtime/preview/tablePlotPreview';

const params = defineParams({
  x: {
    type: 'string',
    label: 'x column',
    description: 'Tables only: the column on the horizontal axis. Empty: the first numeric column.',
    default: '',
    placeholder: 'first numeric column',
  },
  y: {
    type: 'string',
    label: 'y columns',
    description: 'Tables only: comma-separated columns to plot against x. Empty: every other numeric column.',
    default: '',
    placeholder: 'all other numeric columns',
  },
});

export const plotNode = defineNode({
  type: 'view.plot',
  version: 1,
  category: 'view',
  title: 'Plot',
  help:
    'Line plot of a spectrum, of every frame of a spectra series (up to 300 picked evenly, with their times) ' +
    'or of table columns chosen by name. Each line is reduced to at most 2000 points by min/max decimation, ' +
    'which keeps peaks and edges. The input passes through unchanged.',
  isOutput: true,
  inputs: [{ name: 'data', label: 'Data', kinds: ['spectrum', 'spectra', 'table'], required: true }],
  outputs: [{ name: 'data', label: 'Data', kinds: ['spectrum', 'spectra', 'table'] }],
  params,
  preview(inputs, p) {
    const v = inputs.data;
    if (!v) return null;
    return v.kind === 'table' ? tablePlotPreview(v, p.x, p.y) : makePreview(v);
  },
  async run(inputs, p) {
    const v = requireInput(inputs, 'data', ['spectrum', 'spectra', 'table']);
    if (v.kind === 'table') {
      try {
        pickTableColumns(v, p.x, p.y);
      } catch (err) {
        throw new NodeInputError((err as Error).message);
      }
    }
    return { data: v };
  },
});
