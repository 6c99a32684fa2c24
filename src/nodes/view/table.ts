/** view.table: shows the first rows of a table; the table passes through unchanged. */
import { defineNode, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';

export const tableViewNode = defineNode({
  type: 'view.table',
  version: 1,
  category: 'view',
  title: 'Table view',
  help: 'Shows the columns (with units) and the first 200 rows of a table. The table passes through unchanged.',
  isOutput: true,
  inputs: [{ name: 'table', label: 'Table', kinds: ['table'], required: true }],
  outputs: [{ name: 'table', label: 'Table', kinds: ['table'] }],
  params: defineParams({}),
  async run(inputs) {
    return { table: requireInput(inputs, 'table', ['table']) };
  },
});
