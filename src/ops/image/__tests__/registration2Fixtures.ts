/** Fixture readers of test/fixtures/registration2 (not a test file itself). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureBytes, ROOT } from './helpers';
import { readTiff } from '../../io/tiff/readTiff';

const DIR = join(ROOT, 'test', 'fixtures', 'registration2');

export function reg2Json<T>(name: string): T {
  return JSON.parse(readFileSync(join(DIR, name), 'utf8')) as T;
}

export function reg2F32(name: string): Float32Array {
  const b = readFileSync(join(DIR, name));
  const out = new Float32Array(b.byteLength / 4);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = dv.getFloat32(4 * i, true);
  return out;
}

/** The real NMC nano-CT slice (test/fixtures/image/nmc_1.tif), float32 499×601. */
export const nmcSlice = readTiff(fixtureBytes('nmc_1.tif'), 'nmc_1.tif');

/** A float64 copy of rows y0..y0+h, columns x0..x0+w of the real slice. */
export function nmcCrop(y0: number, x0: number, h: number, w: number): Float64Array {
  const out = new Float64Array(h * w);
  const W = nmcSlice.width;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = nmcSlice.data[(y0 + y) * W + x0 + x];
  return out;
}

/** The numeric column `name` of a table value (throws when absent or textual). */
export function numericColumn(t: { columns: ({ name: string } & ({ data: Float64Array } | { text: string[] }))[] }, name: string): Float64Array {
  const c = t.columns.find((k) => k.name === name);
  if (!c || !('data' in c)) throw new Error(`no numeric column ${name}`);
  return c.data;
}
