import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseColumns } from '../../io/columns/parseColumns';
import { parseXdi } from '../../io/xdi/parseXdi';
import { buildMu } from '../buildMu';

const xas = path.resolve(__dirname, '../../../../test/fixtures/xas');

describe('buildMu', () => {
  it('auto: transmission ln(i0/itrans) when there is no μ column (zn_znse_rt.xdi)', () => {
    const f = parseXdi(readFileSync(path.join(xas, 'zn_znse_rt.xdi'), 'utf8'), 'zn_znse_rt.xdi');
    const m = buildMu(f);
    expect(m.mode).toBe('transmission');
    const i0 = f.data[2];
    const it = f.data[3];
    for (const i of [0, 100, 468]) expect(m.y[i]).toBeCloseTo(Math.log(i0[i] / it[i]), 14);
    expect(m.xAxis).toEqual({ name: 'energy', unit: 'eV' });
    expect(m.yAxis.name).toBe('ln(i0/itrans)');
  });

  it('auto: the mutrans column when present; the "normalized" column of SOLEIL files', () => {
    const cu = parseXdi(readFileSync(path.join(xas, 'cu_metal_rt.xdi'), 'utf8'), 'cu.xdi');
    expect(buildMu(cu).mode).toBe('column');
    expect(buildMu(cu).y[0]).toBe(-1.3070486);
    const name = 'norm_op2_cell4_pos1_dq1_0001_av240_00001.txt';
    const op = parseColumns(readFileSync(path.join(xas, 'operando', name), 'utf8'), name);
    const m = buildMu(op);
    expect(m.xAxis).toEqual({ name: 'shifted energy', unit: 'eV' });
    expect(m.yAxis.name).toBe('normalized');
    expect(m.x.length).toBe(1649);
  });

  it('fluorescence If/I0, explicit column names, reversed x sorted', () => {
    const f = parseColumns('# E I0 If\n3 2 1\n2 4 1\n1 8 2\n', 'fl.txt');
    const m = buildMu(f, { mode: 'fluorescence', xColumn: 'E', i0Column: 'I0', ifColumn: 'If' });
    expect(Array.from(m.x)).toEqual([1, 2, 3]);
    expect(Array.from(m.y)).toEqual([0.25, 0.25, 0.5]);
  });

  it('refuses non-positive intensities in a log, naming file and row', () => {
    const f = parseColumns('# energy i0 itrans\n1 2 1\n2 0 1\n', 'neg.txt');
    expect(() => buildMu(f, { mode: 'transmission' })).toThrow('neg.txt, row 2 (x = 2): ln(i0/itrans) needs positive intensities, got 0 and 1');
  });

  it('converts an XDI angle column to energy with the mono d-spacing (Bragg)', () => {
    const text = '# XDI/1.0\n# Column.1: angle degrees\n# Column.2: mutrans\n# Mono.d_spacing: 3.13553\n#----\n# angle mutrans\n 12.3 1\n 12.2 2\n';
    const m = buildMu(parseXdi(text, 'angle.xdi'));
    expect(m.xAxis).toEqual({ name: 'energy', unit: 'eV' });
    // Decreasing angle is increasing energy: the points come out reversed.
    expect(m.x[0]).toBeCloseTo(12398.41984332 / (2 * 3.13553 * Math.sin((12.3 * Math.PI) / 180)), 9);
    expect(m.x[0]).toBeCloseTo(9280.77, 1);
    expect(Array.from(m.y)).toEqual([1, 2]);
    expect(m.warnings[0]).toMatch(/converted to energy with Mono\.d_spacing = 3\.13553/);
  });

  it('refuses an unknown column, listing the columns', () => {
    const f = parseColumns('# energy mu\n1 2\n2 3\n', 'c.txt');
    expect(() => buildMu(f, { mode: 'column', muColumn: 'xmu' })).toThrow('c.txt: muColumn = "xmu": no such column; the columns are "energy", "mu"');
  });
});
