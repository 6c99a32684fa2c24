/**
 * Joins several electrochemistry records of one cell (a run and its continuations) into one, in
 * time order: each record's time is shifted by its start time minus the earliest start time, its
 * charge by the last charge of the record before (EC-Lab restarts (Q-Qo) at 0 in a continuation),
 * and its cycle numbers so that they never go back. Records must each have a start time (or there
 * must be only one).
 */
import type { TimeStamp } from '../columns/parseTimeStamp';
import { STANDARD_ECHEM_COLUMNS, type StandardEchemColumns } from './standardEchemColumns';

export interface EchemRun {
  label: string;
  startTime: TimeStamp | null;
  columns: StandardEchemColumns;
}

export interface JoinedEchem {
  columns: StandardEchemColumns;
  /** Start of the earliest record: t = 0 of the joined time column. */
  startTime: TimeStamp | null;
  /** Index of the record each row comes from. */
  part: Uint16Array;
  /** Labels in time order. */
  order: string[];
  warnings: string[];
}

export function concatEchemRuns(runs: EchemRun[]): JoinedEchem {
  if (runs.length === 0) throw new RangeError('concatEchemRuns: runs is empty: expected at least one record');
  const warnings: string[] = [];
  if (runs.length > 1) {
    const missing = runs.filter((r) => !r.startTime).map((r) => r.label);
    if (missing.length) throw new RangeError(`concatEchemRuns: ${missing.join(', ')} ha${missing.length > 1 ? 've' : 's'} no start time: expected one in every file to join them in time order`);
  }
  const sorted = [...runs].sort((a, b) => (a.startTime?.seconds ?? 0) - (b.startTime?.seconds ?? 0));
  const t0 = sorted[0].startTime;
  const total = sorted.reduce((s, r) => s + r.columns.time.length, 0);
  const out = Object.fromEntries(STANDARD_ECHEM_COLUMNS.map((k) => [k, new Float64Array(total)])) as StandardEchemColumns;
  const part = new Uint16Array(total);
  let row = 0;
  let lastTime = -Infinity;
  let lastCharge = 0;
  let lastCycle = -Infinity;
  sorted.forEach((r, p) => {
    const n = r.columns.time.length;
    if (n === 0) return;
    const dt = t0 && r.startTime ? Math.round((r.startTime.seconds - t0.seconds) * 1e6) / 1e6 : 0;
    const dq = p === 0 ? 0 : lastCharge - r.columns.charge[0];
    const dc = p === 0 || r.columns.cycle[0] >= lastCycle ? 0 : lastCycle - r.columns.cycle[0];
    if (r.columns.time[0] + dt < lastTime)
      warnings.push(`${r.label} starts at ${r.columns.time[0] + dt} s, before the end of the previous record (${lastTime} s): records overlap in time`);
    for (const k of STANDARD_ECHEM_COLUMNS) out[k].set(r.columns[k], row);
    for (let i = row; i < row + n; i++) {
      out.time[i] += dt;
      out.charge[i] += dq;
      out.cycle[i] += dc;
      part[i] = p;
    }
    row += n;
    lastTime = out.time[row - 1];
    lastCharge = out.charge[row - 1];
    lastCycle = out.cycle[row - 1];
  });
  return { columns: out, startTime: t0, part, order: sorted.map((r) => r.label), warnings };
}
