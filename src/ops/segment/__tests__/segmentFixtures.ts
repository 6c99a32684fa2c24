/** Fixture access for the segmentation tests (not a test file itself). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, fixtureBytes } from '../../image/__tests__/helpers';
import { readTiff } from '../../io/tiff/readTiff';

export const SEGMENT_FIXTURES = join(ROOT, 'test', 'fixtures', 'segment');

export function segmentJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(SEGMENT_FIXTURES, name), 'utf8')) as T;
}

export function segmentBytes(name: string): Uint8Array {
  const b = readFileSync(join(SEGMENT_FIXTURES, name));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

export function segmentF32(name: string): Float32Array {
  const b = segmentBytes(name);
  const out = new Float32Array(b.byteLength / 4);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = dv.getFloat32(4 * i, true);
  return out;
}

/** The real NMC slice (f32) and its 3-class labels (u8), 601 × 499. */
export const nmcSlice = readTiff(fixtureBytes('nmc_1.tif'), 'nmc_1.tif');
export const nmcLabels = readTiff(fixtureBytes('nmc_1_label.tif'), 'nmc_1_label.tif');

/** Rows y0..y0+h, columns x0..x0+w of a row-major image. */
export function crop<T extends Float32Array | Uint8Array | Uint16Array>(data: T, width: number, y0: number, x0: number, h: number, w: number): T {
  const out = new (data.constructor as new (n: number) => T)(h * w);
  for (let y = 0; y < h; y++) out.set(data.subarray((y0 + y) * width + x0, (y0 + y) * width + x0 + w), y * w);
  return out;
}
