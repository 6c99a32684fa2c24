/**
 * Reader for plain column text files: beamline exports (SOLEIL `extranormal`), Athena/Demeter
 * column exports, two-column reference spectra, simple CSV.
 *
 * - Header lines start with `#`. `# key = value` and `# key: value` lines fill `header`; the scan
 *   start time is taken from the first of `Time at start`, `Scan.start_time`, `start_time`,
 *   `start time`, `date`, `timestamp` that holds a date-time (kept as written: local time, no zone).
 * - Data rows are separated by semicolons when the first row has one (then `0,5` is read as 0.5),
 *   else by commas, else by tabs, else by whitespace; quoted cells are unquoted.
 * - Column names come from the last `#` line before the data when it splits (by tabs, commas, runs of
 *   2+ spaces, or single spaces — first that fits) into exactly as many names as there are columns;
 *   or from a first non-`#` row of non-numbers (CSV header); otherwise `col1..colN`.
 *   A trailing `(unit)` or `[unit]` in a name becomes the column unit.
 * - Any bad row (wrong number of values, NaN, text) throws a `TextFormatError` naming file, line and column.
 */
import { parseNumberToken } from './parseNumberToken';
import { parseTimeStamp } from './parseTimeStamp';
import { splitLines } from './splitLines';
import { TextFormatError } from './TextFormatError';
import type { ColumnFile, ColumnInfo } from './types';

const TIME_KEYS = ['time at start', 'scan.start_time', 'start_time', 'start time', 'date', 'timestamp'];

export function parseColumns(text: string, fileName: string): ColumnFile {
  const lines = splitLines(text);
  const warnings: string[] = [];
  const header: Record<string, string> = {};
  const comments: string[] = [];
  let lastHeaderLine = -1;
  let dataStart = -1;
  let headerRow: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      lastHeaderLine = i;
      const body = line.slice(1).trim();
      const cut = firstIndex(body, ['=', ':']);
      if (cut > 0) header[body.slice(0, cut).trim()] = body.slice(cut + 1).trim();
      else if (body !== '') comments.push(body);
      continue;
    }
    const cells = splitRow(line);
    if (dataStart < 0 && headerRow === null && cells.every((c) => parseNumberToken(c) === null)) {
      // A CSV-style header row: names, no numbers.
      headerRow = cells;
      continue;
    }
    dataStart = i;
    break;
  }
  if (dataStart < 0) throw new TextFormatError(fileName, null, 'expected rows of numbers after the header, found none');

  const sep = separatorOf(lines[dataStart]);
  const first = splitRow(lines[dataStart], sep);
  const ncols = first.length;
  const columns: number[][] = Array.from({ length: ncols }, () => []);
  for (let i = dataStart; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cells = splitRow(line, sep);
    if (cells.length !== ncols)
      throw new TextFormatError(
        fileName,
        i + 1,
        `expected ${ncols} values (as on line ${dataStart + 1}), found ${cells.length}`,
      );
    for (let j = 0; j < ncols; j++) {
      const v = parseNumberToken(cells[j]);
      if (v === null) throw new TextFormatError(fileName, i + 1, `column ${j + 1}: expected a number, got "${cells[j]}"`);
      columns[j].push(v);
    }
  }

  let names: string[] | null = null;
  if (headerRow && headerRow.length === ncols) names = headerRow;
  else if (lastHeaderLine >= 0 && lastHeaderLine < dataStart) names = splitNames(lines[lastHeaderLine].slice(1), ncols);
  const info: ColumnInfo[] = names
    ? names.map(splitUnit)
    : Array.from({ length: ncols }, (_, j) => ({ name: `col${j + 1}`, unit: '' }));

  let startTime: ColumnFile['startTime'] = null;
  for (const [key, value] of Object.entries(header)) {
    if (!TIME_KEYS.includes(key.toLowerCase())) continue;
    const t = parseTimeStamp(value);
    if ('error' in t) warnings.push(`${fileName}: header "${key}": ${t.error}; no time stamp taken`);
    else {
      startTime = t;
      break;
    }
  }

  return {
    fileName,
    format: 'columns',
    columns: info,
    data: columns.map((c) => Float64Array.from(c)),
    header,
    comments: comments.join('\n'),
    startTime,
    warnings,
  };
}

function firstIndex(s: string, chars: string[]): number {
  let best = -1;
  for (const c of chars) {
    const k = s.indexOf(c);
    if (k >= 0 && (best < 0 || k < best)) best = k;
  }
  return best;
}

type Separator = ';' | ',' | '\t' | ' ';

/** Semicolons first (they may come with decimal commas), then commas, then tabs (names may hold spaces), else whitespace. */
function separatorOf(line: string): Separator {
  return line.includes(';') ? ';' : line.includes(',') ? ',' : line.includes('\t') ? '\t' : ' ';
}

/** Cells of a row; surrounding double quotes are removed; with ';' a decimal comma becomes a point. */
function splitRow(line: string, sep: Separator = separatorOf(line)): string[] {
  const t = line.trim();
  const cells = t.split(sep === ' ' ? /\s+/ : sep === '\t' ? /\s*\t+\s*/ : sep === ';' ? /\s*;\s*/ : /\s*,\s*/);
  return cells.map((c) => {
    const u = c.length >= 2 && c.startsWith('"') && c.endsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c;
    return sep === ';' && /^[+-]?\d*,\d+([eE][+-]?\d+)?$/.test(u) ? u.replace(',', '.') : u;
  });
}

/** Column names from a header line: the first split rule that yields exactly `n` names. */
function splitNames(body: string, n: number): string[] | null {
  const t = body.trim();
  for (const sep of [/\t+/, /\s*,\s*/, /\s{2,}/, /\s+/]) {
    const parts = t.split(sep).map((s) => s.trim()).filter((s) => s !== '');
    if (parts.length === n) return parts;
  }
  return null;
}

function splitUnit(raw: string): ColumnInfo {
  const m = /^(.*?)\s*[([]([^()[\]]*)[)\]]$/.exec(raw.trim());
  return m && m[1] !== '' ? { name: m[1], unit: m[2].trim() } : { name: raw.trim(), unit: '' };
}
