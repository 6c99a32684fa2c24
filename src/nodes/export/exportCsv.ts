/**
 * export.csv: writes a spectrum, a spectra series or a table as a CSV file (see `csvEncode` for the layout).
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { csvEncode } from '../../ops/export/csvEncode';
import { exportProvenance, provenanceFile } from './exportProvenance';

const params = defineParams({
  fileName: {
    type: 'string',
    label: 'File name',
    description: 'Name of the written file (".csv" is added when missing). Empty: the node id, e.g. "n4.csv".',
    default: '',
    pattern: '[^/\\\\]*',
    placeholder: '<node id>.csv',
  },
  delimiter: {
    type: 'enum',
    label: 'Separator',
    description: 'Field separator: comma (standard CSV), semicolon (spreadsheets with decimal commas) or tab.',
    default: ',',
    options: [
      { value: ',', label: 'comma' },
      { value: ';', label: 'semicolon' },
      { value: '\t', label: 'tab' },
    ],
  },
});

export const exportCsvNode = defineNode({
  type: 'export.csv',
  version: 1,
  category: 'export',
  title: 'Export CSV',
  help:
    'Writes the input as CSV. Header cells are "name (unit)". A spectrum gives two columns; a spectra series gives ' +
    'the x column and one column per frame, with frame labels on the first header line and each frame\'s time ' +
    '(seconds since the series time origin, written in that cell) on the second; a table gives its columns. ' +
    'Numbers are written exactly (shortest round-trip form). The provenance is written beside it as <name>.provenance.json.',
  isOutput: true,
  inputs: [{ name: 'data', label: 'Data', kinds: ['spectrum', 'spectra', 'table'], required: true }],
  outputs: [],
  params,
  async run(inputs, p, ctx) {
    const v = requireInput(inputs, 'data', ['spectrum', 'spectra', 'table']);
    const base = p.fileName.trim() || ctx.nodeId;
    if (/[/\\]/.test(base)) throw new NodeInputError(`fileName: expected a file name without folders, got "${p.fileName}"`);
    const name = /\.csv$/i.test(base) ? base : `${base}.csv`;
    await ctx.progress(0, `encoding ${name}`);
    let text: string;
    try {
      text = csvEncode(v, { delimiter: p.delimiter as ',' | ';' | '\t' });
    } catch (err) {
      throw new NodeInputError((err as Error).message);
    }
    ctx.emit({ name, mime: 'text/csv', bytes: new TextEncoder().encode(text) });
    ctx.emit(provenanceFile(name.replace(/\.csv$/i, ''), exportProvenance('data', v, { nodeType: 'export.csv', typeVersion: 1, params: p }, ctx, [name])));
    await ctx.progress(1);
    return {};
  },
});
