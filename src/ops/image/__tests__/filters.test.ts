import { describe, expect, it } from 'vitest';
import { gaussianFilter } from '../gaussianFilter';
import { medianFilter } from '../medianFilter';
import { readTiff } from '../../io/tiff/readTiff';
import { fixtureBytes, fixtureF32, fixtureJson, lcg, maxAbsDiff } from './helpers';

interface Fx {
  crop: { file: string; y0: number; x0: number; h: number; w: number };
  cases: { op: 'gaussian' | 'median'; sigma?: number; size?: number; file: string }[];
  small: { op: 'gaussian' | 'median'; sigma?: number; size?: number; h: number; w: number; seed: number; out: number[] }[];
}
const fx = fixtureJson<Fx>('filters.json');

function crop(): Float32Array {
  const { file, y0, x0, h, w } = fx.crop;
  const img = readTiff(fixtureBytes(file), file);
  const out = new Float32Array(h * w);
  for (let y = 0; y < h; y++) out.set(img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x0 + w), y * w);
  return out;
}

describe('gaussianFilter / medianFilter against skimage / scipy on the real NMC crop', () => {
  const input = crop();
  const { h, w } = fx.crop;
  for (const c of fx.cases) {
    it(`${c.op} ${c.sigma ?? c.size}`, () => {
      const got =
        c.op === 'gaussian'
          ? gaussianFilter(input, w, h, { sigma: c.sigma! })
          : medianFilter(input, w, h, { size: c.size! });
      const ref = fixtureF32(c.file);
      // Median picks an input value: exact. Gaussian: float32 output of float64 sums.
      expect(maxAbsDiff(got, ref)).toBeLessThanOrEqual(c.op === 'median' ? 0 : 2e-6);
    });
  }
});

describe('edge cases (1×N, N×1, windows larger than the image)', () => {
  for (const c of fx.small) {
    it(`${c.op} ${c.sigma ?? c.size} on ${c.h}×${c.w}`, () => {
      const x = Float32Array.from(lcg(c.h * c.w, c.seed));
      // The reference was computed in float64 from the same values; compare against float32 inputs.
      const x64 = lcg(c.h * c.w, c.seed);
      const got =
        c.op === 'gaussian'
          ? gaussianFilter(x64, c.w, c.h, { sigma: c.sigma! })
          : medianFilter(x, c.w, c.h, { size: c.size! });
      expect(maxAbsDiff(got, c.out)).toBeLessThan(1e-7);
    });
  }
});

describe('properties and preconditions', () => {
  it('gaussian preserves a constant image and the mean of a periodic-free ramp interior', () => {
    const c = new Uint16Array(40 * 30).fill(1234);
    expect(maxAbsDiff(gaussianFilter(c, 40, 30, { sigma: 2.5 }), new Float32Array(1200).fill(1234))).toBeLessThan(1e-3);
  });

  it('median removes isolated salt noise exactly', () => {
    const img = new Uint8Array(9 * 9).fill(10);
    img[40] = 255;
    const out = medianFilter(img, 9, 9, { size: 3 });
    expect(Array.from(out).every((v) => v === 10)).toBe(true);
  });

  it('writes into out when given', () => {
    const out = new Float32Array(12);
    const r = gaussianFilter(new Float32Array(12).fill(1), 4, 3, { sigma: 1, out });
    expect(r).toBe(out);
  });

  it('rejects bad parameters naming them', () => {
    const img = new Float32Array(12);
    expect(() => gaussianFilter(img, 4, 3, { sigma: 0 })).toThrow(/sigma = 0, expected a finite number > 0/);
    expect(() => medianFilter(img, 4, 3, { size: 4 })).toThrow(/size = 4, expected an odd integer ≥ 3/);
    expect(() => medianFilter(img, 5, 3, { size: 3 })).toThrow(/data has 12 values, expected width·height = 5·3 = 15/);
    const nan = new Float32Array(12);
    nan[5] = NaN;
    expect(() => gaussianFilter(nan, 4, 3, { sigma: 1 })).toThrow(/non-finite value \(NaN\) at row 1, column 1/);
    expect(() => gaussianFilter(img, 4, 3, { sigma: 1, out: new Float32Array(3) })).toThrow(/out has 3 values, expected 12/);
  });
});
