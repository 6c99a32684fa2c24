/** Test helpers for the intensity and background tests (not a test file itself). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../image/__tests__/helpers';

export const INTENSITY_FIXTURES = join(ROOT, 'test', 'fixtures', 'intensity');

function bytes(name: string): ArrayBuffer {
  const b = readFileSync(join(INTENSITY_FIXTURES, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

/** Little-endian float32 file of test/fixtures/intensity (the test machines are little-endian). */
export const intensityF32 = (name: string): Float32Array => new Float32Array(bytes(name));
export const intensityF64 = (name: string): Float64Array => new Float64Array(bytes(name));
export const intensityJson = <T>(name: string): T => JSON.parse(readFileSync(join(INTENSITY_FIXTURES, name), 'utf8')) as T;

/** Largest |a − b| / max(|b|, floor). */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}

/** The two whitespace-separated columns of an .xy pattern (2θ in degrees, counts). */
export function readXy(file: string): { x: Float64Array; y: Float64Array } {
  const rows = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const x = new Float64Array(rows.length);
  const y = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    const [a, b] = r.trim().split(/\s+/);
    x[i] = Number(a);
    y[i] = Number(b);
  });
  return { x, y };
}

/** The LiMn2O4 lab XRD pattern copied into the fixtures. */
export const limn2o4 = () => readXy(join(INTENSITY_FIXTURES, 'LiMn2O4.xy'));
