/** Test helpers shared by the image/stack/fft/tiff tests (not a test file itself). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
/** Repository root. */
export const ROOT = join(here, '..', '..', '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'image');
/** Shared real data (read-only, outside the repository). */
export const SHARED_DATA = join(ROOT, '..', 'shared', 'data');

/** Same generator as `lcg` in scripts/fixtures/image_common.py: values in [−0.5, 0.5). */
export function lcg(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(1664525, s) + 1013904223) >>> 0;
    out[i] = s / 4294967296 - 0.5;
  }
  return out;
}

export function fixtureJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

export function fixtureF32(name: string): Float32Array {
  const b = readFileSync(join(FIXTURES, name));
  const out = new Float32Array(b.byteLength / 4);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = dv.getFloat32(4 * i, true);
  return out;
}

export function fixtureBytes(name: string): Uint8Array {
  const b = readFileSync(join(FIXTURES, name));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Largest |a − b| over two arrays of equal length (throws on length mismatch). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}
