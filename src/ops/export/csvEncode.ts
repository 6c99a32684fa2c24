/**
 * CSV text of a spectrum, a series of spectra or a table (RFC 4180 quoting, `\n` line ends).
 *
 * Layouts (header cells are `name (unit)`, or `name` when there is no unit):
 * - spectrum: `x (unit),y (unit)` then one row per point;
 * - spectra: line 1 `x (unit),<frame label 1>,<frame label 2>,…`;
 *   line 2 `time (s) since <timeOrigin>,<t1>,<t2>,…` (or `time (s)` without an absolute origin);
 *   then one row per x point, one column per frame;
 * - table: one header line of column names, then rows; text columns are quoted when needed.
 * Numbers are written in the shortest form that reads back to the same double (or with
 * `precision` significant digits); a non-finite value is written as an empty cell.
 */
import type { SpectraValue, SpectrumValue, TableValue } from '../../runtime/values';

export interface CsvEncodeOptions {
  /** Field separator. @default ',' */
  delimiter?: ',' | ';' | '\t';
  /** Significant digits of numbers; null = shortest exact representation. @default null */
  precision?: number | null;
}

export function csvEncode(value: SpectrumValue | SpectraValue | TableValue, options: CsvEncodeOptions = {}): string {
  const sep = options.delimiter ?? ',';
  const precision = options.precision ?? null;
  if (precision !== null && (!Number.isInteger(precision) || precision < 1 || precision > 17))
    throw new RangeError(`csvEncode: precision = ${precision}: expected an integer from 1 to 17, or null`);
  const num = (v: number) => (!Number.isFinite(v) ? '' : precision === null ? String(v) : String(Number(v.toPrecision(precision))));
  const cell = (s: string) => (/["\r\n]/.test(s) || s.includes(sep) ? `"${s.replace(/"/g, '""')}"` : s);
  const head = (name: string, unit: string) => cell(unit ? `${name} (${unit})` : name);
  const lines: string[] = [];

  if (value.kind === 'spectrum') {
    if (value.x.length !== value.y.length)
      throw new RangeError(`csvEncode: spectrum has ${value.x.length} x and ${value.y.length} y values: expected equal`);
    lines.push([head(value.xAxis.name, value.xAxis.unit), head(value.yAxis.name, value.yAxis.unit)].join(sep));
    for (let i = 0; i < value.x.length; i++) lines.push(`${num(value.x[i])}${sep}${num(value.y[i])}`);
  } else if (value.kind === 'spectra') {
    const { frames, points } = value;
    if (value.y.length !== frames * points || value.x.length !== points || value.time.length !== frames)
      throw new RangeError(
        `csvEncode: spectra ${frames}×${points} with ${value.x.length} x, ${value.y.length} y, ${value.time.length} times: expected consistent sizes`,
      );
    const labels = Array.from({ length: frames }, (_, f) => value.frameLabels[f] ?? `frame ${f + 1}`);
    lines.push([head(value.xAxis.name, value.xAxis.unit), ...labels.map(cell)].join(sep));
    const timeHead = value.meta.timeOrigin ? `time (s) since ${value.meta.timeOrigin}` : 'time (s)';
    lines.push([cell(timeHead), ...Array.from(value.time, num)].join(sep));
    const row = new Array<string>(frames + 1);
    for (let i = 0; i < points; i++) {
      row[0] = num(value.x[i]);
      for (let f = 0; f < frames; f++) row[f + 1] = num(value.y[f * points + i]);
      lines.push(row.join(sep));
    }
  } else {
    for (const c of value.columns) {
      const len = 'data' in c ? c.data.length : c.text.length;
      if (len !== value.rows) throw new RangeError(`csvEncode: table column "${c.name}" has ${len} rows: expected ${value.rows}`);
    }
    lines.push(value.columns.map((c) => head(c.name, c.unit)).join(sep));
    for (let r = 0; r < value.rows; r++)
      lines.push(value.columns.map((c) => ('data' in c ? num(c.data[r]) : cell(c.text[r]))).join(sep));
  }
  return lines.join('\n') + '\n';
}
