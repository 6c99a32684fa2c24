/**
 * Reader for Neware BTS record-level CSV exports (`DataPoint,Cycle Index,Step Index,Step Type,Time,
 * Cumulative Time,Current(A),Voltage(V),Capacity(Ah),…,Chg. Cap.(Ah),…,DChg. Cap.(Ah),…,Date,…`).
 * Cumulative Time is `H:MM:SS(.f)` with hours beyond 24; the current is signed (discharge < 0).
 * Neware's Chg. Cap. and DChg. Cap. restart at every step; they become one net charge in mAh
 * (Chg. Cap. − DChg. Cap., continued from step to step), as EC-Lab's (Q-Qo). The start time is the
 * first row's `Date` minus its cumulative time (the cycler PC's clock, no zone).
 * Reference: the Neware export columns as read by cellpy (`neware_txt` loader).
 */
import { parseNumberToken } from '../columns/parseNumberToken';
import { parseTimeStamp } from '../columns/parseTimeStamp';
import { splitLines } from '../columns/splitLines';
import { TextFormatError } from '../columns/TextFormatError';
import type { EchemFile } from './types';

/** `139:42:44` or `00:00:16.5` → seconds, or null. */
function hms(cell: string): number | null {
  const m = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(cell.trim());
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

const REQUIRED = ['Cycle Index', 'Step Index', 'Cumulative Time', 'Current(A)', 'Voltage(V)', 'Chg. Cap.(Ah)', 'DChg. Cap.(Ah)'];

export function parseNeware(text: string, fileName: string): EchemFile {
  const lines = splitLines(text);
  const names = (lines[0] ?? '').split(',').map((s) => s.trim());
  const missing = REQUIRED.filter((n) => !names.includes(n));
  if (missing.length)
    throw new TextFormatError(fileName, 1, `expected the Neware columns ${missing.map((n) => `"${n}"`).join(', ')} in the header row`);
  const [cCyc, cStep, cTime, cAmps, cVolts, cChg, cDchg] = REQUIRED.map((n) => names.indexOf(n));
  const cDate = names.indexOf('Date');
  const n = lines.length - 1;
  const out = { time: new Float64Array(n), potential: new Float64Array(n), current: new Float64Array(n), charge: new Float64Array(n), cycle: new Float64Array(n), step: new Float64Array(n) };
  const num = (cells: string[], j: number, line: number) => {
    const v = parseNumberToken((cells[j] ?? '').trim());
    if (v === null) throw new TextFormatError(fileName, line, `column "${names[j]}": expected a number, got ${cells[j] === undefined || cells[j] === '' ? 'an empty cell' : `"${cells[j]}"`}`);
    return v;
  };
  let rows = 0;
  let q0 = 0;
  let lastQ = 0;
  let lastStep = NaN;
  let firstDate: string | null = null;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',');
    if (cells.length < names.length)
      throw new TextFormatError(fileName, i + 1, `expected ${names.length} values (as in the header on line 1), found ${cells.length} (truncated row?)`);
    const t = hms(cells[cTime]);
    if (t === null) throw new TextFormatError(fileName, i + 1, `column "Cumulative Time": expected a time like "139:42:44", got "${cells[cTime]}"`);
    // Step Index repeats from cycle to cycle: a new step starts whenever it or the cycle changes.
    const step = num(cells, cStep, i + 1);
    const cycle = num(cells, cCyc, i + 1);
    const key = cycle * 1e6 + step;
    if (key !== lastStep) {
      q0 = lastQ;
      lastStep = key;
    }
    lastQ = q0 + 1000 * (num(cells, cChg, i + 1) - num(cells, cDchg, i + 1));
    out.time[rows] = t;
    out.potential[rows] = num(cells, cVolts, i + 1);
    out.current[rows] = 1000 * num(cells, cAmps, i + 1);
    out.charge[rows] = lastQ;
    out.cycle[rows] = cycle;
    out.step[rows] = step;
    if (rows === 0 && cDate >= 0) firstDate = cells[cDate].trim();
    rows++;
  }
  const warnings: string[] = [];
  let startTime: EchemFile['startTime'] = null;
  if (firstDate !== null) {
    const d = parseTimeStamp(firstDate);
    if ('error' in d) warnings.push(`${fileName}, line 2: column "Date": ${d.error}; no start time taken`);
    else {
      const s = parseTimeStamp(new Date((d.seconds - out.time[0]) * 1000).toISOString().replace('Z', ''));
      if (!('error' in s)) startTime = s;
    }
  } else warnings.push(`${fileName}: no "Date" column: no start time (absolute time unknown)`);
  const units: Record<string, string> = { time: 's', potential: 'V', current: 'mA', charge: 'mAh', cycle: '', step: '' };
  return {
    fileName,
    format: 'neware',
    columns: Object.entries(out).map(([name, data]) => ({ name, unit: units[name], data: data.subarray(0, rows) })),
    rows,
    startTime,
    header: {},
    warnings,
  };
}
