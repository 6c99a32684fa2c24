/**
 * Guesses which column of a cycler export holds time, potential, current, charge, cycle and step
 * from the column names that cellpy, Neware, Arbin, Maccor and EC-Lab write (`test_time`,
 * `Test_Time(s)`, `Voltage(V)`, `Ewe/V`, `Current(A)`, `Charge_Capacity(Ah)`, `Cycle_Index`,
 * `Step_Index`, `Data_Point` …). Names are compared without case, unit and separators; each role
 * takes the first of its candidate names present, so `test_time` wins over `step_time`.
 */
import { columnNameUnit } from './columnNameUnit';

export const ECHEM_CSV_ROLES = ['time', 'potential', 'current', 'charge', 'discharge', 'cycle', 'step', 'index'] as const;
export type EchemCsvRole = (typeof ECHEM_CSV_ROLES)[number];

/** Candidate names per role, normalised (lower case, `_ . -` and spaces as one space), best first. */
const CANDIDATES: Record<EchemCsvRole, string[]> = {
  time: ['test time', 'testtime', 'total time', 'elapsed time', 'time', 'run time', 'tot time', 't'],
  potential: ['voltage', 'ewe', 'potential', 'cell voltage', 'ecell', 'volts', 'u', 'v', 'e'],
  current: ['current', 'i', '<i>', 'amps', 'amp'],
  charge: ['charge capacity', 'chg cap', 'charge cap', 'q charge', 'q qo', '(q qo)', 'capacity', 'cap', 'amp hr', 'charge', 'q'],
  discharge: ['discharge capacity', 'dchg cap', 'dischg cap', 'discharge cap', 'q discharge'],
  cycle: ['cycle', 'cycle index', 'cycle number', 'cycle no', 'cycle nr', 'cyc#', 'cyc', 'cycle id'],
  step: ['step', 'step index', 'step number', 'step no', 'step nr', 'ns', 'step id'],
  index: ['index', 'data point', 'datapoint', 'rec#', 'record', 'record index', 'rec', 'point'],
};

const normalize = (column: string) =>
  columnNameUnit(column)
    .name.toLowerCase()
    .replace(/[\s_.-]+/g, ' ')
    .trim();

/** Role → column name, for the roles a column was found for. */
export function guessEchemMapping(columns: readonly string[]): Partial<Record<EchemCsvRole, string>> {
  const norm = columns.map(normalize);
  const used = new Set<number>();
  const out: Partial<Record<EchemCsvRole, string>> = {};
  for (const role of ECHEM_CSV_ROLES) {
    for (const cand of CANDIDATES[role]) {
      const i = norm.findIndex((n, k) => n === cand && !used.has(k));
      if (i >= 0) {
        used.add(i);
        out[role] = columns[i];
        break;
      }
    }
  }
  return out;
}
