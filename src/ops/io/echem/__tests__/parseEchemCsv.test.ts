import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnNameUnit, normalizeEchemUnit } from '../columnNameUnit';
import { detectDelimitedLayout } from '../detectDelimitedLayout';
import { guessEchemMapping } from '../guessEchemMapping';
import { NO_COLUMN, parseEchemCsv, type EchemCsvMapping } from '../parseEchemCsv';
import { detectFileFormat } from '../../detectFileFormat';
import { looksLikeEchemCsv } from '../looksLikeEchemCsv';
import { readEchemCsvColumns } from '../readEchemCsvColumns';
import { splitLines } from '../../columns/splitLines';

// cellpy "custom instrument" CSVs (MIT) and their pandas reading by scripts/fixtures/echem_bad_csv.py
const dir = path.resolve(__dirname, '../../../../../test/fixtures/echem/bad-csv');
const ref = JSON.parse(readFileSync(path.join(dir, '../bad_csv.json'), 'utf8'));
const text = (name: string) => readFileSync(path.join(dir, name), 'latin1');
const read = (name: string, mapping: EchemCsvMapping = {}) => parseEchemCsv(text(name), name, mapping);
const col = (f: ReturnType<typeof read>, name: string) => f.columns.find((c) => c.name === name)!.data;
const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
const range = (a: Float64Array) => [Math.min(...a), Math.max(...a)];

describe('cellpy custom-instrument CSVs against pandas.read_csv(sep=";", header=N)', () => {
  it('custom_good_small.csv opens with the mapping guessed from the names and the declared 19 header lines', () => {
    const r = ref['custom_good_small.csv'];
    const f = read('custom_good_small.csv');
    expect(f.csv.layout).toMatchObject({ headerLine: r.headerLine - 1, separator: ';', decimalComma: false, found: 'declared', names: r.columns });
    expect(f.csv.used).toEqual({
      time: 'test_time', potential: 'voltage', current: 'current', charge: 'charge_capacity',
      discharge: 'discharge_Capacity', cycle: 'cycle', step: 'step', index: 'index',
    });
    expect(f.rows).toBe(r.rows);
    expect([col(f, 'time')[0], col(f, 'time').at(-1)]).toEqual(r.time);
    expect(range(col(f, 'potential'))).toEqual(r.voltage);
    expect(sum(col(f, 'time'))).toBeCloseTo(r.timeSum, 6);
    expect(sum(col(f, 'potential'))).toBeCloseTo(r.voltageSum, 9);
    expect(sum(col(f, 'charge'))).toBeCloseTo(r.netCapacitySum, 12);
    expect([col(f, 'cycle')[0], col(f, 'step')[0], col(f, 'step').at(-1)]).toEqual([1, 1, 2]);
    expect(f.header).toMatchObject({ operator: 'Jan Petter Maehlen', cell: 'ee002', mass: '0.0012' });
    expect(f.warnings).toEqual([]);
  });

  it('the same file without its "number of headers" line: the header row is found by content', () => {
    const lines = text('custom_good_small.csv').split('\n');
    const f = parseEchemCsv(lines.filter((l) => !l.startsWith('number of headers')).join('\n'), 'x.csv');
    expect(f.csv.layout.found).toBe('content');
    expect(f.csv.layout.headerLine).toBe(18);
    expect(f.rows).toBe(60);
  });

  it('custom_missing_column.csv is refused naming the missing potential (voltage) column and listing the columns', () => {
    expect(() => read('custom_missing_column.csv')).toThrow(
      /^custom_missing_column\.csv, line 20: no potential column: expected one named like "voltage", .* the header row has "index", "test_time", .*"discharge_Capacity"; choose the potential column$/,
    );
    expect(() => read('custom_missing_column.csv', { potential: 'voltage' })).toThrow(
      'custom_missing_column.csv, line 20: column "voltage" (potential) not found in the header row: expected one of "index", "test_time"',
    );
  });

  it('custom_nan_inf.csv is refused listing every bad cell with its line and column; "drop" leaves those rows out with a warning', () => {
    const r = ref['custom_nan_inf.csv'];
    let message = '';
    try {
      read('custom_nan_inf.csv');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^custom_nan_inf\.csv, line 24: expected finite numbers in the mapped columns, got /);
    expect(message).toContain('line 24 column "voltage" (potential): an empty cell; line 28 column "voltage" (potential): "inf"; line 32 column "voltage" (potential): "-inf"');
    for (const [line, column] of r.badCells) expect(message).toContain(`line ${line} column "${column}"`);

    const f = read('custom_nan_inf.csv', { badRows: 'drop' });
    expect(f.rows).toBe(r.goodRows);
    expect(sum(col(f, 'potential'))).toBeCloseTo(r.voltageSum, 9);
    expect(sum(col(f, 'time'))).toBeCloseTo(r.timeSum, 6);
    expect(f.warnings).toHaveLength(1); // the dropped rows are not reported again as missing rows
    expect(f.warnings[0]).toMatch(/^custom_nan_inf\.csv: 3 rows left out for cells that are not finite numbers: line 24 /);
  });

  it('custom_truncated.csv: the cut last row is left out with a warning naming line 80; a short row inside a file is refused', () => {
    const r = ref['custom_truncated.csv'];
    const f = read('custom_truncated.csv');
    expect(f.rows).toBe(r.goodRows);
    expect(col(f, 'time').at(-1)).toBe(r.time[1]);
    expect(range(col(f, 'potential'))).toEqual(r.voltage);
    expect(f.warnings).toEqual([expect.stringMatching(/^custom_truncated\.csv, line 80: the last row is cut short \(5 of 10 values, no line end\): left out/)]);
    const inside = text('custom_good_small.csv').replace('49;3600.40;0.31;43374.46;2;1;0.00;1.43;0.00;0.00', '49;3600.40;0.31');
    expect(() => parseEchemCsv(inside, 'inside.csv')).toThrow('inside.csv, line 70: expected 10 values (as in the header on line 20), found 3 (truncated row?)');
  });

  it('custom_missing_cycle.csv opens with warnings naming the row-number jump and the skipped cycle', () => {
    const r = ref['custom_missing_cycle.csv'];
    const f = read('custom_missing_cycle.csv');
    expect(f.rows).toBe(r.rows);
    expect(sum(col(f, 'potential'))).toBeCloseTo(r.voltageSum, 9);
    const [[il, i0, i1]] = r.indexJumps;
    const [[cl, c0, c1]] = r.cycleJumps;
    expect(f.warnings).toEqual([
      `custom_missing_cycle.csv: column "index" (row number) jumps 1 time, data missing from the export: line ${il}: ${i0} → ${i1} (${i1 - i0 - 1} rows missing)`,
      `custom_missing_cycle.csv: column "cycle" (cycle) jumps 1 time, data missing from the export: line ${cl}: cycle ${c0} → ${c1} (cycle 2 missing)`,
    ]);
  });
});

describe('other delimited layouts, units and mappings (analytic cases)', () => {
  const arbin = [
    'Data_Point,Test_Time(s),Step_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah)',
    '1,0,0,1,1,0.5,3.5,0,0',
    '2,3600,3600,1,1,0.5,4.1,0.5,0',
    '3,7200,3600,2,1,-0.5,3.9,0.5,0.5',
    '',
  ].join('\n');

  it('Arbin-like comma CSV: Test_Time (not Step_Time), units from the names (A → mA, Ah → mAh), net charge = charge − discharge', () => {
    const f = parseEchemCsv(arbin, 'arbin.csv');
    expect(f.csv.used).toMatchObject({ time: 'Test_Time(s)', current: 'Current(A)', charge: 'Charge_Capacity(Ah)', discharge: 'Discharge_Capacity(Ah)', index: 'Data_Point', cycle: 'Cycle_Index', step: 'Step_Index' });
    expect(Array.from(col(f, 'time'))).toEqual([0, 3600, 7200]);
    expect(Array.from(col(f, 'current'))).toEqual([500, 500, -500]);
    expect(Array.from(col(f, 'charge'))).toEqual([0, 500, 0]);
    expect(Array.from(col(f, 'step'))).toEqual([1, 1, 2]);
  });

  it('a unit given by the user wins over the name; "none" for charge integrates the current (0.5 A for 1 h = 500 mAh)', () => {
    const f = parseEchemCsv(arbin, 'arbin.csv', { charge: NO_COLUMN, currentUnit: 'mA', timeUnit: 's' });
    expect(f.csv.used.charge).toBe('');
    expect(f.csv.used.discharge).toBe(''); // a guessed discharge column is not used without its charge column
    expect(Array.from(col(f, 'current'))).toEqual([0.5, 0.5, -0.5]);
    expect(Array.from(col(f, 'charge'))).toEqual([0, 0.5, 0.5]);
    const g = parseEchemCsv(arbin.replace(/Current\(A\)/, 'I'), 'arbin.csv', { charge: NO_COLUMN });
    expect(g.csv.used.current).toBe('I');
    expect(Array.from(col(g, 'charge'))).toEqual([0, 0.5, 0.5]); // no unit in the name: mA
    const a = parseEchemCsv(arbin, 'arbin.csv', { charge: NO_COLUMN, currentUnit: 'A' });
    expect(col(a, 'charge')[1]).toBeCloseTo(500, 12);
  });

  it('semicolons with decimal commas, time in hours and potential in mV from EC-Lab-style names', () => {
    const f = parseEchemCsv('time/h;Ewe/mV;I/mA;cycle number\n0,5;3700,5;1,25;0\n1,0;3712,0;-1,25;1\n', 'de.csv');
    expect(f.csv.layout).toMatchObject({ separator: ';', decimalComma: true, found: 'content' });
    expect(Array.from(col(f, 'time'))).toEqual([1800, 3600]);
    expect(col(f, 'potential')[0]).toBeCloseTo(3.7005, 12);
    expect(Array.from(col(f, 'current'))).toEqual([1.25, -1.25]);
    expect(Array.from(col(f, 'cycle'))).toEqual([0, 1]);
  });

  it('tab-separated with quoted names', () => {
    const f = parseEchemCsv('"Time"\t"Voltage"\t"Current"\n0\t3.1\t2\n10\t3.2\t2\n', 't.tsv');
    expect(f.csv.layout.separator).toBe('\t');
    expect(Array.from(col(f, 'potential'))).toEqual([3.1, 3.2]);
  });

  it('refusals name the unmapped role with the columns, an unknown unit, and a file without a table', () => {
    expect(() => parseEchemCsv('foo;bar;baz\n1;2;3\n', 'x.csv')).toThrow('x.csv, line 1: no time column: expected one named like "test_time" or "Time(s)", the header row has "foo", "bar", "baz"; choose the time column');
    expect(() => parseEchemCsv('foo;bar;baz\n1;2;3\n', 'x.csv', { time: 'foo', potential: 'bar', current: 'baz' }).rows).not.toThrow();
    expect(() => parseEchemCsv('time;voltage;Current(W)\n1;2;3\n', 'w.csv')).toThrow('w.csv, line 1: column "Current(W)" (current): unit "W" is not one of A, mA, uA: set the current unit');
    expect(() => parseEchemCsv('{"a": 1}\n', 'j.json')).toThrow('j.json: no header row found in the first 1 lines');
    expect(() => parseEchemCsv('number of headers;5\ntime;voltage;current\n1;2;3\n', 'd.csv')).toThrow('d.csv, line 3: expected the column names here (line 1 declares 5 header lines), got the end of the file');
  });
});

describe('helpers', () => {
  it('columnNameUnit / normalizeEchemUnit', () => {
    expect(columnNameUnit('Voltage(V)')).toEqual({ name: 'Voltage', unit: 'V' });
    expect(columnNameUnit('Current [mA]')).toEqual({ name: 'Current', unit: 'mA' });
    expect(columnNameUnit('Ewe/V')).toEqual({ name: 'Ewe', unit: 'V' });
    expect(columnNameUnit('(Q-Qo)/mA.h')).toEqual({ name: '(Q-Qo)', unit: 'mA.h' });
    expect(columnNameUnit('cycle')).toEqual({ name: 'cycle', unit: '' });
    expect(['mA.h', 'Ah', 'µA', 'hr', 'mV', 'W'].map(normalizeEchemUnit)).toEqual(['mAh', 'Ah', 'uA', 'h', 'mV', null]);
  });

  it('guessEchemMapping: each column serves one role; best candidates first', () => {
    expect(guessEchemMapping(['Rec#', 'Cyc#', 'Step', 'TestTime', 'Amps', 'Volts', 'Amp-hr'])).toEqual({
      time: 'TestTime', potential: 'Volts', current: 'Amps', charge: 'Amp-hr', cycle: 'Cyc#', step: 'Step', index: 'Rec#',
    });
    expect(guessEchemMapping(['step_time', 'test_time', 'voltage'])).toEqual({ time: 'test_time', potential: 'voltage' });
  });

  it('readEchemCsvColumns reads the names from the head only, also of a file whose rows are bad', () => {
    const b = new Uint8Array(readFileSync(path.join(dir, 'custom_nan_inf.csv')));
    const c = readEchemCsvColumns(b, 'custom_nan_inf.csv', { potential: 'current' });
    expect(c?.names).toEqual(ref['custom_nan_inf.csv'].columns);
    expect(c?.guessed.potential).toBe('voltage');
    expect(c?.used.potential).toBe('current');
    expect(readEchemCsvColumns(new TextEncoder().encode('{}'), 'x.json')).toBeNull();
    expect(detectDelimitedLayout(splitLines(text('custom_good_small.csv')), 'g.csv').names).toEqual(c?.names);
  });
});

describe('looksLikeEchemCsv (content detection on the first 4 KiB)', () => {
  it('recognises the cellpy custom CSVs, an Arbin-like export and EC-Lab-style names; not other tables', () => {
    const head = (name: string) => text(name).slice(0, 4096);
    // all five by their declared header block, even the one without a potential column (its reader names what is missing)
    for (const name of ['custom_good_small.csv', 'custom_nan_inf.csv', 'custom_truncated.csv', 'custom_missing_cycle.csv', 'custom_missing_column.csv'])
      expect(looksLikeEchemCsv(head(name))).toBe(true);
    const undeclared = (name: string) => head(name).replace(/^number of headers.*\n/m, '');
    expect(looksLikeEchemCsv(undeclared('custom_good_small.csv'))).toBe(true);
    expect(looksLikeEchemCsv(undeclared('custom_missing_column.csv'))).toBe(false); // no potential column and nothing declared
    expect(looksLikeEchemCsv('Data_Point,Test_Time(s),Current(A),Voltage(V)\n1,0,0.5,3.5\n')).toBe(true);
    expect(looksLikeEchemCsv('time/h;Ewe/mV;I/mA\n0,5;3700,5;1,25\n')).toBe(true);
    expect(looksLikeEchemCsv('q,intensity\n1.0,200\n1.1,210\n')).toBe(false);
    expect(looksLikeEchemCsv('# energy i0 it\n7100 1 2\n')).toBe(false);
    expect(looksLikeEchemCsv('')).toBe(false);
  });

  it('detectFileFormat sends a cellpy CSV to io.load-echem and keeps other .csv tables on the column reader', () => {
    const bytes = new Uint8Array(readFileSync(path.join(dir, 'custom_good_small.csv'))).subarray(0, 4096);
    expect(detectFileFormat('custom_good_small.csv', bytes)).toMatchObject({ format: 'echem-csv', node: 'io.load-echem' });
    expect(detectFileFormat('q.csv', new TextEncoder().encode('q,intensity\n1.0,200\n'))?.format).toBe('columns');
  });
});
