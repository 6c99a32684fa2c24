import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams, validateParams } from '../../../runtime/params';
import type { SpectraValue, SpectrumValue, TableValue } from '../../../runtime/values';
import { loadSpectraNode } from '../../io/loadSpectra';
import { fakeContext } from '../../io/__tests__/fakeContext';
import { normalizeXanesNode } from '../normalizeXanes';

const repo = path.resolve(__dirname, '../../../..');
const xas = path.join(repo, 'test/fixtures/xas');
const reference = JSON.parse(readFileSync(path.join(repo, 'test/fixtures/spectra/pre_edge_reference.json'), 'utf8'));

async function load(dir: string, names: string[]) {
  const params = { ...defaultParams(loadSpectraNode.params), files: names.map((name) => ({ name })) };
  return (await loadSpectraNode.run({}, params, fakeContext(dir))).spectra;
}

describe('clean.normalize-xanes', () => {
  it('defaults are all "auto" (null) and valid', () => {
    const d = defaultParams(normalizeXanesNode.params);
    expect([d.e0, d.pre1, d.pre2, d.norm1, d.norm2, d.nnorm, d.step]).toEqual([null, null, null, null, null, null, null]);
    expect(validateParams(normalizeXanesNode.params, {}).issues).toEqual([]);
    expect(normalizeXanesNode.check!({ ...d, pre1: -50, pre2: -100 })).toEqual([
      { param: 'pre2', message: 'pre2: expected > pre1 (-50 eV), got -100 eV' },
    ]);
  });

  it('spectrum: flat output and parameter table match the Larch reference', async () => {
    const spectrum = await load(xas, ['cu_metal_rt.xdi']);
    const ctx = fakeContext(xas);
    const out = await normalizeXanesNode.run({ spectra: spectrum }, defaultParams(normalizeXanesNode.params), ctx);
    const v = out.spectra as SpectrumValue;
    const t = out.table as TableValue;
    const ref = reference.cases.find((c: { file: string; params: object }) => c.file === 'cu_metal_rt.xdi' && Object.keys(c.params).length === 0);
    expect(v.yAxis.name).toBe('flattened μ(E)');
    for (let i = 0; i < v.y.length; i++) expect(Math.abs(v.y[i] - ref.flat[i])).toBeLessThan(1e-4);
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(t.rows).toBe(1);
    expect((col('e0') as { data: Float64Array }).data[0]).toBe(ref.e0);
    expect((col('edge_step') as { data: Float64Array }).data[0]).toBeCloseTo(ref.edge_step, 4);
    expect((col('norm2') as { data: Float64Array }).data[0]).toBe(ref.norm2);
    expect(v.meta.sources[0].name).toBe('cu_metal_rt.xdi');
  });

  it('series: per-spectrum normalisation with progress per spectrum, table row per frame', async () => {
    const series = (await load(path.join(xas, 'operando'), readdirSync(path.join(xas, 'operando')).filter((f) => f.endsWith('.txt')))) as SpectraValue;
    const ctx = fakeContext(xas);
    const out = await normalizeXanesNode.run({ spectra: series }, { ...defaultParams(normalizeXanesNode.params), output: 'norm' }, ctx);
    const v = out.spectra as SpectraValue;
    const t = out.table as TableValue;
    expect(v.frames).toBe(3);
    expect(v.time).toEqual(series.time);
    expect(t.rows).toBe(3);
    expect(t.columns.map((c) => c.name)).toEqual(['spectrum', 'time', 'e0', 'edge_step', 'pre1', 'pre2', 'norm1', 'norm2', 'nnorm']);
    expect(ctx.progressCalls.filter((p) => p < 1).length).toBeGreaterThanOrEqual(3);
    // Already-normalised Ni K-edge data: E0 near 8345 eV and a unit step.
    const e0 = (t.columns[2] as { data: Float64Array }).data;
    const step = (t.columns[3] as { data: Float64Array }).data;
    for (let f = 0; f < 3; f++) {
      expect(e0[f]).toBeGreaterThan(8330);
      expect(e0[f]).toBeLessThan(8360);
      expect(step[f]).toBeGreaterThan(0.8);
      expect(step[f]).toBeLessThan(1.2);
    }
  });

  it('refuses a non-energy x axis', async () => {
    const v: SpectrumValue = {
      kind: 'spectrum',
      x: Float64Array.from({ length: 20 }, (_, i) => i),
      y: new Float64Array(20),
      xAxis: { name: 'angle', unit: 'deg' },
      yAxis: { name: 'mu', unit: '' },
      meta: { sources: [], history: [], attrs: {} },
    };
    await expect(normalizeXanesNode.run({ spectra: v }, defaultParams(normalizeXanesNode.params), fakeContext(xas))).rejects.toThrow(
      /x axis "angle" is in "deg": expected an energy in eV/,
    );
  });
});

const sharedOperando = path.resolve(repo, '../shared/data/xas/operando-LiNiO2/xanes');
const hasShared = existsSync(sharedOperando);
if (!hasShared) console.warn(`SKIPPED: normalisation of the full operando series — ${sharedOperando} not found`);
describe.skipIf(!hasShared)('clean.normalize-xanes on the 58-frame operando series', () => {
  it('flat spectra are ~0 before and ~1 after the edge for every frame', async () => {
    const series = (await load(sharedOperando, readdirSync(sharedOperando).filter((f) => f.endsWith('.txt')))) as SpectraValue;
    const out = await normalizeXanesNode.run({ spectra: series }, defaultParams(normalizeXanesNode.params), fakeContext(sharedOperando));
    const v = out.spectra as SpectraValue;
    for (let f = 0; f < v.frames; f++) {
      const row = v.y.subarray(f * v.points, (f + 1) * v.points);
      const mean = (lo: number, hi: number) => {
        let s = 0;
        let k = 0;
        for (let i = 0; i < v.points; i++)
          if (v.x[i] >= lo && v.x[i] <= hi) {
            s += row[i];
            k++;
          }
        return s / k;
      };
      expect(Math.abs(mean(8150, 8300))).toBeLessThan(0.02);
      expect(Math.abs(mean(8500, 9400) - 1)).toBeLessThan(0.05);
    }
  });
});
