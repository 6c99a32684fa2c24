/**
 * The input of the streaming-memory rows: `frames` float32 frames of side² pixels, windows of the
 * mirror-tiled bench image moving by a few pixels per frame (so drift has something to find),
 * written once as an uncompressed TIFF series (encodeTiff: one strip per page, which the TIFF
 * loader reads lazily, frame by frame).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { encodeTiff } from '../src/ops/export/encodeTiff';
import { benchImage } from './inputs';

export function writeMemorySeries(file: string, frames: number, side: number): void {
  const want = frames * side * side * 4;
  if (existsSync(file) && statSync(file).size > want && statSync(file).size < want + 64 * 1024 * frames) return; // written before
  const margin = 32;
  const big = benchImage(side + margin);
  const data = new Float32Array(frames * side * side);
  for (let f = 0; f < frames; f++) {
    const oy = f % margin;
    const ox = (3 * f) % margin;
    for (let y = 0; y < side; y++) {
      const src = (y + oy) * (side + margin) + ox;
      data.set(big.subarray(src, src + side), (f * side + y) * side);
    }
  }
  writeFileSync(file, encodeTiff(data, { width: side, height: side, frames }));
}
