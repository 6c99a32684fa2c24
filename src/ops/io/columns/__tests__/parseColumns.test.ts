import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../decodeText';
import { parseColumns } from '../parseColumns';
import { parseNumberToken } from '../parseNumberToken';
import { parseSpectrumText } from '../parseSpectrumText';
import { parseTimeStamp } from '../parseTimeStamp';

const operando = path.resolve(__dirname, '../../../../../test/fixtures/xas/operando');
const FIRST = 'norm_op2_cell4_pos1_dq1_0001_av240_00001.txt';

describe('parseColumns', () => {
  it('reads a SOLEIL extranormal file: tab-separated names, 1649 points, local time stamp', () => {
    const text = readFileSync(path.join(operando, FIRST), 'utf8');
    const f = parseColumns(text, FIRST);
    expect(f.columns.map((c) => c.name)).toEqual(['shifted energy', 'normalized', 'reference', 'ref.derivative', 'I0']);
    expect(f.data[0].length).toBe(1649);
    expect(f.data[0][0]).toBe(8060);
    expect(f.data[0][1648]).toBe(9500);
    expect(f.data[1][0]).toBe(0.0007013665);
    expect(f.data[4][1648]).toBe(18757.67);
    expect(f.startTime).toEqual({ iso: '2022-07-26T23:01:58.055', seconds: Date.UTC(2022, 6, 26, 23, 1, 58) / 1000 + 0.055 });
    expect(f.header['E0_pivot']).toBe('8349.6');
    expect(f.warnings).toEqual([]);
  });

  it('takes names from a CSV header row, units from brackets, and falls back to colN', () => {
    const csv = parseColumns('energy (eV),mu\n1,2\n3,4\n', 'a.csv');
    expect(csv.columns).toEqual([
      { name: 'energy', unit: 'eV' },
      { name: 'mu', unit: '' },
    ]);
    expect(Array.from(csv.data[1])).toEqual([2, 4]);
    const semi = parseColumns('"energy (eV)";"mu"\n8060;0,5\n8065;1,25e-1\n', 'semi.csv');
    expect(semi.columns.map((c) => c.name)).toEqual(['energy', 'mu']);
    expect(Array.from(semi.data[1])).toEqual([0.5, 0.125]);
    const tab = parseColumns('energy (eV)\tnorm mu\n8060\t0.5\n8065 \t 0.25\n', 'tab.txt');
    expect(tab.columns.map((c) => c.name)).toEqual(['energy', 'norm mu']);
    expect(Array.from(tab.data[1])).toEqual([0.5, 0.25]);
    const bare = parseColumns('8.2 0.1\n8.3 0.2\n', 'ref.txt');
    expect(bare.columns.map((c) => c.name)).toEqual(['col1', 'col2']);
    const athena = parseColumns('# Athena\n#------\n#  energy norm   der\n 1 2 3\n 4 5 6\n', 'x.nor');
    expect(athena.columns.map((c) => c.name)).toEqual(['energy', 'norm', 'der']);
  });

  it('refuses bad rows naming file, line and column', () => {
    expect(() => parseColumns('# e mu\n1 2\n2 nan\n', 'f.txt')).toThrow('f.txt, line 3: column 2: expected a number, got "nan"');
    expect(() => parseColumns('# e mu\n1 2\n2 abc\n', 'f.txt')).toThrow('f.txt, line 3: column 2: expected a number, got "abc"');
    expect(() => parseColumns('# e mu\n1 2\n\n2 3 4\n', 'f.txt')).toThrow('f.txt, line 4: expected 2 values (as on line 2), found 3');
    expect(() => parseColumns('# only header\n', 'f.txt')).toThrow('f.txt: expected rows of numbers after the header, found none');
  });

  it('warns on a malformed time stamp and keeps reading', () => {
    const f = parseColumns('#Time at start=2022-13-01 10:00:00\n1 2\n2 3\n', 't.txt');
    expect(f.startTime).toBeNull();
    expect(f.warnings[0]).toMatch(/^t\.txt: header "Time at start": date-time out of range/);
  });
});

describe('text helpers', () => {
  it('parseNumberToken accepts decimals and exponents, refuses everything else', () => {
    for (const [t, v] of [['1', 1], ['-2.5', -2.5], ['.5e-3', 0.0005], ['0.96232605E-01', 0.096232605], ['1D+02', 100], ['+3.', 3]] as const)
      expect(parseNumberToken(t)).toBe(v);
    for (const t of ['nan', 'NaN', 'inf', 'Infinity', '', '1.2.3', '0x10', '1e', 'STRING', '1,5']) expect(parseNumberToken(t)).toBeNull();
  });

  it('parseTimeStamp keeps local stamps without zone and converts zoned ones', () => {
    const a = parseTimeStamp('2022-07-26 23:01:58.055');
    const b = parseTimeStamp('2022-07-27T01:01:58.055+02:00');
    expect(a).toEqual({ iso: '2022-07-26T23:01:58.055', seconds: 1658876518.055 });
    expect('error' in b ? NaN : b.seconds).toBeCloseTo(1658876518.055, 6);
    expect(parseTimeStamp('2001-02-30 10:00:00')).toHaveProperty('error');
    expect(parseTimeStamp('yesterday')).toHaveProperty('error');
  });

  it('decodeText falls back to latin-1 when the bytes are not UTF-8', () => {
    expect(decodeText(new Uint8Array([0x23, 0x20, 0xb5, 0x0a]))).toEqual({ text: '# µ\n', encoding: 'latin1' });
    expect(decodeText(new TextEncoder().encode('# µ\n'))).toEqual({ text: '# µ\n', encoding: 'utf-8' });
  });

  it('parseSpectrumText dispatches on the "# XDI/" line', () => {
    expect(parseSpectrumText('# XDI/1.0\n# Column.1: energy eV\n#---\n1\n2\n', 'a.xdi').format).toBe('xdi');
    expect(parseSpectrumText('# x\n1\n2\n', 'a.txt').format).toBe('columns');
  });
});
