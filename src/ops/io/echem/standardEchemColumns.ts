/**
 * The six standard electrochemistry columns from any reader's output: time (s), potential (V),
 * current (mA), charge (mAh), cycle, step. EC-Lab names are mapped as EC-Lab defines them:
 * `Ewe/V` (or `<Ewe>/V`); `I/mA` (or `<I>/mA`; when neither is stored — `.mpr` files of GCPL keep only
 * `dq/mA.h`, the `.mpt` export adds `<I>/mA` — the mean current of each interval, 3600·dqᵢ/(tᵢ − tᵢ₋₁),
 * 0 on the first row, which is how EC-Lab computes `<I>`); charge from `(Q-Qo)/mA.h`, `(Q-Qo)/C` (÷ 3.6), the
 * running sum of `dq/mA.h` / `dQ/C`, or else the trapezoidal integral of the current; cycle from
 * `cycle number` (else `half cycle` ÷ 2, else 0); step from `Ns` (else 0). A quantity the file does not
 * hold is filled (current 0 for an OCV/rest record) and said in a warning.
 */
import type { EchemColumn, EchemFile } from './types';

export const STANDARD_ECHEM_COLUMNS = ['time', 'potential', 'current', 'charge', 'cycle', 'step'] as const;
export type StandardEchemColumns = Record<(typeof STANDARD_ECHEM_COLUMNS)[number], Float64Array>;

export function standardEchemColumns(file: EchemFile): { columns: StandardEchemColumns; warnings: string[] } {
  const warnings: string[] = [];
  const get = (...names: string[]): EchemColumn | undefined => {
    for (const n of names) {
      const c = file.columns.find((x) => x.name === n);
      if (c) return c;
    }
    return undefined;
  };
  const n = file.rows;
  if (file.format === 'maccor' || file.format === 'neware' || file.format === 'csv') {
    const out = {} as StandardEchemColumns;
    for (const k of STANDARD_ECHEM_COLUMNS) {
      const c = get(k);
      if (!c) throw new RangeError(`standardEchemColumns: ${file.fileName} has no "${k}" column: expected the reader's standard columns`);
      out[k] = c.data;
    }
    return { columns: out, warnings };
  }
  const time = get('time/s');
  if (!time) throw new RangeError(`standardEchemColumns: ${file.fileName} has no "time/s" column: expected one in every EC-Lab file`);
  const ewe = get('Ewe/V', '<Ewe>/V');
  const potential = ewe ? ewe.data : new Float64Array(n).fill(NaN);
  if (!ewe) warnings.push(`${file.fileName}: no Ewe/V column: potential is NaN`);
  const cur = get('I/mA', '<I>/mA');
  const dqStep = get('dq/mA.h', 'dQ/mA.h');
  let current: Float64Array;
  if (cur) current = cur.data;
  else if (dqStep) {
    current = new Float64Array(n);
    const t = time.data;
    for (let i = 1; i < n; i++) {
      const dt = t[i] - t[i - 1];
      current[i] = dt > 0 ? (3600 * dqStep.data[i]) / dt : 0;
    }
  } else {
    current = new Float64Array(n);
    warnings.push(`${file.fileName}: no I/mA column: current taken as 0 (rest / open circuit)`);
  }

  let charge: Float64Array;
  const qmah = get('(Q-Qo)/mA.h');
  const qc = get('(Q-Qo)/C');
  const dq = dqStep;
  const dqc = get('dQ/C');
  if (qmah) charge = qmah.data;
  else if (qc) charge = qc.data.map((v) => v / 3.6);
  else if (dq || dqc) {
    const d = (dq ?? dqc)!.data;
    const s = dq ? 1 : 1 / 3.6;
    charge = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) charge[i] = acc += d[i] * s;
  } else {
    charge = new Float64Array(n);
    const t = time.data;
    for (let i = 1; i < n; i++) charge[i] = charge[i - 1] + ((current[i] + current[i - 1]) / 2) * (t[i] - t[i - 1]) / 3600;
    if (cur) warnings.push(`${file.fileName}: no (Q-Qo) column: charge integrated from the current`);
  }
  const cyc = get('cycle number');
  const half = get('half cycle');
  const cycle = cyc ? cyc.data : half ? half.data.map((v) => Math.floor(v / 2)) : new Float64Array(n);
  const ns = get('Ns');
  return { columns: { time: time.data, potential, current, charge, cycle, step: ns ? ns.data : new Float64Array(n) }, warnings };
}
