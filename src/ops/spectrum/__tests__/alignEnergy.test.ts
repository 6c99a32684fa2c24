import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alignEnergy } from '../alignEnergy';
import { parseSpectrumText } from '../../io/columns/parseSpectrumText';
import { ROOT } from '../../image/__tests__/helpers';

const DIR = join(ROOT, 'test', 'fixtures', 'xas', 'operando');
/** Real operando Ni K-edge XANES (PRISMA/perex, BSD-3): energy (eV) and normalised μ. */
function scan(i: number): { x: Float64Array; y: Float64Array } {
  const name = `norm_op2_cell4_pos1_dq1_000${i}_av240_00001.txt`;
  const f = parseSpectrumText(readFileSync(join(DIR, name), 'utf8'), name);
  return { x: f.data[0], y: f.data[1] };
}
const shifted = (x: Float64Array, s: number) => Float64Array.from(x, (v) => v + s);

describe('alignEnergy', () => {
  const a = scan(1);
  it('recovers known sub-eV shifts of a real operando XANES scan within 0.05 eV', () => {
    for (const s of [0.37, -0.81, 0.05, 1.63, -2.29]) {
      const r = alignEnergy(a.x, a.y, shifted(a.x, s), a.y, { range: [8300, 8420] });
      expect(Math.abs(r.shift - s)).toBeLessThan(0.05);
      expect(r.correlation).toBeGreaterThan(0.99);
    }
  });

  it('between different scans of the series: shifting one by s changes the found shift by s', () => {
    for (const i of [2, 3]) {
      const b = scan(i);
      const base = alignEnergy(a.x, a.y, b.x, b.y, { range: [8300, 8420] }).shift;
      expect(Math.abs(base)).toBeLessThan(0.5);
      for (const s of [0.42, -0.66]) {
        const r = alignEnergy(a.x, a.y, shifted(b.x, s), b.y, { range: [8300, 8420] });
        expect(Math.abs(r.shift - base - s)).toBeLessThan(0.05);
      }
    }
  });

  it('analytic edge (erf-like tanh step + white line) on different grids, with an offset', () => {
    const x = Float64Array.from({ length: 400 }, (_, i) => 7100 + 0.25 * i);
    const f = (e: number) => 0.5 * (1 + Math.tanh((e - 7150) / 1.5)) + 0.6 * Math.exp(-(((e - 7154) / 2) ** 2));
    const y = Float64Array.from(x, f);
    const x2 = Float64Array.from({ length: 300 }, (_, i) => 7102.1 + 0.31 * i);
    const s = 0.733;
    const y2 = Float64Array.from(x2, (e) => 0.2 + f(e - s));
    const r = alignEnergy(x, y, x2, y2, { maxShift: 3 });
    expect(Math.abs(r.shift - s)).toBeLessThan(0.02);
  });

  it('rejects bad input, naming it', () => {
    const x = Float64Array.from([1, 2, 3, 4]);
    expect(() => alignEnergy(x, x, Float64Array.from([1, 3, 2, 4]), x)).toThrow(/moving x\[2\] = 2 ≤ x\[1\]/);
    expect(() => alignEnergy(x, x, x, x, { maxShift: 0 })).toThrow(/maxShift = 0, expected a finite number > 0/);
    expect(() => alignEnergy(x, x, x, x, { maxShift: 5 })).toThrow(/expected at least/);
  });
});
