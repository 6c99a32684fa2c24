import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXdi } from '../../io/xdi/parseXdi';
import { findE0 } from '../findE0';
import { preEdge } from '../preEdge';
import { smoothLorentzian } from '../smoothLorentzian';

const repo = path.resolve(__dirname, '../../../..');
const fixtures = path.join(repo, 'test/fixtures');

interface Case {
  file: string;
  params: Record<string, number>;
  e0: number;
  edge_step: number;
  pre1: number;
  pre2: number;
  norm1: number;
  norm2: number;
  nnorm: number;
  ie0: number;
  norm: number[];
  flat: number[];
}
const reference: { cases: Case[] } = JSON.parse(
  readFileSync(path.join(fixtures, 'spectra/pre_edge_reference.json'), 'utf8'),
);

function load(file: string): { energy: Float64Array; mu: Float64Array } {
  const xdi = parseXdi(readFileSync(path.join(fixtures, 'xas', file), 'utf8'), file);
  const col = (name: string) => xdi.data[xdi.columns.findIndex((c) => c.name === name)];
  const energy = col('energy');
  const mutrans = xdi.columns.some((c) => c.name === 'mutrans') ? col('mutrans') : null;
  const mu = mutrans ?? col('i0').map((v, i) => Math.log(v / col('itrans')[i]));
  return { energy, mu };
}

describe('preEdge against the numpy re-implementation of Larch pre_edge (scripts/fixtures/spectra_pre_edge.py)', () => {
  for (const ref of reference.cases) {
    const label = `${ref.file} ${JSON.stringify(ref.params)}`;
    it(label, () => {
      const { energy, mu } = load(ref.file);
      const r = preEdge(energy, mu, ref.params);
      expect(Math.abs(r.e0 - ref.e0)).toBeLessThan(0.01);
      expect(r.ie0).toBe(ref.ie0);
      expect(Math.abs(r.edgeStep - ref.edge_step) / ref.edge_step).toBeLessThan(1e-4);
      expect(r.pre1).toBeCloseTo(ref.pre1, 6);
      expect(r.pre2).toBeCloseTo(ref.pre2, 6);
      expect(r.norm1).toBeCloseTo(ref.norm1, 6);
      expect(r.norm2).toBeCloseTo(ref.norm2, 6);
      expect(r.nnorm).toBe(ref.nnorm);
      let maxFlat = 0;
      let maxNorm = 0;
      for (let i = 0; i < energy.length; i++) {
        maxFlat = Math.max(maxFlat, Math.abs(r.flat[i] - ref.flat[i]));
        maxNorm = Math.max(maxNorm, Math.abs(r.norm[i] - ref.norm[i]));
      }
      expect(maxFlat).toBeLessThan(1e-4);
      expect(maxNorm).toBeLessThan(1e-4);
    });
  }

  it('flattened spectra are ~0 below the edge and ~1 well above it', () => {
    for (const file of ['cu_metal_rt.xdi', 'fe_metal_rt.xdi', 'ni_metal_rt.xdi', 'zn_znse_rt.xdi']) {
      const { energy, mu } = load(file);
      const r = preEdge(energy, mu);
      const mean = (lo: number, hi: number) => {
        let s = 0;
        let k = 0;
        for (let i = 0; i < energy.length; i++)
          if (energy[i] >= r.e0 + lo && energy[i] <= r.e0 + hi) {
            s += r.flat[i];
            k++;
          }
        return s / k;
      };
      expect(Math.abs(mean(-150, -40))).toBeLessThan(0.02);
      expect(Math.abs(mean(150, 600) - 1)).toBeLessThan(0.05);
    }
  });

  it('findE0 returns the energy of the steepest rise of a smooth arctan edge', () => {
    const n = 400;
    const energy = new Float64Array(n);
    const mu = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      energy[i] = 8900 + i * 0.5;
      mu[i] = 0.1 + Math.atan((energy[i] - 8979) / 2) / Math.PI + 0.5;
    }
    expect(Math.abs(findE0(energy, mu).e0 - 8979)).toBeLessThanOrEqual(0.5);
  });

  it('repeated energies are nudged by 0.0005 eV as Larch remove_dups does, giving the same result', () => {
    const { energy, mu } = load('cu_metal_rt.xdi');
    const k = 300;
    const e2 = Float64Array.from([...energy.subarray(0, k + 1), energy[k], ...energy.subarray(k + 1)]);
    const m2 = Float64Array.from([...mu.subarray(0, k + 1), mu[k], ...mu.subarray(k + 1)]);
    const a = preEdge(energy, mu);
    const b = preEdge(e2, m2);
    expect(b.e0).toBe(a.e0);
    expect(Math.abs(b.edgeStep - a.edgeStep) / a.edgeStep).toBeLessThan(1e-3);
    expect(b.flat.length).toBe(energy.length + 1);
  });

  it('refuses bad input naming the parameter', () => {
    const e = Float64Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(() => preEdge(e, new Float64Array(20))).toThrow(/energy\[1\] = 19 < energy\[0\] = 20: expected increasing energies/);
    expect(() => preEdge(new Float64Array(5), new Float64Array(5))).toThrow(/at least 10/);
    expect(() => preEdge(new Float64Array(20), new Float64Array(19))).toThrow(/equal lengths/);
  });
});

describe('smoothLorentzian against Larch smooth() (numpy re-implementation)', () => {
  it('matches on an asymmetric signal with uneven x', () => {
    const s = (reference as unknown as { smooth: { x: number[]; y: number[]; sigma: number; xstep: number; out: number[] } }).smooth;
    const out = smoothLorentzian(Float64Array.from(s.x), Float64Array.from(s.y), { sigma: s.sigma, xstep: s.xstep });
    for (let i = 0; i < s.x.length; i++) expect(out[i]).toBeCloseTo(s.out[i], 10);
  });
});
