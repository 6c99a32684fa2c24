/**
 * The data of a table's numeric column by name, or a `RangeError` naming the input (`what`), the
 * column wanted and the columns the table has.
 */
import type { TableValue } from '../../runtime/values';

export function numericColumn(table: TableValue, name: string, what = 'table'): Float64Array {
  const c = table.columns.find((col) => col.name === name);
  if (!c) throw new RangeError(`${what}: no column "${name}": expected one (columns: ${table.columns.map((x) => x.name).join(', ')})`);
  if (!('data' in c)) throw new RangeError(`${what}: column "${name}" holds text: expected numbers`);
  return c.data;
}
