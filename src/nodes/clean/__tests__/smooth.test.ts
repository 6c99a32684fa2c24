import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type SpectraValue, type SpectrumValue } from '../../../runtime/values';
import { fakeContext } from '../../io/__tests__/fakeContext';
import { smoothNode } from '../smooth';

const ref = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../../../test/fixtures/spectra/savgol_reference.json'), 'utf8'),
).cases.find((c: { name: string }) => c.name === 'cu mutrans w11 p3');

describe('clean.smooth', () => {
  it('smooths every frame of a series like scipy savgol_filter', async () => {
    const n = ref.y.length;
    const v: SpectraValue = {
      kind: 'spectra',
      x: Float64Array.from({ length: n }, (_, i) => i),
      y: Float64Array.from([...ref.y, ...ref.y.map((y: number) => 2 * y)]),
      frames: 2,
      points: n,
      time: Float64Array.from([0, 60]),
      frameLabels: ['a', 'b'],
      xAxis: { name: 'energy', unit: 'eV' },
      yAxis: { name: 'mu', unit: '' },
      meta: emptyMeta(),
    };
    const ctx = fakeContext('.');
    const out = (await smoothNode.run({ spectra: v }, defaultParams(smoothNode.params), ctx)).spectra as SpectraValue;
    for (let i = 0; i < n; i++) {
      expect(out.y[i]).toBeCloseTo(ref.out[i], 9);
      expect(out.y[n + i]).toBeCloseTo(2 * ref.out[i], 9);
    }
    expect(ctx.progressCalls.length).toBeGreaterThanOrEqual(2);
  });

  it('derivative uses the uniform x step and refuses uneven x unless delta is given', async () => {
    const x = Float64Array.from({ length: 21 }, (_, i) => 100 + 0.5 * i);
    const v: SpectrumValue = {
      kind: 'spectrum',
      x,
      y: x.map((e) => 3 * e * e),
      xAxis: { name: 'energy', unit: 'eV' },
      yAxis: { name: 'mu', unit: '' },
      meta: emptyMeta(),
    };
    const p = { ...defaultParams(smoothNode.params), window: 7, polyorder: 2, deriv: 1 };
    const d = (await smoothNode.run({ spectra: v }, p, fakeContext('.'))).spectra as SpectrumValue;
    for (let i = 0; i < 21; i++) expect(d.y[i]).toBeCloseTo(6 * x[i], 8);
    const uneven = { ...v, x: x.map((e, i) => e + (i === 5 ? 0.2 : 0)) };
    await expect(smoothNode.run({ spectra: uneven }, p, fakeContext('.'))).rejects.toThrow(/delta: x is not uniformly spaced/);
    await expect(smoothNode.run({ spectra: uneven }, { ...p, delta: 0.5 }, fakeContext('.'))).resolves.toBeDefined();
    await expect(smoothNode.run({ spectra: v }, { ...p, window: 23 }, fakeContext('.'))).rejects.toThrow(/window: expected ≤ the number of points \(21\)/);
  });
});
