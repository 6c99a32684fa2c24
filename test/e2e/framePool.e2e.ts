// The frame pool's browser thread as Vite builds it (a module worker, framePool.worker.ts) in
// Chromium on a cross-origin isolated page: it reads and writes a stack in SharedArrayBuffers in
// place, runs the real Gaussian op per frame, and takes every frame of the shared counter.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, useStudio } from './harness';

const studio = useStudio();

describe('frame pool in Chromium', () => {
  it('a built pool worker filters shared frames in place (impulse → sampled Gaussian)', async () => {
    await studio.page.goto(studio.url);
    const script = readdirSync(join(ROOT, 'dist', 'assets')).find((f) => /^framePool\.worker-.*\.js$/.test(f));
    expect(script, 'dist/assets/framePool.worker-*.js (vite build)').toBeTruthy();
    const r = await studio.page.evaluate(async (src) => {
      const W = 21;
      const H = 21;
      const F = 3;
      const plane = W * H;
      const input = new Float32Array(new SharedArrayBuffer(F * plane * 4));
      // Frame f: an impulse of height f + 1 at the centre.
      for (let f = 0; f < F; f++) input[f * plane + 10 * W + 10] = f + 1;
      const output = new Float32Array(new SharedArrayBuffer(F * plane * 4));
      const control = new SharedArrayBuffer(3 * 4);
      const worker = new Worker(src, { type: 'module' });
      const params = { method: 'gaussian', sigma: 1.5, size: 3, sigmaSpatial: 1, sigmaColor: null, h: null, noiseSigma: 0, patchSize: 7, patchDistance: 11, weight: null };
      const done = await new Promise<unknown>((resolve) => {
        worker.onmessage = (e) => {
          if (e.data.type === 'done') resolve(e.data);
        };
        worker.onerror = (e) => resolve({ error: e.message });
        const view = (a: Float32Array) => ({ buffer: a.buffer, byteOffset: 0, length: a.length, dtype: 'f32' });
        worker.postMessage({ type: 'run', taskId: 1, kernel: 'denoise.frame', params, input: view(input), output: view(output), width: W, height: H, frames: F, control });
      });
      worker.terminate();
      // Reference: the separable sampled Gaussian (radius floor(4σ + 0.5) = 6), outer product.
      const g: number[] = [];
      let s = 0;
      for (let k = -6; k <= 6; k++) {
        g.push(Math.exp(-0.5 * (k / 1.5) ** 2));
        s += g[g.length - 1];
      }
      let worst = 0;
      for (let f = 0; f < F; f++) {
        for (let y = 0; y < H; y++) {
          for (let x = 0; x < W; x++) {
            const dy = y - 10;
            const dx = x - 10;
            const ref = Math.abs(dy) <= 6 && Math.abs(dx) <= 6 ? ((f + 1) * g[dy + 6] * g[dx + 6]) / (s * s) : 0;
            worst = Math.max(worst, Math.abs(output[f * plane + y * W + x] - ref));
          }
        }
      }
      const ctrl = new Int32Array(control);
      return { isolated: crossOriginIsolated, done, framesDone: ctrl[1], worst, centre: output[10 * W + 10] };
    }, `/assets/${script}`);
    expect(r.isolated).toBe(true);
    expect(r.done).toEqual({ type: 'done', taskId: 1, failure: null });
    expect(r.framesDone).toBe(3);
    expect(r.centre).toBeGreaterThan(0.05);
    expect(r.worst).toBeLessThan(1e-7);
    expect(studio.errors).toEqual([]);
  }, 60_000);
});
