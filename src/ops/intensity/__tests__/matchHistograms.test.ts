import { describe, expect, it } from 'vitest';
import { matchHistograms } from '../matchHistograms';
import { cumulativeHistogram } from '../cumulativeHistogram';
import { readTiff } from '../../io/tiff/readTiff';
import { fixtureBytes, lcg, maxAbsDiff } from '../../image/__tests__/helpers';
import { intensityF32, intensityF64, intensityJson } from './intensityFixtures';

interface Crop {
  y0: number;
  x0: number;
  h: number;
  w: number;
}
interface Fx {
  cases: { name: string; source?: Crop; template?: Crop; out: string }[];
}
const fx = intensityJson<Fx>('histmatch.json');

function nmcCrop(c: Crop): Float32Array {
  const img = readTiff(fixtureBytes('nmc_1.tif'), 'nmc_1.tif');
  const out = new Float32Array(c.h * c.w);
  for (let y = 0; y < c.h; y++) out.set(img.data.subarray((c.y0 + y) * img.width + c.x0, (c.y0 + y) * img.width + c.x0 + c.w), y * c.w);
  return out;
}

describe('matchHistograms against skimage.exposure.match_histograms on real crops', () => {
  it('NMC nano-CT crop onto another region of the slice (float32)', () => {
    const c = fx.cases[0];
    const got = matchHistograms(nmcCrop(c.source!), nmcCrop(c.template!));
    expect(maxAbsDiff(got, intensityF32(c.out))).toBe(0);
  });

  it('tooth projection 0 onto projection 8 (float32), through a precomputed reference CDF', () => {
    const proj = intensityF32('tooth_proj.f32');
    const plane = 2 * 160;
    const referenceCdf = cumulativeHistogram(proj.subarray(8 * plane, 9 * plane));
    const got = matchHistograms(proj.subarray(0, plane), null, { referenceCdf });
    expect(maxAbsDiff(got, intensityF32(fx.cases[1].out))).toBe(0);
  });

  it('uint8 camera crop onto a smaller crop of another size (float64 out)', () => {
    const cam = fixtureBytes('camera_crop_128.u8');
    const rect = fixtureBytes('camera_rect_77x91.u8');
    const got = matchHistograms(cam, rect, { out: new Float64Array(cam.length) });
    expect(maxAbsDiff(got, intensityF64(fx.cases[2].out))).toBeLessThan(1e-12);
  });
});

describe('properties', () => {
  it('matching to itself is the identity; matching to a shifted, scaled copy recovers the copy', () => {
    const x = Float32Array.from(lcg(500, 7));
    expect(maxAbsDiff(matchHistograms(x, x), x)).toBe(0);
    const y = x.map((v) => 3 * v + 10);
    expect(maxAbsDiff(matchHistograms(x, y), y)).toBeLessThan(1e-5);
  });

  it('cumulative histogram of repeated values', () => {
    const h = cumulativeHistogram(new Uint16Array([5, 1, 5, 5, 2]));
    expect(Array.from(h.values)).toEqual([1, 2, 5]);
    expect(Array.from(h.quantiles)).toEqual([0.2, 0.4, 1]);
  });

  it('refuses non-finite values and wrong out sizes', () => {
    expect(() => matchHistograms(new Float32Array([1, NaN]), new Float32Array([1]))).toThrow(/data\[1\] = NaN, expected finite values/);
    expect(() => matchHistograms(new Float32Array(3), new Float32Array(3), { out: new Float32Array(2) })).toThrow(/out has 2 values, expected 3/);
    expect(() => matchHistograms(new Float32Array(3), null)).toThrow(/reference = null/);
  });
});
