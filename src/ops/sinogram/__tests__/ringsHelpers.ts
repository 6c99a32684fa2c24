/** Test helpers for the ring / stripe removal tests (not a test file itself). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, fixtureF32 } from '../../image/__tests__/helpers';
import { readTiff } from '../../io/tiff/readTiff';

export const RINGS = join(ROOT, 'test', 'fixtures', 'rings');

export interface RingsMeta {
  crop: { y0: number; x0: number; h: number; w: number };
  files: Record<string, string>;
  polar: { n: number };
  dwt2: { h: number; w: number; cA: number[]; cH: number[]; cV: number[]; cD: number[]; shape: [number, number] };
  filters: Record<string, number[]>;
  counts: { full_before: number; full_after: Record<string, number> };
}

export const meta = JSON.parse(readFileSync(join(RINGS, 'rings.json'), 'utf8')) as RingsMeta;

/** A little-endian float32 reference file of test/fixtures/rings. */
export function ringsF32(name: string): Float32Array {
  return fixtureF32(join('..', 'rings', name));
}

/** The real sarepy sinogram (459 angles × 503 detector columns, uint16) as float64. */
export function sinogram(): { data: Float64Array; width: number; height: number } {
  const t = readTiff(new Uint8Array(readFileSync(join(RINGS, 'sinogram_360_neutron_image.tif'))), 'sino');
  return { data: Float64Array.from(t.data), width: t.width, height: t.height };
}

/** The crop of the sinogram the Python references were computed on. */
export function sinogramCrop(): { data: Float64Array; width: number; height: number } {
  const s = sinogram();
  const { y0, x0, h, w } = meta.crop;
  const data = new Float64Array(h * w);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = s.data[(y0 + y) * s.width + x0 + x];
  return { data, width: w, height: h };
}

/** Largest |a − b| relative to the largest |b|. */
export function relMaxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let m = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
    s = Math.max(s, Math.abs(b[i]));
  }
  return m / s;
}
