import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../../runtime/params';
import { NodeInputError } from '../../../runtime/nodeDefinition';
import { emptyMeta, type SpectraValue, type SpectrumValue } from '../../../runtime/values';
import { testContext } from '../../io/__tests__/imageNodeContext';
import { denoiseSpectraNode } from '../denoiseSpectra';

interface Case { signal: string; wavelet: string; method: string; sigma: number | null; out: number[] }
const fx = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../test/fixtures/denoise/wavelet.json'), 'utf8')) as {
  signals: Record<string, number[]>;
  cases: Case[];
};
const find = (wavelet: string, method: string, sigma: number | null) =>
  fx.cases.find((c) => c.signal === 'cu_noisy' && c.wavelet === wavelet && c.method === method && c.sigma === sigma)!;
const defaults = defaultParams(denoiseSpectraNode.params);
const y = fx.signals.cu_noisy;
const n = y.length;

function close(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('clean.denoise-spectra', () => {
  it('denoises every frame of a series like skimage denoise_wavelet, progress per frame', async () => {
    const v: SpectraValue = {
      kind: 'spectra',
      x: Float64Array.from({ length: n }, (_, i) => 8900 + i),
      y: Float64Array.from([...y, ...y]),
      frames: 2,
      points: n,
      time: Float64Array.from([0, 60]),
      frameLabels: ['a', 'b'],
      xAxis: { name: 'energy', unit: 'eV' },
      yAxis: { name: 'mu', unit: '' },
      meta: emptyMeta(),
    };
    const ctx = testContext();
    const out = (await denoiseSpectraNode.run({ spectra: v }, { ...defaults, wavelet: 'sym8', method: 'VisuShrink' }, ctx)).spectra as SpectraValue;
    const ref = find('sym8', 'VisuShrink', null).out;
    expect(close(out.y.subarray(0, n), ref)).toBeLessThan(1e-12);
    expect(close(out.y.subarray(n), ref)).toBeLessThan(1e-12);
    expect([out.frames, out.points, out.frameLabels, out.x[0]]).toEqual([2, n, ['a', 'b'], 8900]);
    expect(ctx.progressCalls.filter((p) => p > 0)).toEqual([0.5, 1]);
  });

  it('a spectrum stays a spectrum; default db4 BayesShrink; explicit σ passed through', async () => {
    const v: SpectrumValue = {
      kind: 'spectrum',
      x: Float64Array.from({ length: n }, (_, i) => i),
      y: Float64Array.from(y),
      xAxis: { name: 'energy', unit: 'eV' },
      yAxis: { name: 'mu', unit: '' },
      meta: emptyMeta(),
    };
    const a = (await denoiseSpectraNode.run({ spectra: v }, defaults, testContext())).spectra as SpectrumValue;
    expect(a.kind).toBe('spectrum');
    expect(close(a.y, find('db4', 'BayesShrink', null).out)).toBeLessThan(1e-12);
    const b = (await denoiseSpectraNode.run({ spectra: v }, { ...defaults, sigma: 0.05 }, testContext())).spectra as SpectrumValue;
    expect(close(b.y, find('db4', 'BayesShrink', 0.05).out)).toBeLessThan(1e-12);
  });

  it('NaN values are refused with their index', async () => {
    const v: SpectrumValue = {
      kind: 'spectrum',
      x: Float64Array.from([0, 1, 2, 3]),
      y: Float64Array.from([1, 2, NaN, 3]),
      xAxis: { name: 'e', unit: '' },
      yAxis: { name: 'mu', unit: '' },
      meta: emptyMeta(),
    };
    await expect(denoiseSpectraNode.run({ spectra: v }, defaults, testContext())).rejects.toThrow(NodeInputError);
    await expect(denoiseSpectraNode.run({ spectra: v }, defaults, testContext())).rejects.toThrow(/non-finite value \(NaN\) at index 2/);
  });
});
