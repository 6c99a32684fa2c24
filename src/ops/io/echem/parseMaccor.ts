/**
 * Reader for Maccor text exports (tab separated; `Today's Date` / `Date of Test` header lines, then
 * a `Rec#  Cyc#  Step  TestTime  StepTime  Amp-hr  Watt-hr  Amps  Volts  State …` table).
 * TestTime is `Nd HH:MM:SS.fff`. Maccor's Amp-hr restarts at every step and is positive for both
 * charge and discharge; it is turned into a net charge in mAh (charge steps `C` add, discharge steps
 * `D` subtract, rest `R`/`O` hold), and the current gets the same sign (Maccor writes |I|) so that it is continuous like EC-Lab's (Q-Qo).
 * Output columns are already the standard ones: time (s), potential (V), current (mA), charge (mAh),
 * cycle, step. Reference: Maccor MIMS export format as read by cellpy (`maccor_txt`).
 */
import { parseNumberToken } from '../columns/parseNumberToken';
import { parseTimeStamp } from '../columns/parseTimeStamp';
import { splitLines } from '../columns/splitLines';
import { TextFormatError } from '../columns/TextFormatError';
import type { EchemFile } from './types';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `11 December 2020, 12:22:12 PM` → zone-less stamp. */
function maccorDate(text: string) {
  const m = /^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})\s*([AP]M)?$/i.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[2].toLowerCase()) + 1 : 0;
  if (!m || month === 0) return { error: `expected a date like "11 December 2020, 12:22:12 PM", got "${text.trim()}"` };
  let hour = Number(m[4]);
  if (m[7]) hour = (hour % 12) + (m[7].toUpperCase() === 'PM' ? 12 : 0);
  const p = (v: number | string) => String(v).padStart(2, '0');
  return parseTimeStamp(`${m[3]}-${p(month)}-${p(m[1])}T${p(hour)}:${m[5]}:${m[6]}`);
}

/** `1d 21:49:19.58` → seconds, or null. */
function testTime(cell: string): number | null {
  const m = /^(?:(\d+)d\s+)?(\d+):(\d{2}):(\d+(?:\.\d*)?)$/.exec(cell.trim());
  if (!m) return null;
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

export function parseMaccor(text: string, fileName: string): EchemFile {
  const lines = splitLines(text);
  const head = lines.findIndex((l) => /^Rec#\t/.test(l));
  if (head < 0) throw new TextFormatError(fileName, null, 'expected a Maccor table header line starting with "Rec#<tab>"');
  const names = lines[head].split('\t').map((s) => s.trim());
  const col = (n: string) => {
    const k = names.indexOf(n);
    if (k < 0) throw new TextFormatError(fileName, head + 1, `expected a column "${n}" in the Maccor header, found ${names.slice(0, 12).join(', ')}…`);
    return k;
  };
  const [cCyc, cStep, cTime, cAh, cAmps, cVolts, cState] = ['Cyc#', 'Step', 'TestTime', 'Amp-hr', 'Amps', 'Volts', 'State'].map(col);
  const warnings: string[] = [];
  let startTime: EchemFile['startTime'] = null;
  for (let i = 0; i < head; i++) {
    const cells = lines[i].split('\t');
    const k = cells.findIndex((c) => c.trim() === 'Date of Test:');
    if (k >= 0 && k + 1 < cells.length) {
      const t = maccorDate(cells[k + 1]);
      if ('error' in t) warnings.push(`${fileName}, line ${i + 1}: Date of Test: ${t.error}; no start time taken`);
      else startTime = t;
    }
  }
  const n = lines.length - head - 1;
  const out = { time: new Float64Array(n), potential: new Float64Array(n), current: new Float64Array(n), charge: new Float64Array(n), cycle: new Float64Array(n), step: new Float64Array(n) };
  let rows = 0;
  let q0 = 0;
  let lastQ = 0;
  let lastStep = NaN;
  const num = (cells: string[], j: number, line: number) => {
    const v = parseNumberToken((cells[j] ?? '').trim());
    if (v === null) throw new TextFormatError(fileName, line, `column "${names[j]}": expected a number, got "${cells[j] ?? ''}"`);
    return v;
  };
  for (let i = head + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split('\t');
    if (cells.length <= cState) throw new TextFormatError(fileName, i + 1, `expected at least ${cState + 1} values, found ${cells.length} (truncated row?)`);
    const t = testTime(cells[cTime]);
    if (t === null) throw new TextFormatError(fileName, i + 1, `column "TestTime": expected a time like "1d 21:49:19.58", got "${cells[cTime]}"`);
    const step = num(cells, cStep, i + 1);
    if (step !== lastStep) {
      q0 = lastQ;
      lastStep = step;
    }
    const state = cells[cState].trim();
    const sign = state === 'C' ? 1 : state === 'D' ? -1 : 0;
    lastQ = sign === 0 ? q0 : q0 + sign * 1000 * num(cells, cAh, i + 1);
    out.time[rows] = t;
    out.potential[rows] = num(cells, cVolts, i + 1);
    const amps = num(cells, cAmps, i + 1);
    // Maccor writes |I|; the sign follows the state (charge +, discharge −), as EC-Lab's.
    out.current[rows] = 1000 * (sign === 0 ? amps : sign * Math.abs(amps));
    out.charge[rows] = lastQ;
    out.cycle[rows] = num(cells, cCyc, i + 1);
    out.step[rows] = step;
    rows++;
  }
  const units: Record<string, string> = { time: 's', potential: 'V', current: 'mA', charge: 'mAh', cycle: '', step: '' };
  return {
    fileName,
    format: 'maccor',
    columns: Object.entries(out).map(([name, data]) => ({ name, unit: units[name], data: data.subarray(0, rows) })),
    rows,
    startTime,
    header: {},
    warnings,
  };
}
