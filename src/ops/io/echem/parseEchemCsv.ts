/**
 * Reader for cycler exports as delimited text (`;`, tab or `,`; decimal commas with `;`/tab) with a
 * column mapping: which column is time, potential, current, charge (and discharge), cycle, step,
 * and an optional row-number column checked for gaps. The header row is found by
 * `detectDelimitedLayout` (declared `number of headers`, or by content); roles the mapping leaves
 * empty are guessed from the column names (`guessEchemMapping`), units from the names
 * (`Current(A)`) unless given.
 *
 * Refused, naming file, line and column: an unmapped required role (listing the columns), a mapped
 * column that is not in the header, a short row inside the file, and cells that are empty, `inf`
 * or text — all of them listed, unless `badRows: 'drop'`, which leaves those rows out with a
 * warning. Warned: a truncated last row (a file copied while the cycler still wrote it), gaps in the
 * row numbers and skipped cycle numbers (rows missing from the export).
 */
import { splitLines } from '../columns/splitLines';
import { TextFormatError } from '../columns/TextFormatError';
import { columnNameUnit, normalizeEchemUnit } from './columnNameUnit';
import { detectDelimitedLayout, type DelimitedLayout } from './detectDelimitedLayout';
import { guessEchemMapping, type EchemCsvRole } from './guessEchemMapping';
import { parseDelimitedNumber } from './parseDelimitedNumber';
import type { EchemFile } from './types';

/** Value of a column role meaning "this file has no such column" (an empty role means "guess"). */
export const NO_COLUMN = '(none)';

export interface EchemCsvMapping {
  /** Column holding the time. Empty: guessed from the names. @default '' */
  time?: string;
  /** @default '' (guessed) */
  potential?: string;
  /** @default '' (guessed) */
  current?: string;
  /** Net charge (or charge capacity); `NO_COLUMN`: integrated from the current. @default '' (guessed) */
  charge?: string;
  /** A discharge-capacity column subtracted from `charge` (cyclers that write both). @default '' (guessed) */
  discharge?: string;
  /** @default '' (guessed; none: all rows cycle 0) */
  cycle?: string;
  /** @default '' (guessed; none: all rows step 0) */
  step?: string;
  /** Row-number column: a jump warns of missing rows. @default '' (guessed) */
  index?: string;
  /** Units; absent: from the column name (`Test_Time(h)`), else s, V, mA, mAh. */
  timeUnit?: 's' | 'min' | 'h';
  potentialUnit?: 'V' | 'mV';
  currentUnit?: 'A' | 'mA' | 'uA';
  chargeUnit?: 'Ah' | 'mAh' | 'C';
  /** Rows with an empty, infinite or non-numeric cell in a mapped column. @default 'refuse' */
  badRows?: 'refuse' | 'drop';
}

/** The columns a delimited file was read with: what the inspector offers and what it picked. */
export interface EchemCsvReading {
  layout: DelimitedLayout;
  /** Role → column name actually used ('' = none). */
  used: Record<EchemCsvRole, string>;
  /** Role → column the names suggest ('' = none). */
  guessed: Record<EchemCsvRole, string>;
}

const SCALE: Record<string, Record<string, number>> = {
  time: { s: 1, min: 60, h: 3600 },
  potential: { V: 1, mV: 1e-3 },
  current: { A: 1000, mA: 1, uA: 1e-3 },
  charge: { Ah: 1000, mAh: 1, C: 1 / 3.6 },
};
const DEFAULT_UNIT: Record<string, string> = { time: 's', potential: 'V', current: 'mA', charge: 'mAh' };
const ROLES: EchemCsvRole[] = ['time', 'potential', 'current', 'charge', 'discharge', 'cycle', 'step', 'index'];
const REQUIRED: EchemCsvRole[] = ['time', 'potential', 'current'];
const LIKE: Partial<Record<EchemCsvRole, string>> = {
  time: '"test_time" or "Time(s)"',
  potential: '"voltage", "Voltage(V)" or "Ewe/V"',
  current: '"current", "Current(A)" or "I/mA"',
};

/** Which column each role uses: the mapping's name, else the guess; `NO_COLUMN` → none. */
export function resolveEchemCsvColumns(names: readonly string[], mapping: EchemCsvMapping): Omit<EchemCsvReading, 'layout'> {
  const guess = guessEchemMapping(names);
  const used = {} as Record<EchemCsvRole, string>;
  const guessed = {} as Record<EchemCsvRole, string>;
  for (const r of ROLES) {
    guessed[r] = guess[r] ?? '';
    const given = (mapping[r] ?? '').trim();
    used[r] = given === NO_COLUMN ? '' : given || guessed[r];
  }
  // A guessed discharge column only makes sense next to the charge capacity it pairs with.
  if (!(mapping.discharge ?? '').trim() && used.charge !== guessed.charge) used.discharge = '';
  return { used, guessed };
}

/** Scale factor to the table's unit for a role's column (unit given, else from its name, else the default). */
function scaleOf(role: 'time' | 'potential' | 'current' | 'charge', column: string, given: string | undefined, fileName: string, line: number): number {
  const fromName = columnNameUnit(column).unit;
  const unit = given ?? (fromName ? normalizeEchemUnit(fromName) : DEFAULT_UNIT[role]);
  const scale = unit ? SCALE[role][unit] : undefined;
  if (scale === undefined)
    throw new TextFormatError(
      fileName,
      line,
      `column "${column}" (${role}): unit "${fromName}" is not one of ${Object.keys(SCALE[role]).join(', ')}: set the ${role} unit`,
    );
  return scale;
}

export function parseEchemCsv(text: string, fileName: string, mapping: EchemCsvMapping = {}): EchemFile & { csv: EchemCsvReading } {
  const lines = splitLines(text);
  const layout = detectDelimitedLayout(lines, fileName);
  const { names, separator, decimalComma, headerLine } = layout;
  const { used, guessed } = resolveEchemCsvColumns(names, mapping);
  const listed = names.filter((n) => n !== '').map((n) => `"${n}"`).join(', ');
  for (const r of REQUIRED)
    if (!used[r])
      throw new TextFormatError(fileName, headerLine + 1, `no ${r} column: expected one named like ${LIKE[r]}, the header row has ${listed}; choose the ${r} column`);
  const idx = {} as Partial<Record<EchemCsvRole, number>>;
  for (const r of ROLES) {
    if (!used[r]) continue;
    const j = names.indexOf(used[r]);
    if (j < 0) throw new TextFormatError(fileName, headerLine + 1, `column "${used[r]}" (${r}) not found in the header row: expected one of ${listed}`);
    idx[r] = j;
  }
  const roles = ROLES.filter((r) => idx[r] !== undefined);
  const unitLine = headerLine + 1;
  const ts = scaleOf('time', used.time, mapping.timeUnit, fileName, unitLine);
  const ps = scaleOf('potential', used.potential, mapping.potentialUnit, fileName, unitLine);
  const is = scaleOf('current', used.current, mapping.currentUnit, fileName, unitLine);
  const qs = used.charge ? scaleOf('charge', used.charge, mapping.chargeUnit, fileName, unitLine) : 1;
  const ds = used.discharge ? scaleOf('charge', used.discharge, mapping.chargeUnit, fileName, unitLine) : 1;
  const scale: Partial<Record<EchemCsvRole, number>> = { time: ts, potential: ps, current: is, charge: qs, discharge: ds };

  const capacity = lines.length - headerLine - 1;
  const cols = {} as Record<EchemCsvRole, Float64Array>;
  for (const r of roles) cols[r] = new Float64Array(Math.max(0, capacity));
  const lineOf = new Uint32Array(Math.max(0, capacity));
  const warnings: string[] = [];
  const bad: string[] = [];
  let badCount = 0;
  let firstBadLine = 0;
  const dropped: number[] = [];
  const lastLine = lines.length - 1;
  const endsWithNewline = /[\r\n]$/.test(text);
  let rows = 0;
  for (let i = headerLine + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    // Plain split: only the mapped cells are trimmed and unquoted (this loop runs per row of big files).
    const cells = lines[i].split(separator);
    if (cells.length < names.length) {
      if (i === lastLine && !endsWithNewline) {
        warnings.push(`${fileName}, line ${i + 1}: the last row is cut short (${cells.length} of ${names.length} values, no line end): left out — was the file copied while the cycler was still writing it?`);
        continue;
      }
      throw new TextFormatError(fileName, i + 1, `expected ${names.length} values (as in the header on line ${headerLine + 1}), found ${cells.length} (truncated row?)`);
    }
    let rowBad = false;
    for (const r of roles) {
      const raw = unquote(cells[idx[r]!]);
      const v = parseDelimitedNumber(raw, decimalComma);
      if (v === null) {
        rowBad = true;
        badCount++;
        if (badCount === 1) firstBadLine = i + 1;
        if (bad.length < 10) bad.push(`line ${i + 1} column "${names[idx[r]!]}" (${r}): ${raw === '' ? 'an empty cell' : `"${raw}"`}`);
        continue;
      }
      cols[r][rows] = v;
    }
    if (rowBad) {
      dropped.push(i + 1);
      continue;
    }
    lineOf[rows] = i + 1;
    rows++;
  }
  if (badCount > 0) {
    const list = `${bad.join('; ')}${badCount > bad.length ? `; … ${badCount} bad cells in all` : ''}`;
    if (mapping.badRows !== 'drop')
      throw new TextFormatError(fileName, firstBadLine, `expected finite numbers in the mapped columns, got ${list} (set "bad rows" to drop to leave such rows out)`);
    warnings.push(`${fileName}: ${dropped.length} row${dropped.length === 1 ? '' : 's'} left out for cells that are not finite numbers: ${list}`);
  }
  if (rows === 0) throw new TextFormatError(fileName, headerLine + 1, 'expected data rows after the header row, found none');

  if (cols.index) warnGaps(cols.index, rows, lineOf, `column "${used.index}" (row number)`, 'row', fileName, warnings);
  if (cols.cycle) warnGaps(cols.cycle, rows, lineOf, `column "${used.cycle}" (cycle)`, 'cycle', fileName, warnings);

  const out = (r: EchemCsvRole) => {
    const a = cols[r].slice(0, rows);
    const s = scale[r] ?? 1;
    if (s !== 1) for (let i = 0; i < rows; i++) a[i] *= s;
    return a;
  };
  const time = out('time');
  const current = out('current');
  let charge: Float64Array;
  if (cols.charge) {
    charge = out('charge');
    if (cols.discharge) for (let i = 0; i < rows; i++) charge[i] -= cols.discharge[i] * ds;
  } else {
    // Trapezoidal integral of the current: mA·s → mAh.
    charge = new Float64Array(rows);
    for (let i = 1; i < rows; i++) charge[i] = charge[i - 1] + (((current[i] + current[i - 1]) / 2) * (time[i] - time[i - 1])) / 3600;
  }
  const zeros = () => new Float64Array(rows);
  return {
    fileName,
    format: 'csv',
    columns: [
      { name: 'time', unit: 's', data: time },
      { name: 'potential', unit: 'V', data: out('potential') },
      { name: 'current', unit: 'mA', data: current },
      { name: 'charge', unit: 'mAh', data: charge },
      { name: 'cycle', unit: '', data: cols.cycle ? out('cycle') : zeros() },
      { name: 'step', unit: '', data: cols.step ? out('step') : zeros() },
    ],
    rows,
    startTime: null,
    header: layout.header,
    warnings,
    csv: { layout, used, guessed },
  };
}

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.charCodeAt(0) === 34 && t.charCodeAt(t.length - 1) === 34 ? t.slice(1, -1).trim() : t;
}

/** Warns (does not refuse) where a counter that goes up by one jumps: rows or cycles missing from the export. */
function warnGaps(a: Float64Array, rows: number, lineOf: Uint32Array, what: string, unit: 'row' | 'cycle', fileName: string, warnings: string[]): void {
  const gaps: string[] = [];
  let count = 0;
  for (let i = 1; i < rows; i++) {
    // Rows this reader left out itself (bad rows dropped, blank lines) are not missing from the export.
    const leftOut = unit === 'row' ? lineOf[i] - lineOf[i - 1] - 1 : 0;
    const missing = a[i] - a[i - 1] - 1 - leftOut;
    if (missing < 1) continue;
    count++;
    if (gaps.length < 5)
      gaps.push(
        unit === 'row'
          ? `line ${lineOf[i]}: ${a[i - 1]} → ${a[i]} (${missing} row${missing === 1 ? '' : 's'} missing)`
          : `line ${lineOf[i]}: cycle ${a[i - 1]} → ${a[i]} (cycle${missing === 1 ? '' : 's'} ${missing === 1 ? a[i - 1] + 1 : `${a[i - 1] + 1}–${a[i] - 1}`} missing)`,
      );
  }
  if (count > 0) warnings.push(`${fileName}: ${what} jumps ${count} time${count === 1 ? '' : 's'}, data missing from the export: ${gaps.join('; ')}${count > gaps.length ? '; …' : ''}`);
}
