// 2θ ↔ q against numpy's q = 4π sin(θ)/λ (scripts/fixtures/xrd_formats.py) and analytic cases.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertPatternAxis } from '../convertPatternAxis';

const ref = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../../test/fixtures/xrd/xrd_reference.json'), 'utf8')) as {
  wavelength: number;
  twoTheta: number[];
  q: number[];
  twoThetaFromQ: number[];
};

describe('convertPatternAxis', () => {
  it('2θ → q matches numpy to 1e-12 Å⁻¹', () => {
    const q = convertPatternAxis(Float64Array.from(ref.twoTheta), 'twoTheta', 'q', ref.wavelength);
    for (let i = 0; i < q.length; i++) expect(Math.abs(q[i] - ref.q[i])).toBeLessThan(1e-12);
  });
  it('q → 2θ matches numpy (arcsin) and inverts 2θ → q', () => {
    const q = Float64Array.from(ref.q, (v) => Math.round(v * 1e10) / 1e10);
    const t = convertPatternAxis(q, 'q', 'twoTheta', ref.wavelength);
    for (let i = 0; i < t.length; i++) {
      expect(Math.abs(t[i] - ref.twoThetaFromQ[i])).toBeLessThan(1e-10);
      expect(Math.abs(t[i] - ref.twoTheta[i])).toBeLessThan(1e-7);
    }
  });
  it('analytic: 2θ = 180° gives q = 4π/λ; 2θ = 60° gives 2π/λ; same axis copies', () => {
    const q = convertPatternAxis(Float64Array.of(180, 60, 0), 'twoTheta', 'q', 2);
    expect(q[0]).toBeCloseTo(2 * Math.PI, 12);
    expect(q[1]).toBeCloseTo(Math.PI, 12);
    expect(q[2]).toBe(0);
    const out = new Float64Array(2);
    expect(convertPatternAxis(Float64Array.of(1, 2), 'q', 'q', 1, { out })).toBe(out);
    expect(Array.from(out)).toEqual([1, 2]);
  });
  it('refuses a bad wavelength, a q beyond 4π/λ and a wrong-size out', () => {
    expect(() => convertPatternAxis(Float64Array.of(1), 'twoTheta', 'q', 0)).toThrow(/wavelength is 0: expected a positive number of Å/);
    expect(() => convertPatternAxis(Float64Array.of(9), 'q', 'twoTheta', 1.54)).toThrow(/q = 9 Å⁻¹ at index 0 is beyond 4π\/λ/);
    expect(() => convertPatternAxis(Float64Array.of(1, 2), 'q', 'q', 1, { out: new Float64Array(1) })).toThrow(/out has 1 values: expected 2/);
  });
});
