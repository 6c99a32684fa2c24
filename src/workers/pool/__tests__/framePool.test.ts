import { afterAll, describe, expect, it } from 'vitest';
import type { DenoiseFrameOptions } from '../../../ops/image/denoiseFrame';
import { FramePool } from '../framePool';
import { mapFrames } from '../mapFrames';
import { spawnNodePoolThread } from '../nodePoolThread';

// Two worker_threads + the calling thread: three lanes, whatever the machine's core count.
const pool = new FramePool(spawnNodePoolThread, 2);
afterAll(() => pool.dispose());

const W = 61;
const H = 47;
const PLANE = W * H;

/** A stack in a SharedArrayBuffer with deterministic pseudo-random pixels. */
function sharedStack(frames: number, seed = 1): Float32Array {
  const a = new Float32Array(new SharedArrayBuffer(frames * PLANE * 4));
  let s = seed;
  for (let i = 0; i < a.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    a[i] = (s >>> 8) / 2 ** 24 + (i % W) / W;
  }
  return a;
}
const sharedOut = (n: number) => new Float32Array(new SharedArrayBuffer(n * 4));

const denoise = (method: string, over: Partial<DenoiseFrameOptions> = {}): DenoiseFrameOptions => ({
  method,
  sigma: 1.5,
  size: 3,
  sigmaSpatial: 1,
  sigmaColor: null,
  h: null,
  noiseSigma: 0,
  patchSize: 5,
  patchDistance: 4,
  weight: null,
  ...over,
});

describe('FramePool over worker_threads', () => {
  it('gives bit-identical results to the one-thread path (denoise, shift), with progress to the end', async () => {
    const input = sharedStack(9);
    for (const p of [denoise('gaussian'), denoise('tv'), denoise('median', { size: 5 })]) {
      const pooled = sharedOut(input.length);
      const single = new Float32Array(input.length);
      const seen: number[] = [];
      await pool.map('denoise.frame', p, input, pooled, W, H, { onFrame: (d) => void seen.push(d) });
      await mapFrames('denoise.frame', p, input, single, W, H, { pool: null });
      expect(Buffer.from(pooled.buffer).equals(Buffer.from(single.buffer))).toBe(true);
      expect(Math.max(...seen)).toBe(9);
    }
    const shifts = { interpolation: 'bicubic' as const, fill: 0, dy: [0, 1.5, -2.25, 0.5, 3, -1, 0.125, 2, -3.5], dx: [0, -0.5, 1, 2.75, -1, 0, 4, -2, 1] };
    const pooled = sharedOut(input.length);
    const single = new Float32Array(input.length);
    await pool.map('register.shiftFrame', shifts, input, pooled, W, H);
    await mapFrames('register.shiftFrame', shifts, input, single, W, H, { pool: null });
    expect(Buffer.from(pooled.buffer).equals(Buffer.from(single.buffer))).toBe(true);
    // Frames really moved by their own shifts (frame 0 unshifted, frame 1 not).
    expect(pooled.subarray(0, PLANE)).toEqual(input.subarray(0, PLANE));
    expect(pooled.subarray(PLANE, 2 * PLANE)).not.toEqual(input.subarray(PLANE, 2 * PLANE));
  }, 60_000);

  it('reads integer stacks in place (u16 views of a SharedArrayBuffer)', async () => {
    const f32 = sharedStack(4, 7);
    const u16 = new Uint16Array(new SharedArrayBuffer(f32.length * 2));
    for (let i = 0; i < f32.length; i++) u16[i] = Math.round(f32[i] * 1000);
    const pooled = sharedOut(u16.length);
    const single = new Float32Array(u16.length);
    await pool.map('denoise.frame', denoise('gaussian'), u16, pooled, W, H);
    await mapFrames('denoise.frame', denoise('gaussian'), u16, single, W, H, { pool: null });
    expect(Buffer.from(pooled.buffer).equals(Buffer.from(single.buffer))).toBe(true);
  }, 60_000);

  it('reports the failing frame by index and class', async () => {
    const input = sharedStack(8);
    input[5 * PLANE + 3 * W + 2] = Number.NaN;
    const run = pool.map('denoise.frame', denoise('gaussian'), input, sharedOut(input.length), W, H);
    await expect(run).rejects.toThrow(RangeError);
    await expect(run).rejects.toThrow(/^frame 5: gaussianFilter: data has a non-finite value \(NaN\) at row 3, column 2/);
    // The one-thread path says the same.
    await expect(mapFrames('denoise.frame', denoise('gaussian'), input, new Float32Array(input.length), W, H, { pool: null })).rejects.toThrow(
      /^frame 5: gaussianFilter: data has a non-finite value/,
    );
  }, 60_000);

  it('cancel stops every lane: the promise rejects and no frame is written afterwards', async () => {
    const frames = 40;
    const input = sharedStack(frames);
    const out = sharedOut(input.length);
    const ac = new AbortController();
    const slow = denoise('nl-means', { patchSize: 7, patchDistance: 9 });
    const run = pool.map('denoise.frame', slow, input, out, W, H, { signal: ac.signal, onFrame: () => ac.abort() });
    await expect(run).rejects.toThrow(/abort/i);
    const written = () => {
      let n = 0;
      for (let f = 0; f < frames; f++) if (out[f * PLANE + PLANE / 2 | 0] !== 0) n++;
      return n;
    };
    const atReject = written();
    expect(atReject).toBeGreaterThan(0);
    expect(atReject).toBeLessThan(frames);
    await new Promise((r) => setTimeout(r, 300));
    expect(written()).toBe(atReject);
    // The pool is usable again after a cancel.
    const again = sharedOut(input.length);
    await pool.map('denoise.frame', denoise('gaussian'), input.subarray(0, 3 * PLANE), again.subarray(0, 3 * PLANE), W, H);
    expect(again[PLANE + 5]).not.toBe(0);
  }, 60_000);

  it('refuses arrays that are not shared and falls back to one thread in mapFrames', async () => {
    const plain = Float32Array.from(sharedStack(3));
    await expect(pool.map('denoise.frame', denoise('gaussian'), plain, sharedOut(plain.length), W, H)).rejects.toThrow(/SharedArrayBuffers/);
    const out = new Float32Array(plain.length);
    await mapFrames('denoise.frame', denoise('gaussian'), plain, out, W, H, { pool });
    const ref = new Float32Array(plain.length);
    await mapFrames('denoise.frame', denoise('gaussian'), plain, ref, W, H, { pool: null });
    expect(out).toEqual(ref);
  }, 60_000);
});
