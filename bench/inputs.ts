/**
 * Benchmark inputs, built the same way by `peer.py`: the real NMC nano-CT slice of the CT example,
 * mirror-tiled (numpy's `pad(mode='symmetric')` indexing) to n × n, and a volume whose slice z is
 * the n-image window shifted by (3z, 5z). Real data, identical on both sides.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTiff } from '../src/ops/io/tiff/readTiff';

export const SLICE = join(import.meta.dirname, '..', 'public', 'examples', 'data', 'segmentpy-nmc', '100.tif');

/** Index into [0, n) of position i on an axis mirror-tiled forever (… c b a | a b c | c b a …). */
function mirror(i: number, n: number): number {
  const k = i % (2 * n);
  return k < n ? k : 2 * n - 1 - k;
}

/** The slice mirror-tiled to `rows × cols`, with an offset (oy, ox) into the tiling. */
function tiled(src: Float32Array, w: number, h: number, rows: number, cols: number, oy: number, ox: number, out: Float32Array): void {
  for (let y = 0; y < rows; y++) {
    const sy = mirror(y + oy, h) * w;
    for (let x = 0; x < cols; x++) out[y * cols + x] = src[sy + mirror(x + ox, w)];
  }
}

function slice(path: string): { data: Float32Array; width: number; height: number } {
  const t = readTiff(new Uint8Array(readFileSync(path)), path);
  return { data: Float32Array.from(t.data), width: t.width, height: t.height };
}

/** `slicePath`: where the slice is (the bundled GPU bench passes it: SLICE is relative to this file). */
export function benchImage(n: number, slicePath = SLICE): Float32Array {
  const s = slice(slicePath);
  const out = new Float32Array(n * n);
  tiled(s.data, s.width, s.height, n, n, 0, 0, out);
  return out;
}

export function benchVolume(n: number, slicePath = SLICE): Float32Array {
  const s = slice(slicePath);
  const out = new Float32Array(n * n * n);
  for (let z = 0; z < n; z++) tiled(s.data, s.width, s.height, n, n, 3 * z, 5 * z, out.subarray(z * n * n, (z + 1) * n * n));
  return out;
}
