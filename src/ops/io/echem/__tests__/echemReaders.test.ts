import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capacityPerCycle } from '../../../table/capacityPerCycle';
import { concatEchemRuns, type EchemRun } from '../concatEchemRuns';
import { readEchemFile } from '../readEchemFile';
import { standardEchemColumns, STANDARD_ECHEM_COLUMNS } from '../standardEchemColumns';
import type { EchemCsvMapping } from '../parseEchemCsv';

const repo = path.resolve(__dirname, '../../../../..');
const fixtures = path.join(repo, 'test/fixtures/echem');
const shared = path.resolve(repo, '../shared/data');
const json = (name: string) => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8'));
const bytes = (p: string) => new Uint8Array(readFileSync(p));
const open = (p: string, csv?: EchemCsvMapping) => readEchemFile(bytes(p), path.basename(p), { csv });
const run = (p: string): EchemRun => {
  const f = open(p);
  return { label: f.fileName, startTime: f.startTime, columns: standardEchemColumns(f).columns };
};
const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

describe('EC-Lab .mpt with decimal commas (crop of the operando LiNiO2 GITT record, in the repository)', () => {
  it('reads the start time and every standard column; sums equal the numpy parse of echem_derived.py', () => {
    const ref = json('derived.json');
    const f = open(path.join(fixtures, 'lno_gitt_crop.mpt'));
    expect(f.format).toBe('biologic-mpt');
    expect(f.rows).toBe(ref.rows);
    expect(f.startTime?.iso).toBe(ref.start);
    expect(f.header.Device).toBe('VMP3 (SN 0198)');
    const { columns, warnings } = standardEchemColumns(f);
    expect(warnings).toEqual([]);
    for (const k of STANDARD_ECHEM_COLUMNS) {
      expect(columns[k]).toHaveLength(ref.rows);
      expect(Math.abs(sum(columns[k]) - ref.sums[k])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref.sums[k])));
    }
  });

  it('refuses a file cut in the middle of a row, naming the line', () => {
    const b = new Uint8Array(readFileSync(path.join(fixtures, 'lno_gitt_crop.mpt')));
    const cut = b.subarray(0, b.length - 200); // 82 header lines + 528 rows: the last row (line 610) is cut
    expect(() => readEchemFile(cut, 'cut.mpt')).toThrow(/^cut\.mpt, line 610: expected 29 values \(as column names on line 82\), found \d+$/);
  });

  it('refuses a cell that is not a number, naming file, line and column', () => {
    const text = readFileSync(path.join(fixtures, 'lno_gitt_crop.mpt'), 'latin1').split('\r\n');
    const cells = text[90].split('\t');
    cells[11] = '3,7x';
    text[90] = cells.join('\t');
    const b = new Uint8Array(Buffer.from(text.join('\r\n'), 'latin1'));
    expect(() => readEchemFile(b, 'bad.mpt')).toThrow('bad.mpt, line 91: column 12 "Ewe/V": expected a number, got "3,7x"');
  });
});

describe('format sniffing and refusals', () => {
  it('a Neware file with a bad cell is refused naming file, line and column', () => {
    const head = 'DataPoint,Cycle Index,Step Index,Step Type,Time,Cumulative Time,Current(A),Voltage(V),Capacity(Ah),Chg. Cap.(Ah),DChg. Cap.(Ah),Date';
    const ok = '1,1,1,Rest,00:00:00,00:00:00,0.0,2.9170,0,0.0,0.0,2022-05-18 16:27:52';
    const b = (row: string) => new TextEncoder().encode(`${head}\n${ok}\n${row}\n`);
    expect(readEchemFile(b(ok.replace('00:00:00,00:00:00', '00:01:00,00:01:00')), 'n.csv').rows).toBe(2);
    expect(() => readEchemFile(b(ok.replace('2.9170', '')), 'n.csv')).toThrow('n.csv, line 3: column "Voltage(V)": expected a number, got an empty cell');
    expect(() => readEchemFile(b(ok.replace('00:00:00,00:00:00', '00:00:00,1h')), 'n.csv')).toThrow('n.csv, line 3: column "Cumulative Time": expected a time like "139:42:44", got "1h"');
  });

  it('a text file that no reader claims is read as delimited text: a column mapping the names do not give is asked for', () => {
    const b = new TextEncoder().encode('a,b,c\n1,2,3\n');
    expect(() => readEchemFile(b, 'x.csv')).toThrow('x.csv, line 1: no time column: expected one named like "test_time" or "Time(s)", the header row has "a", "b", "c"');
    expect(readEchemFile(b, 'x.csv', { csv: { time: 'a', potential: 'b', current: 'c' } }).rows).toBe(1);
  });
  it('a truncated header is refused with the line', () => {
    const b = new TextEncoder().encode('EC-Lab ASCII FILE\nNb header lines : 90\n');
    expect(() => readEchemFile(b, 'short.mpt')).toThrow('short.mpt, line 2: Nb header lines = 90: expected 3 to 2');
  });
});

describe('concatEchemRuns (synthetic records)', () => {
  const rec = (label: string, iso: string | null, t: number[], q: number[], cyc: number[]): EchemRun => ({
    label,
    startTime: iso ? { iso, seconds: Date.parse(iso + 'Z') / 1000 } : null,
    columns: {
      time: Float64Array.from(t),
      potential: Float64Array.from(t, () => 3.7),
      current: Float64Array.from(t, () => 1),
      charge: Float64Array.from(q),
      cycle: Float64Array.from(cyc),
      step: Float64Array.from(t, () => 0),
    },
  });
  it('orders by start time, shifts time, continues charge and cycle numbers', () => {
    const a = rec('a', '2022-01-01T00:00:00', [0, 10, 20], [0, 1, 2], [0, 1, 1]);
    const b = rec('b', '2022-01-01T00:01:00', [0, 5], [0, 0.5], [0, 0]);
    const j = concatEchemRuns([b, a]);
    expect(j.order).toEqual(['a', 'b']);
    expect(Array.from(j.columns.time)).toEqual([0, 10, 20, 60, 65]);
    expect(Array.from(j.columns.charge)).toEqual([0, 1, 2, 2, 2.5]);
    expect(Array.from(j.columns.cycle)).toEqual([0, 1, 1, 1, 1]);
    expect(Array.from(j.part)).toEqual([0, 0, 0, 1, 1]);
    expect(j.startTime?.iso).toBe('2022-01-01T00:00:00');
    expect(j.warnings).toEqual([]);
  });
  it('warns about overlapping records and refuses several records without start times', () => {
    const a = rec('a', '2022-01-01T00:00:00', [0, 100], [0, 1], [0, 0]);
    const b = rec('b', '2022-01-01T00:00:50', [0, 5], [0, 0.5], [0, 0]);
    expect(concatEchemRuns([a, b]).warnings[0]).toMatch(/b starts at 50 s, before the end of the previous record \(100 s\)/);
    expect(() => concatEchemRuns([a, rec('c.csv', null, [0], [0], [0])])).toThrow(/c\.csv has no start time/);
  });
});

const bio = path.join(shared, 'echem/biologic');
const lno = path.join(shared, 'xas/operando-LiNiO2/echem');
const hasShared = existsSync(bio) && existsSync(lno);
if (!hasShared) console.warn(`SKIPPED: electrochemistry readers on real files — ${shared} not found`);

describe.skipIf(!hasShared)('real files of ../shared/data', () => {
  const PAIRS = ['ca', 'cv', 'gcpl.issue_226.CxN', 'gcpl.pr_182.1', 'lsv', 'ocv', 'wait'];
  for (const name of PAIRS) {
    it(`${name}: the six standard columns of the .mpr equal those of the .mpt export`, () => {
      const t = standardEchemColumns(open(path.join(bio, `${name}.mpt`))).columns;
      const b = standardEchemColumns(open(path.join(bio, `${name}.mpr`))).columns;
      for (const k of STANDARD_ECHEM_COLUMNS) {
        expect(b[k].length).toBe(t[k].length);
        for (let i = 0; i < t[k].length; i++) {
          // f4 columns of the .mpr against the 7–8 significant digits of the text; <I> from dq/Δt.
          const tol = 2e-6 * Math.max(1e-3, Math.abs(t[k][i]));
          if (!(Math.abs(b[k][i] - t[k][i]) <= tol)) expect(`${name} ${k}[${i}] = ${b[k][i]}`).toBe(`${t[k][i]}`);
        }
      }
    });
  }

  it('the operando GITT record and its continuation join into one time-ordered record', () => {
    const ref = json('sync_operando.json');
    const files = ['220726cell4operandoxascontinuation_C06.mpt', '220726cell4operandoxas_C06.mpt'];
    const j = concatEchemRuns(files.map((f) => run(path.join(lno, f))));
    expect(j.order).toEqual([files[1], files[0]]);
    expect(j.startTime?.iso).toBe(ref.echemStart);
    expect(j.columns.time.length).toBe(ref.rows);
    expect(j.columns.time[0]).toBe(ref.echemRange[0]);
    expect(j.columns.time.at(-1)).toBeCloseTo(ref.echemRange[1], 6);
    expect(j.warnings).toEqual([]);
    for (let i = 1; i < j.columns.time.length; i++) expect(j.columns.time[i]).toBeGreaterThanOrEqual(j.columns.time[i - 1]);
  });

  it('Maccor export: start time, signed net charge; capacity per cycle equals the numpy fixture', () => {
    const f = open(path.join(shared, 'echem/maccor/maccor_001.txt'));
    expect(f.format).toBe('maccor');
    expect(f.startTime?.iso).toBe('2020-12-11T12:22:12');
    const ref = json('maccor_capacity.json');
    expect(f.rows).toBe(ref.rows);
    const c = standardEchemColumns(f).columns;
    const cap = capacityPerCycle(c.charge, c.cycle);
    expect(cap.cycle.length).toBe(ref.capacity.length);
    ref.capacity.forEach((r: [number, number, number, number], k: number) => {
      expect(cap.cycle[k]).toBe(r[0]);
      expect(cap.charge[k]).toBeCloseTo(r[1], 6);
      expect(cap.discharge[k]).toBeCloseTo(r[2], 6);
      expect(cap.efficiency[k]).toBeCloseTo(r[3], 9);
    });
    // Discharge steps carry a negative current (Maccor writes |I|).
    expect(c.current[2]).toBeCloseTo(-504.01, 6);
  });

  it('Neware CSV: start time from the Date column; capacity per cycle equals the cycler\'s own per-step totals', () => {
    const f = open(path.join(shared, 'echem/neware/neware_uio.csv'));
    expect(f.format).toBe('neware');
    const ref = json('neware_capacity.json');
    expect(f.rows).toBe(ref.rows);
    expect(f.startTime?.iso).toBe(ref.start);
    const c = standardEchemColumns(f).columns;
    expect(c.time.at(-1)).toBe(ref.timeEnd);
    expect(c.current[1000]).toBeLessThan(0); // CC DChg
    const cap = capacityPerCycle(c.charge, c.cycle);
    expect(Array.from(cap.cycle)).toEqual(ref.capacity.map((r: number[]) => r[0]));
    ref.capacity.forEach((r: number[], k: number) => {
      expect(cap.charge[k]).toBeCloseTo(r[1], 9);
      expect(cap.discharge[k]).toBeCloseTo(r[2], 9);
    });
  });

  const csvDir = path.join(repo, 'test/fixtures/echem/bad-csv');
  const mapping: EchemCsvMapping = {
    time: 'test_time',
    potential: 'voltage',
    current: 'current',
    charge: 'charge_capacity',
    discharge: 'discharge_Capacity',
    cycle: 'cycle',
    step: 'step',
    index: 'index',
  };
  it('generic CSV: custom_good_small.csv reads with an explicit mapping as with the guessed one', () => {
    const f = open(path.join(csvDir, 'custom_good_small.csv'), mapping);
    expect(f.rows).toBe(60);
    const c = standardEchemColumns(f).columns;
    expect([c.time[0], c.potential[0], c.cycle[0], c.step[0]]).toEqual([120, 1.14, 1, 1]);
    expect(c.time.at(-1)).toBe(3600.96);
    expect(c.potential.at(-1)).toBe(1.54);
    const g = standardEchemColumns(open(path.join(csvDir, 'custom_good_small.csv'))).columns;
    for (const k of STANDARD_ECHEM_COLUMNS) expect(Array.from(g[k])).toEqual(Array.from(c[k]));
  });
  const BAD: [string, string][] = [
    ['custom_missing_column.csv', 'custom_missing_column.csv, line 20: column "voltage" (potential) not found in the header row'],
    ['custom_nan_inf.csv', 'custom_nan_inf.csv, line 24: expected finite numbers in the mapped columns, got line 24 column "voltage" (potential): an empty cell'],
  ];
  for (const [name, message] of BAD)
    it(`generic CSV: ${name} is refused naming file, line and column`, () => {
      expect(() => open(path.join(csvDir, name), mapping)).toThrow(message);
    });
  it('generic CSV: inf is refused like an empty cell', () => {
    const text = readFileSync(path.join(csvDir, 'custom_nan_inf.csv'), 'latin1').replace('0.00;;0.00', '0.00;1.14;0.00');
    expect(() => readEchemFile(new TextEncoder().encode(text), 'inf.csv', { csv: mapping })).toThrow('inf.csv, line 28: expected finite numbers in the mapped columns, got line 28 column "voltage" (potential): "inf"');
  });
});
