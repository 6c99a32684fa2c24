/**
 * Reader for cycler exports as delimited text (CSV with `,` or `;`, or tab separated) with a column
 * mapping given by the user: which column is time, potential, current, charge, cycle, step, and an
 * optional row-number column checked for gaps. The header row is the first line holding every mapped
 * name (lines before it — instrument headers, logs — are skipped). With `;` separators a decimal comma
 * is accepted. Every bad cell (empty, `inf`, text), a short (truncated) row, a missing column or a
 * gap in the row numbers is refused naming the file, line and column.
 */
import { parseNumberToken } from '../columns/parseNumberToken';
import { splitLines } from '../columns/splitLines';
import { TextFormatError } from '../columns/TextFormatError';
import type { EchemFile } from './types';

export interface EchemCsvMapping {
  /** Column holding the time in `timeUnit`. */
  time: string;
  potential: string;
  current: string;
  /** Column of the net charge (or capacity); empty: integrated from the current. @default '' */
  charge?: string;
  /** Optional: a discharge-capacity column subtracted from `charge` (cyclers that write both). @default '' */
  discharge?: string;
  /** @default '' (all rows cycle 0) */
  cycle?: string;
  /** @default '' (all rows step 0) */
  step?: string;
  /** Optional row-number column: must increase by 1 from row to row (catches missing rows). @default '' */
  index?: string;
  /** @default 's' */
  timeUnit?: 's' | 'min' | 'h';
  /** @default 'mA' */
  currentUnit?: 'A' | 'mA' | 'uA';
  /** @default 'mAh' */
  chargeUnit?: 'Ah' | 'mAh' | 'C';
}

const TIME_SCALE = { s: 1, min: 60, h: 3600 };
const CURRENT_SCALE = { A: 1000, mA: 1, uA: 1e-3 };
const CHARGE_SCALE = { Ah: 1000, mAh: 1, C: 1 / 3.6 };

function splitCells(line: string, sep: string): string[] {
  return line.split(sep).map((c) => {
    const t = c.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
  });
}

export function parseEchemCsv(text: string, fileName: string, mapping: EchemCsvMapping): EchemFile {
  const lines = splitLines(text);
  const wanted: [key: string, name: string][] = (
    [['time', mapping.time], ['potential', mapping.potential], ['current', mapping.current], ['charge', mapping.charge], ['discharge', mapping.discharge], ['cycle', mapping.cycle], ['step', mapping.step], ['index', mapping.index]] as [string, string | undefined][]
  )
    .filter((w): w is [string, string] => !!w[1] && w[1].trim() !== '')
    .map(([k, v]) => [k, v.trim()]);
  for (const k of ['time', 'potential', 'current'])
    if (!wanted.some((w) => w[0] === k)) throw new RangeError(`parseEchemCsv: mapping.${k} is empty: expected the name of the ${k} column`);

  let head = -1;
  let sep = ',';
  let names: string[] = [];
  let best: { line: number; names: string[] } | null = null;
  for (let i = 0; i < lines.length && head < 0; i++) {
    for (const s of [';', ',', '\t']) {
      if (!lines[i].includes(s)) continue;
      const cells = splitCells(lines[i], s);
      const hits = wanted.filter((w) => cells.includes(w[1])).length;
      if (hits === wanted.length) {
        head = i;
        sep = s;
        names = cells;
        break;
      }
      if (hits > 0 && (!best || hits > wanted.filter((w) => best!.names.includes(w[1])).length)) best = { line: i, names: cells };
    }
  }
  if (head < 0) {
    if (best) {
      const missing = wanted.filter((w) => !best!.names.includes(w[1])).map((w) => `"${w[1]}" (${w[0]})`);
      throw new TextFormatError(fileName, best.line + 1, `column ${missing.join(', ')} not found in the header row: expected one of ${best.names.filter((n) => n !== '').join(', ')}`);
    }
    throw new TextFormatError(fileName, null, `no header row holding the mapped columns ${wanted.map((w) => `"${w[1]}"`).join(', ')}`);
  }
  const idx = wanted.map(([k, n]) => [k, names.indexOf(n)] as const);
  const n = lines.length - head - 1;
  const cols: Record<string, Float64Array> = {};
  for (const [k] of idx) cols[k] = new Float64Array(n);
  let rows = 0;
  for (let i = head + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = splitCells(lines[i], sep);
    if (cells.length < names.length)
      throw new TextFormatError(fileName, i + 1, `expected ${names.length} values (as in the header on line ${head + 1}), found ${cells.length} (truncated row?)`);
    for (const [k, j] of idx) {
      const raw = cells[j];
      const v = parseNumberToken(sep === ';' ? raw.replace(/^([+-]?\d*),(\d+)/, '$1.$2') : raw);
      if (v === null) throw new TextFormatError(fileName, i + 1, `column "${names[j]}" (${k}): expected a finite number, got ${raw === '' ? 'an empty cell' : `"${raw}"`}`);
      cols[k][rows] = v;
    }
    if (cols.index && rows > 0 && cols.index[rows] !== cols.index[rows - 1] + 1)
      throw new TextFormatError(fileName, i + 1, `column "${mapping.index}" (row number): expected ${cols.index[rows - 1] + 1} after ${cols.index[rows - 1]}, got ${cols.index[rows]} (rows missing)`);
    rows++;
  }
  if (rows === 0) throw new TextFormatError(fileName, head + 1, 'expected data rows after the header row, found none');

  const ts = TIME_SCALE[mapping.timeUnit ?? 's'];
  const is = CURRENT_SCALE[mapping.currentUnit ?? 'mA'];
  const qs = CHARGE_SCALE[mapping.chargeUnit ?? 'mAh'];
  const time = cols.time.subarray(0, rows).map((v) => v * ts);
  const current = cols.current.subarray(0, rows).map((v) => v * is);
  let charge: Float64Array;
  if (cols.charge) {
    charge = cols.charge.subarray(0, rows).map((v) => v * qs);
    if (cols.discharge) for (let i = 0; i < rows; i++) charge[i] -= cols.discharge[i] * qs;
  } else {
    // Trapezoidal integral of the current: mA·s → mAh.
    charge = new Float64Array(rows);
    for (let i = 1; i < rows; i++) charge[i] = charge[i - 1] + ((current[i] + current[i - 1]) / 2) * (time[i] - time[i - 1]) / 3600;
  }
  const zeros = () => new Float64Array(rows);
  return {
    fileName,
    format: 'csv',
    columns: [
      { name: 'time', unit: 's', data: time },
      { name: 'potential', unit: 'V', data: cols.potential.slice(0, rows) },
      { name: 'current', unit: 'mA', data: current },
      { name: 'charge', unit: 'mAh', data: charge },
      { name: 'cycle', unit: '', data: cols.cycle ? cols.cycle.slice(0, rows) : zeros() },
      { name: 'step', unit: '', data: cols.step ? cols.step.slice(0, rows) : zeros() },
    ],
    rows,
    startTime: null,
    header: {},
    warnings: [],
  };
}
