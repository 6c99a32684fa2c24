import { describe, expect, it } from 'vitest';
import { emptyMeta, type SpectraValue, type SpectrumValue, type TableValue } from '../../../runtime/values';
import { csvEncode } from '../csvEncode';

const spectrum: SpectrumValue = {
  kind: 'spectrum',
  x: Float64Array.from([8979.5, 8980]),
  y: Float64Array.from([0.1, 1 / 3]),
  xAxis: { name: 'energy', unit: 'eV' },
  yAxis: { name: 'mu', unit: '' },
  meta: emptyMeta(),
};

describe('csvEncode', () => {
  it('spectrum: header with units, numbers that read back exactly', () => {
    const text = csvEncode(spectrum);
    expect(text).toBe('energy (eV),mu\n8979.5,0.1\n8980,0.3333333333333333\n');
    expect(Number(text.split('\n')[2].split(',')[1])).toBe(1 / 3);
  });

  it('spectra: labels on line 1, times (with origin) on line 2, one column per frame', () => {
    const v: SpectraValue = {
      kind: 'spectra',
      x: Float64Array.from([1, 2]),
      y: Float64Array.from([10, 20, 30, 40]),
      frames: 2,
      points: 2,
      time: Float64Array.from([0, 687.016]),
      frameLabels: ['a.txt', 'b, "c".txt'],
      xAxis: { name: 'energy', unit: 'eV' },
      yAxis: { name: 'normalized', unit: '' },
      meta: { ...emptyMeta(), timeOrigin: '2022-07-26T23:01:58.055' },
    };
    expect(csvEncode(v)).toBe(
      'energy (eV),a.txt,"b, ""c"".txt"\ntime (s) since 2022-07-26T23:01:58.055,0,687.016\n1,10,30\n2,20,40\n',
    );
  });

  it('table: numeric and text columns, other delimiter, precision, non-finite as empty', () => {
    const t: TableValue = {
      kind: 'table',
      rows: 2,
      columns: [
        { name: 'spectrum', unit: '', text: ['x;1', 'y'] },
        { name: 'e0', unit: 'eV', data: Float64Array.from([8980.123456, NaN]) },
      ],
      meta: emptyMeta(),
    };
    expect(csvEncode(t, { delimiter: ';', precision: 6 })).toBe('spectrum;e0 (eV)\n"x;1";8980.12\ny;\n');
  });

  it('refuses inconsistent sizes and bad precision', () => {
    expect(() => csvEncode({ ...spectrum, y: new Float64Array(3) })).toThrow(/expected equal/);
    expect(() => csvEncode(spectrum, { precision: 0 })).toThrow(/precision = 0/);
  });
});
