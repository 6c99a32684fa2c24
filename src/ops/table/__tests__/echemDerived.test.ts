import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEchemFile } from '../../io/echem/readEchemFile';
import { standardEchemColumns } from '../../io/echem/standardEchemColumns';
import { capacityPerCycle } from '../capacityPerCycle';
import { dqdvBinned } from '../dqdvBinned';
import { stateOfCharge } from '../stateOfCharge';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures/echem');
const ref = JSON.parse(readFileSync(path.join(fixtures, 'derived.json'), 'utf8'));
const file = readEchemFile(new Uint8Array(readFileSync(path.join(fixtures, 'lno_gitt_crop.mpt'))), 'lno_gitt_crop.mpt');
const c = standardEchemColumns(file).columns;

interface RefCurve {
  cycle: number;
  direction: 1 | -1;
  potential: number[];
  dqdv: number[];
}

function expectCurves(got: ReturnType<typeof dqdvBinned>, want: RefCurve[]) {
  expect(got.map((g) => [g.cycle, g.direction, g.potential.length])).toEqual(want.map((w) => [w.cycle, w.direction, w.potential.length]));
  got.forEach((g, k) => {
    const w = want[k];
    let scale = 0;
    for (const v of w.dqdv) scale = Math.max(scale, Math.abs(v));
    for (let i = 0; i < w.potential.length; i++) {
      expect(Math.abs(g.potential[i] - w.potential[i])).toBeLessThan(1e-12);
      expect(Math.abs(g.dqdv[i] - w.dqdv[i])).toBeLessThanOrEqual(1e-10 * Math.max(1, scale));
    }
  });
}

describe('derived electrochemistry on the real GITT crop, against numpy (scripts/fixtures/echem_derived.py)', () => {
  it('capacity per cycle: charge, discharge and coulombic efficiency', () => {
    const cap = capacityPerCycle(c.charge, c.cycle);
    expect(Array.from(cap.cycle)).toEqual(ref.capacity.map((r: number[]) => r[0]));
    ref.capacity.forEach((r: [number, number, number, number | null], k: number) => {
      expect(cap.charge[k]).toBeCloseTo(r[1], 12);
      expect(cap.discharge[k]).toBeCloseTo(r[2], 12);
      if (r[3] === null) expect(cap.efficiency[k]).toBeNaN();
      else expect(cap.efficiency[k]).toBeCloseTo(r[3], 9);
    });
    // GITT on LiNiO2: about 1.6 mAh charged in the first cycle, 80–95 % returned.
    expect(cap.charge[1]).toBeGreaterThan(1.5);
    expect(cap.efficiency[1]).toBeGreaterThan(80);
  });

  it('dQ/dV binned on 10 mV and smoothed with σ = 2 bins', () => {
    expectCurves(dqdvBinned(c.potential, c.charge, c.cycle, { binWidth: 0.01, sigma: 2 }), ref.dqdv);
  });

  it('dQ/dV binned on 20 mV without smoothing', () => {
    const got = dqdvBinned(c.potential, c.charge, c.cycle, { binWidth: 0.02, sigma: 0 });
    expectCurves(got, ref.dqdvRaw);
    // Without smoothing the integral of dQ/dV over V is the charge passed in that direction.
    const cap = capacityPerCycle(c.charge, c.cycle);
    const c1 = got.find((g) => g.cycle === 1 && g.direction === 1)!;
    expect(c1.dqdv.reduce((s, v) => s + v * 0.02, 0)).toBeCloseTo(cap.charge[1], 10);
  });

  it('state of charge between the detected limits', () => {
    const s = stateOfCharge(c.charge);
    expect(s.empty).toBe(ref.soc.empty);
    expect(s.full).toBe(ref.soc.full);
    ref.soc.every50.forEach((v: number, k: number) => expect(s.soc[50 * k]).toBeCloseTo(v, 10));
  });

  it('state of charge between given limits, not clipped', () => {
    const s = stateOfCharge(Float64Array.from([0, 1, 2, 3]), { empty: 1, full: 2 });
    expect(Array.from(s.soc)).toEqual([-100, 0, 100, 200]);
  });

  it('refuses bad options naming the parameter', () => {
    expect(() => dqdvBinned(c.potential, c.charge, c.cycle, { binWidth: 0 })).toThrow('dqdvBinned: binWidth = 0: expected a finite number > 0 (V)');
    expect(() => dqdvBinned(c.potential, c.charge, c.cycle, { sigma: -1 })).toThrow(/sigma = -1/);
    expect(() => stateOfCharge(new Float64Array(3))).toThrow(/expected two different finite charges/);
    expect(() => capacityPerCycle(c.charge, c.cycle.subarray(1))).toThrow(/expected equal lengths/);
  });
});
