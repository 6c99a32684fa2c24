import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { savitzkyGolay } from '../savitzkyGolay';

const ref: {
  cases: { name: string; y: number[]; windowLength: number; polyorder: number; deriv: number; delta: number; out: number[] }[];
} = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../test/fixtures/spectra/savgol_reference.json'), 'utf8'));

describe('savitzkyGolay against scipy.signal.savgol_filter (scripts/fixtures/spectra_savgol.py)', () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const out = savitzkyGolay(c.y, { windowLength: c.windowLength, polyorder: c.polyorder, deriv: c.deriv, delta: c.delta });
      const scale = Math.max(1, ...c.out.map(Math.abs));
      for (let i = 0; i < c.y.length; i++) expect(Math.abs(out[i] - c.out[i]) / scale).toBeLessThan(1e-9);
    });
  }

  it('reproduces a polynomial of degree ≤ polyorder exactly, and its derivative', () => {
    const y = Array.from({ length: 30 }, (_, i) => 2 + 0.5 * i - 0.03 * i * i);
    const s = savitzkyGolay(y, { windowLength: 9, polyorder: 2 });
    const d = savitzkyGolay(y, { windowLength: 9, polyorder: 2, deriv: 1, delta: 0.5 });
    for (let i = 0; i < 30; i++) {
      expect(s[i]).toBeCloseTo(y[i], 10);
      expect(d[i]).toBeCloseTo((0.5 - 0.06 * i) / 0.5, 9);
    }
  });

  it('writes into a given out buffer', () => {
    const out = new Float64Array(10);
    const r = savitzkyGolay(Array.from({ length: 10 }, (_, i) => i), { windowLength: 3, polyorder: 1, out });
    expect(r).toBe(out);
    expect(out[5]).toBeCloseTo(5, 12);
  });

  it('refuses bad parameters, naming them', () => {
    const y = new Array(10).fill(1);
    expect(() => savitzkyGolay(y, { windowLength: 4, polyorder: 1 })).toThrow(/windowLength = 4: expected an odd/);
    expect(() => savitzkyGolay(y, { windowLength: 11, polyorder: 1 })).toThrow(/windowLength = 11: expected ≤/);
    expect(() => savitzkyGolay(y, { windowLength: 5, polyorder: 5 })).toThrow(/polyorder = 5/);
    expect(() => savitzkyGolay(y, { windowLength: 5, polyorder: 2, delta: 0 })).toThrow(/delta = 0/);
  });
});
