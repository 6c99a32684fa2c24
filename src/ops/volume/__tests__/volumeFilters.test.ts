import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gaussianFilter3d } from '../gaussianFilter3d';
import { medianFilter3d } from '../medianFilter3d';
import { medianFilter } from '../../image/medianFilter';
import { readTiff } from '../../io/tiff/readTiff';
import { fixtureBytes, lcg, maxAbsDiff, ROOT } from '../../image/__tests__/helpers';

/** Reference values of scripts/fixtures/denoise_volume.py (scipy.ndimage, 3-D). */
interface Fx {
  volume: { frames: number; y0: number; dy: number; x0: number; h: number; w: number };
  cases: { op: 'median' | 'gaussian'; arg: number; file: string }[];
  small: { op: 'median' | 'gaussian'; arg: number; f: number; h: number; w: number; seed: number; out: number[] }[];
}
const DIR = join(ROOT, 'test', 'fixtures', 'denoise');
const fx = JSON.parse(readFileSync(join(DIR, 'volume.json'), 'utf8')) as Fx;

function f32(name: string): Float32Array {
  const b = readFileSync(join(DIR, name));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

function volume(): Float32Array {
  const { frames, y0, dy, x0, h, w } = fx.volume;
  const img = readTiff(fixtureBytes('nmc_1.tif'), 'nmc_1.tif');
  const out = new Float32Array(frames * h * w);
  for (let f = 0; f < frames; f++) {
    for (let y = 0; y < h; y++) {
      const src = (y0 + dy * f + y) * img.width + x0;
      out.set(img.data.subarray(src, src + w), (f * h + y) * w);
    }
  }
  return out;
}

describe('3-D median / Gaussian against scipy.ndimage on a 5×40×48 volume of real NMC crops', () => {
  const v = volume();
  const { frames, h, w } = fx.volume;
  for (const c of fx.cases) {
    it(`${c.op} ${c.arg}`, () => {
      const got = c.op === 'median' ? medianFilter3d(v, w, h, frames, { size: c.arg }) : gaussianFilter3d(v, w, h, frames, { sigma: c.arg });
      // Median picks an input value: exact. Gaussian: float32 of float64 sums (values ≤ 3).
      expect(maxAbsDiff(got, f32(c.file))).toBeLessThanOrEqual(c.op === 'median' ? 0 : 1e-6);
      expect(maxAbsDiff(got, v)).toBeGreaterThan(0.05);
    });
  }
  it('differs from filtering each frame alone (the frame axis is used)', () => {
    const got = medianFilter3d(v, w, h, frames);
    const perFrame = new Float32Array(v.length);
    for (let f = 0; f < frames; f++) medianFilter(v.subarray(f * w * h, (f + 1) * w * h), w, h, { size: 3, out: perFrame.subarray(f * w * h, (f + 1) * w * h) });
    expect(maxAbsDiff(got, perFrame)).toBeGreaterThan(0.05);
  });
});

describe('3-D filters on small volumes (5×1×1, 1×2×3, 3×1×4, 2×4×3)', () => {
  for (const c of fx.small) {
    it(`${c.op} on ${c.f}×${c.h}×${c.w}`, () => {
      const x = lcg(c.f * c.h * c.w, c.seed);
      const got = c.op === 'median' ? medianFilter3d(x, c.w, c.h, c.f, { size: c.arg }) : gaussianFilter3d(x, c.w, c.h, c.f, { sigma: c.arg });
      expect(maxAbsDiff(got, c.out)).toBeLessThan(1e-7);
    });
  }
});

describe('preconditions', () => {
  it('rejects bad sizes and parameters naming them', () => {
    const x = new Float32Array(24);
    expect(() => medianFilter3d(x, 4, 3, 3)).toThrow(/data has 24 values, expected frames·height·width = 3·3·4 = 36/);
    expect(() => medianFilter3d(x, 4, 3, 2, { size: 2 })).toThrow(/size = 2, expected an odd integer ≥ 3/);
    expect(() => gaussianFilter3d(x, 4, 3, 2, { sigma: -1 })).toThrow(/sigma = -1, expected a finite number > 0/);
    x[13] = NaN;
    expect(() => gaussianFilter3d(x, 4, 3, 2, { sigma: 1 })).toThrow(/frame 1\): data has a non-finite value \(NaN\) at row 0, column 1/);
  });
});
