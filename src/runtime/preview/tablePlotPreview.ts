/**
 * Plot of table columns (view.plot on a table): one numeric x column against one or more numeric
 * y columns, each decimated like a spectrum.
 */
import type { TableValue, NumericColumn } from '../values';
import { decimateMinMax } from './decimateMinMax';
import type { PlotPreview } from './makePreview';

/**
 * Resolves the column choice: `x` empty = first numeric column; `y` = comma-separated names,
 * empty = every other numeric column. Throws naming the parameter and the columns available.
 */
export function pickTableColumns(t: TableValue, x: string, y: string): { x: NumericColumn; y: NumericColumn[] } {
  const numeric = t.columns.filter((c): c is NumericColumn => 'data' in c);
  const names = t.columns.map((c) => c.name).join(', ');
  const find = (param: string, name: string): NumericColumn => {
    const c = t.columns.find((col) => col.name === name);
    if (!c) throw new RangeError(`${param}: no column "${name}" in the table (columns: ${names})`);
    if (!('data' in c)) throw new RangeError(`${param}: column "${name}" holds text; expected a numeric column`);
    return c;
  };
  if (numeric.length === 0) throw new RangeError(`data: the table has no numeric column to plot (columns: ${names})`);
  const xCol = x.trim() ? find('x', x.trim()) : numeric[0];
  const yNames = y
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const yCols = yNames.length ? yNames.map((n) => find('y', n)) : numeric.filter((c) => c !== xCol);
  if (yCols.length === 0) throw new RangeError(`y: no numeric column left to plot against "${xCol.name}" (columns: ${names})`);
  return { x: xCol, y: yCols };
}

export function tablePlotPreview(t: TableValue, x: string, y: string, maxPoints = 2000): PlotPreview {
  const cols = pickTableColumns(t, x, y);
  return {
    type: 'plot',
    xAxis: { name: cols.x.name, unit: cols.x.unit },
    yAxis: cols.y.length === 1 ? { name: cols.y[0].name, unit: cols.y[0].unit } : { name: cols.y.map((c) => c.name).join(', '), unit: cols.y[0].unit },
    series: cols.y.map((c) => ({ label: c.name, ...decimateMinMax(cols.x.data, c.data, { maxPoints }) })),
    ...(t.meta.timeOrigin ? { timeOrigin: t.meta.timeOrigin } : {}),
  };
}
