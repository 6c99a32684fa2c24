/** Test helpers of the quality ops (not a test file itself): fixtures in test/fixtures/quality. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, fixtureBytes, lcg } from '../../image/__tests__/helpers';
import { readTiff } from '../../io/tiff/readTiff';

export const QUALITY_FIXTURES = join(ROOT, 'test', 'fixtures', 'quality');

export interface FeatureRef {
  noiseImmerkaer: number;
  noiseWavelet: number;
  laplacianVariance: number;
  mean: number;
  rmsContrast: number;
  michelson: number;
  brisque: number[];
  lo: number;
  hi: number;
  h: number;
  w: number;
}
export interface QualityFx {
  images: { nmc_crop: FeatureRef & { y0: number; x0: number }; lcg_29x37: FeatureRef & { seed: number } };
  fits: { kind: 'ggd' | 'aggd'; file: string; alpha: number; sigma2?: number; sigmaL2?: number; sigmaR2?: number; fit: number[] }[];
}

export const qualityFx = JSON.parse(readFileSync(join(QUALITY_FIXTURES, 'features.json'), 'utf8')) as QualityFx;

/** Little-endian float64 samples written by scripts/fixtures/quality_features.py. */
export function fixtureF64(name: string): Float64Array {
  const b = readFileSync(join(QUALITY_FIXTURES, name));
  const out = new Float64Array(b.byteLength / 8);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = dv.getFloat64(8 * i, true);
  return out;
}

/** The real NMC nano-CT slice (test/fixtures/image/nmc_1.tif) as float32. */
export function nmcSlice(): { data: Float32Array; width: number; height: number } {
  const img = readTiff(fixtureBytes('nmc_1.tif'), 'nmc_1.tif');
  return { data: Float32Array.from(img.data), width: img.width, height: img.height };
}

/** A window of an image (row-major copy). */
export function cropOf(src: ArrayLike<number>, srcWidth: number, y0: number, x0: number, h: number, w: number): Float64Array {
  const out = new Float64Array(h * w);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = src[(y0 + y) * srcWidth + x0 + x];
  return out;
}

/** The two fixture inputs: the NMC crop and the LCG image (×1000 + 2000). */
export function fixtureImages(): { name: string; data: Float64Array; ref: FeatureRef }[] {
  const s = nmcSlice();
  const c = qualityFx.images.nmc_crop;
  const l = qualityFx.images.lcg_29x37;
  return [
    { name: 'NMC crop 96×128', data: cropOf(s.data, s.width, c.y0, c.x0, c.h, c.w), ref: c },
    { name: 'LCG 29×37', data: lcg(l.h * l.w, l.seed).map((v) => v * 1000 + 2000), ref: l },
  ];
}
