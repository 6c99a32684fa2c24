// Chaining kernels on GPU-resident handles (no read-back in between), the buffer pool, dispose.
import { describe, expect, it } from 'vitest';
import { createWebGpuBackend } from '../../src/compute/webgpuBackend';
import { createCpuBackend } from '../../src/compute/cpuBackend';
import type { ComputeBackend } from '../../src/compute/computeBackend';
import { gpu, maxAbsDiff, randomF32 } from './gpuTestSetup';

/** Gaussian → FFT → cross-power with a shifted copy → inverse FFT: the phase-correlation surface. */
async function correlate(b: ComputeBackend, ref: Float32Array, mov: Float32Array, w: number, h: number): Promise<Float32Array> {
  const sa = await b.gaussianFilter2d(ref, w, h, { sigma: 1 });
  const sb = await b.gaussianFilter2d(mov, w, h, { sigma: 1 });
  const fa = await b.fft2d(sa, h, w);
  const fb = await b.fft2d(sb, h, w);
  const r = await b.crossPowerSpectrum(fa, fb);
  const c = await b.fft2d(r, h, w, { inverse: true });
  for (const x of [sa, sb, fa, fb, r]) x.dispose();
  const out = await b.read(c);
  c.dispose();
  return out;
}

describe.skipIf(!gpu)('GPU-resident chains, pool and dispose', () => {
  it('a phase-correlation chain agrees with the CPU and finds the shift', async () => {
    const g = await createWebGpuBackend({ gpu: gpu! });
    const cpu = createCpuBackend();
    const w = 61;
    const h = 47;
    const ref = randomF32(w * h, 1, 100);
    // moving = ref shifted by (dy, dx) = (5, −3), circularly.
    const mov = new Float32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) mov[((y + 5) % h) * w + ((x - 3 + w) % w)] = ref[y * w + x];
    const live = g.pool.live;
    const got = await correlate(g, ref, mov, w, h);
    const want = await correlate(cpu, ref, mov, w, h);
    expect(g.pool.live).toBe(live); // every temporary and handle went back to the pool
    expect(g.pool.pooledBytes).toBeGreaterThan(0);
    // Unit-magnitude spectrum, inverse FFT divides by n: values ≤ 1, float32 error ≲ 1e-6.
    expect(maxAbsDiff(got, want)).toBeLessThan(2e-6);
    let best = 0;
    for (let i = 1; i < w * h; i++) if (Math.hypot(got[2 * i], got[2 * i + 1]) > Math.hypot(got[2 * best], got[2 * best + 1])) best = i;
    // Peak at −shift (mod size): row h − 5, column 3.
    expect([Math.floor(best / w), best % w]).toEqual([h - 5, 3]);
    g.dispose();
  });

  it('a second run reuses pooled buffers; handles refuse use after dispose and foreign backends', async () => {
    const g = await createWebGpuBackend({ gpu: gpu! });
    const other = await createWebGpuBackend({ gpu: gpu! });
    const x = randomF32(64 * 64, 2);
    const a = await g.gaussianFilter2d(x, 64, 64, { sigma: 2 });
    a.dispose();
    const pooled = g.pool.pooledBytes;
    const b = await g.gaussianFilter2d(x, 64, 64, { sigma: 2 });
    expect(g.pool.pooledBytes).toBeLessThan(pooled); // took a pooled buffer instead of a new one
    await expect(other.read(b)).rejects.toThrow(/another backend/);
    b.dispose();
    b.dispose(); // twice is harmless
    await expect(g.read(b)).rejects.toThrow(/disposed/);
    // Arrays over the binding limit stay on the host, uncopied.
    const small = await createWebGpuBackend({ gpu: gpu!, maxBindingBytes: 1024 });
    const big = randomF32(1000, 3);
    expect(await small.read(await small.upload(big))).toBe(big);
    small.dispose();
    other.dispose();
    g.dispose();
    await expect(g.gaussianFilter2d(x, 64, 64, { sigma: 2 })).rejects.toThrow(/lost or disposed/);
  });
});
