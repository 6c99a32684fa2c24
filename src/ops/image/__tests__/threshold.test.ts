import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thresholdOtsu } from '../thresholdOtsu';
import { thresholdMultiOtsu } from '../thresholdMultiOtsu';
import { digitize } from '../digitize';
import { intensityHistogram, type HistogramInput } from '../intensityHistogram';
import { readTiff } from '../../io/tiff/readTiff';
import { SHARED_DATA, fixtureBytes, fixtureJson, lcg } from './helpers';

interface Case { input: string; dtype: string; method: 'otsu' | 'multiotsu'; classes: number; thresholds: number[]; counts: number[] }
const fx = fixtureJson<{ cases: Case[] }>('threshold.json');

const inputs: Record<string, () => HistogramInput> = {
  nmc_1: () => readTiff(fixtureBytes('nmc_1.tif'), 'nmc_1.tif').data,
  camera_crop: () => fixtureBytes('camera_crop_128.u8'),
  sinogram: () => readTiff(new Uint8Array(readFileSync(join(SHARED_DATA, 'ct/sarepy/sinogram_360_neutron_image.tif'))), 's').data,
  lcg_f32: () => Float32Array.from(lcg(5000, 1234)),
  lcg_f64_skewed: () => lcg(3000, 99).map((v) => v * v * v),
};
const cache = new Map<string, HistogramInput>();
const get = (k: string) => {
  if (!cache.has(k)) cache.set(k, inputs[k]());
  return cache.get(k)!;
};

function classCounts(labels: Uint8Array, classes: number): number[] {
  const c = new Array<number>(classes).fill(0);
  for (const l of labels) c[l]++;
  return c;
}

describe('thresholdOtsu / thresholdMultiOtsu against skimage 0.19 (nbins 256)', () => {
  for (const c of fx.cases) {
    it(`${c.method} ${c.classes} classes on ${c.input} (${c.dtype})`, () => {
      const data = get(c.input);
      const th = c.method === 'otsu' ? [thresholdOtsu(data)] : thresholdMultiOtsu(data, { classes: c.classes }).thresholds;
      expect(th).toEqual(c.thresholds);
      expect(classCounts(digitize(data, th), c.classes)).toEqual(c.counts);
    });
  }
});

describe('properties and preconditions', () => {
  it('constant image: Otsu returns its value; multi-Otsu refuses naming the count', () => {
    expect(thresholdOtsu(new Float32Array(10).fill(2.5))).toBe(2.5);
    expect(() => thresholdMultiOtsu(new Uint8Array([1, 1, 2, 2]), { classes: 3 })).toThrow(/only 2 different values; they cannot be split into 3 classes/);
  });

  it('exactly as many values as classes: thresholds at the occupied bins', () => {
    const r = thresholdMultiOtsu(new Uint8Array([5, 5, 9, 200]), { classes: 3 });
    expect(r.thresholds).toEqual([5, 9]);
  });

  it('two well-separated Gaussian-like modes are split between them', () => {
    const a = lcg(2000, 5).map((v, i) => (i % 2 ? 10 : 50) + v);
    const t = thresholdOtsu(a);
    expect(t).toBeGreaterThan(10.5);
    expect(t).toBeLessThan(49.5);
  });

  it('wide integer range (u16 sinogram) is re-binned for multi-Otsu and says so', () => {
    const r = thresholdMultiOtsu(get('sinogram'), { classes: 3 });
    expect(r.thresholds.length).toBe(2);
    expect(r.thresholds[0]).toBeLessThan(r.thresholds[1]);
    expect(r.notes.join()).toMatch(/re-binned into 256 equal bins/);
  });

  it('dynamic programming agrees with exhaustive search where both run', () => {
    // 5 classes over 256 bins is enumerated; 5 classes over 300 bins uses DP. Compare DP against
    // enumeration on a histogram small enough for both by forcing nbins.
    const data = Float32Array.from(lcg(4000, 77).map((v) => Math.sin(9 * v) + v));
    const ex = thresholdMultiOtsu(data, { classes: 4, nbins: 256 });
    const dp = thresholdMultiOtsu(data, { classes: 5, nbins: 512 });
    expect(ex.notes).toEqual([]);
    expect(dp.notes.join()).toMatch(/dynamic programming/);
    expect(dp.thresholds.length).toBe(4);
  });

  it('histogram follows numpy for floats: last bin closed, counts sum to n', () => {
    const h = intensityHistogram(Float64Array.from([0, 0.25, 0.5, 1]), { nbins: 4 });
    expect(Array.from(h.counts)).toEqual([1, 1, 1, 1]);
    expect(Array.from(h.centers)).toEqual([0.125, 0.375, 0.625, 0.875]);
  });

  it('digitize: value equal to a threshold goes up; bad thresholds named', () => {
    expect(Array.from(digitize([0, 1, 1.5, 2, 3], [1, 2]))).toEqual([0, 1, 1, 2, 2]);
    expect(() => digitize([1], [2, 1])).toThrow(/thresholds must increase/);
    expect(() => thresholdMultiOtsu(new Uint8Array(4), { classes: 6 })).toThrow(/classes = 6, expected an integer from 2 to 5/);
    expect(() => thresholdOtsu(Float32Array.from([1, NaN]))).toThrow(/data\[1\] = NaN, expected finite values/);
  });
});
