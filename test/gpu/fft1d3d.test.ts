// WebGPU batched 1-D and 3-D FFT (Stockham radix-2 + Bluestein, transposes between axes) against
// the CPU backend (src/ops/fft/fft1d.ts, fft3d.ts: numpy conventions).
import { describe, expect, it } from 'vitest';
import { getFftPlan } from '../../src/ops/fft/fftPlanCache';
import { EPS32, gpu, maxAbsDiff, randomF32, sumAbs, useBackends } from './gpuTestSetup';

// 8 KiB bindings (2048 values): the 9 × 11 × 13 volume (2574 complex values) is cut into bands.
const backends = useBackends(8192);
const { cpu } = backends;

function log2Inner(n: number): number {
  const p = getFftPlan(n);
  return p.kind === 'bluestein' ? Math.log2(p.m) : Math.log2(n);
}

/** As test/gpu/fft.test.ts: 4·2⁻²⁴·(Σ log₂ of transformed lengths + 4)·Σ|x|, ÷ N when inverse. */
function fftTol(x: Float32Array, lengths: number[], inverse: boolean): number {
  const bound = 4 * EPS32 * (lengths.reduce((s, n) => s + log2Inner(n), 0) + 4) * sumAbs(x);
  return inverse ? bound / lengths.reduce((a, b) => a * b, 1) : bound;
}

// Powers of two, odd, prime, 1 × 1 × 1, length-1 axes in every position, one tiled case.
const SIZES3: [number, number, number][] = [
  [4, 8, 16],
  [3, 5, 7],
  [1, 1, 1],
  [1, 1, 17],
  [17, 1, 1],
  [1, 13, 1],
  [7, 1, 13],
  [2, 3, 1],
  [9, 11, 13],
];

describe.skipIf(!gpu)('fft3d (WebGPU vs CPU)', () => {
  it('forward and inverse, real and complex input, resident and tiled, on random and edge-case sizes', async () => {
    for (const [d, r, c] of SIZES3) {
      const n = d * r * c;
      const real = randomF32(n, d * 31 + r * 7 + c, 100, 20);
      const complex = randomF32(2 * n, d + r * 5 + c * 11, 100);
      for (const x of [real, complex])
        for (const inverse of [false, true]) {
          const ref = await cpu.read(await cpu.fft3d(x, d, r, c, { inverse }));
          const tol = fftTol(x, [d, r, c], inverse);
          for (const g of [backends.g, backends.tiled]) {
            const h = await g.fft3d(x, d, r, c, { inverse });
            const what = `${d}×${r}×${c} ${x === real ? 'real' : 'complex'} ${inverse ? 'inverse' : 'forward'}${g === backends.tiled ? ' tiled' : ''}`;
            expect(h.length, what).toBe(2 * n);
            expect(maxAbsDiff(await g.read(h), ref), what).toBeLessThanOrEqual(tol);
            h.dispose();
          }
        }
    }
  });

  it('the CPU backend is numpy.fft.fftn: a single frequency lands in its bin', async () => {
    // x = exp(2πi(kz·z/d + ky·y/r + kx·x/c)) → X = d·r·c at (kz, ky, kx), 0 elsewhere.
    const [d, r, c] = [3, 4, 5];
    const [kz, ky, kx] = [2, 1, 3];
    const x = new Float32Array(2 * d * r * c);
    for (let z = 0; z < d; z++)
      for (let y = 0; y < r; y++)
        for (let i = 0; i < c; i++) {
          const a = 2 * Math.PI * ((kz * z) / d + (ky * y) / r + (kx * i) / c);
          const o = 2 * ((z * r + y) * c + i);
          x[o] = Math.cos(a);
          x[o + 1] = Math.sin(a);
        }
    const want = new Float32Array(2 * d * r * c);
    want[2 * ((kz * r + ky) * c + kx)] = d * r * c;
    for (const b of [cpu, backends.g]) expect(maxAbsDiff(await b.read(await b.fft3d(x, d, r, c)), want)).toBeLessThan(1e-4);
  });

  it('chains on the GPU without read-back and returns every buffer to the pool; rejects wrong lengths', async () => {
    const g = backends.g;
    const x = randomF32(2 * 5 * 6 * 7, 9, 10);
    const live = g.pool.live;
    const f = await g.fft3d(x, 5, 6, 7);
    const back = await g.fft3d(f, 5, 6, 7, { inverse: true });
    f.dispose();
    expect(maxAbsDiff(await g.read(back), x)).toBeLessThanOrEqual(2 * fftTol(x, [5, 6, 7], true) * 5 * 6 * 7 / Math.sqrt(5 * 6 * 7));
    back.dispose();
    expect(g.pool.live).toBe(live);
    await expect(g.fft3d(new Float32Array(7), 2, 3, 1)).rejects.toThrow(/fft3d: input has 7 values, expected depth·rows·cols = 6 \(real\) or 2·depth·rows·cols = 12/);
    await expect(cpu.fft3d(new Float32Array(6), 2, 0, 3)).rejects.toThrow(/fft3d: depth × rows × cols = 2 × 0 × 3, expected positive integers/);
  });
});

describe.skipIf(!gpu)('fft1d, batched rows (WebGPU vs CPU)', () => {
  it('each row transformed alone: odd, prime, 1, power-of-two lengths, one or many rows, tiled', async () => {
    for (const [batch, n] of [
      [1, 1],
      [5, 1],
      [1, 97],
      [33, 61],
      [7, 64],
      [300, 12],
      [3, 300],
    ] as const) {
      const x = randomF32(2 * batch * n, batch * 13 + n, 100);
      for (const inverse of [false, true]) {
        const ref = await cpu.read(await cpu.fft1d(x, batch, n, { inverse }));
        for (const g of [backends.g, backends.tiled]) {
          const got = await g.read(await g.fft1d(x, batch, n, { inverse }));
          for (let r = 0; r < batch; r++) {
            const row = (a: Float32Array) => a.subarray(2 * r * n, 2 * (r + 1) * n);
            expect(maxAbsDiff(row(got), row(ref)), `${batch}×${n} row ${r} ${inverse ? 'inverse' : 'forward'}`).toBeLessThanOrEqual(fftTol(row(x), [n], inverse));
          }
        }
      }
    }
  });

  it('past 65535 × 64 invocations (2-D dispatch): length-2 complex rows, X = (a + b, a − b)', async () => {
    const batch = 65535 * 64 + 7;
    // A cheap deterministic fill (the LCG of randomF32 takes seconds at this size).
    const x = new Float32Array(4 * batch);
    for (let i = 0; i < x.length; i++) x[i] = ((i * 2654435761) % 2001) - 1000.25;
    const got = await backends.g.read(await backends.g.fft1d(x, batch, 2));
    let worst = 0;
    for (let r = 0; r < batch; r++)
      for (let c = 0; c < 2; c++) {
        const a = x[4 * r + c];
        const b = x[4 * r + 2 + c];
        // One float32 rounding of a ± b: ≤ 2⁻²⁴·(|a| + |b|).
        const err = Math.max(Math.abs(got[4 * r + c] - (a + b)), Math.abs(got[4 * r + 2 + c] - (a - b))) / ((Math.abs(a) + Math.abs(b)) * EPS32);
        if (!(err <= worst)) worst = err;
      }
    expect(worst).toBeLessThanOrEqual(1);
  });
});
