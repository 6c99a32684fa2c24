// WebGPU Gaussian and median kernels against the CPU backend (the tested ops in src/ops).
import { describe, expect, it } from 'vitest';
import { EPS32, gpu, maxAbs, maxAbsDiff, randomF32, useBackends } from './gpuTestSetup';

// 4 KiB bindings (1024 values): every image below is tiled through host memory.
const backends = useBackends(4096);
const { cpu } = backends;

// Odd, prime (97×61), single row / column, tiny (window larger than the image), even.
const SIZES: [number, number][] = [
  [97, 61],
  [1, 200],
  [200, 1],
  [2, 2],
  [5, 3],
  [64, 48],
];

describe.skipIf(!gpu)('gaussianFilter2d (WebGPU vs CPU)', () => {
  it('agrees within float32 rounding on random and edge-case sizes', async () => {
    for (const [w, h] of SIZES)
      for (const sigma of [0.6, 2, 3.3]) {
        const x = randomF32(w * h, w * 31 + h, 1000, 300);
        const ref = await cpu.read(await cpu.gaussianFilter2d(x, w, h, { sigma }));
        const got = await backends.g.read(await backends.g.gaussianFilter2d(x, w, h, { sigma }));
        // Each pass sums r + 2 rounded float32 terms (pairs folded) of weights summing to 1, so its
        // error is ≤ (r + 2)·2⁻²⁴·max|x|; two passes, plus float32 weights: ≤ (2r + 5)·2⁻²⁴·max|x|.
        // The CPU sums in float64 (exact to ~1e-16 here).
        const r = Math.floor(4 * sigma + 0.5);
        expect(maxAbsDiff(got, ref), `${w}×${h} σ=${sigma}`).toBeLessThanOrEqual((2 * r + 5) * EPS32 * maxAbs(x));
      }
  });

  it('tiled through host memory (forced small binding limit) equals the untiled kernel exactly', async () => {
    for (const [w, h] of [
      [97, 61],
      [1, 3000],
      [3000, 1],
    ] as const) {
      const x = randomF32(w * h, 7 + w, 50);
      const whole = await backends.g.read(await backends.g.gaussianFilter2d(x, w, h, { sigma: 2 }));
      const parts = await backends.tiled.read(await backends.tiled.gaussianFilter2d(x, w, h, { sigma: 2 }));
      expect(Array.from(parts), `${w}×${h}`).toEqual(Array.from(whole));
    }
  });

  it('dispatches over a 2-D grid of workgroups past 65535 × 64 pixels (2100 × 2001)', async () => {
    const w = 2100;
    const h = 2001; // 4 202 100 pixels > 65535·64 = 4 194 240
    const x = randomF32(w * h, 99, 1000);
    // σ = 0.5: radius 2 (5 taps) keeps SwiftShader quick; the grid is what is tested here.
    const ref = await cpu.read(await cpu.gaussianFilter2d(x, w, h, { sigma: 0.5 }));
    const got = await backends.g.read(await backends.g.gaussianFilter2d(x, w, h, { sigma: 0.5 }));
    expect(maxAbsDiff(got, ref)).toBeLessThanOrEqual(9 * EPS32 * maxAbs(x));
    // The last rows are the ones a 1-D dispatch (65535 workgroups of 64) would have missed.
    const tail = w * h - 65535 * 64;
    expect(maxAbsDiff(got.subarray(-tail), ref.subarray(-tail))).toBeLessThanOrEqual(9 * EPS32 * maxAbs(x));
  });

  it('rejects bad arguments with the parameter named', async () => {
    await expect(backends.g.gaussianFilter2d(new Float32Array(6), 4, 2, { sigma: 1 })).rejects.toThrow(/input has 6 values, expected width·height = 4·2 = 8/);
    await expect(backends.g.gaussianFilter2d(new Float32Array(4), 2, 2, { sigma: 0 })).rejects.toThrow(/sigma = 0/);
  });
});

describe.skipIf(!gpu)('medianFilter2d (WebGPU vs CPU)', () => {
  it('equals the CPU exactly (the median is one of the inputs) for 3×3 and 5×5', async () => {
    for (const [w, h] of SIZES)
      for (const size of [3, 5]) {
        const x = randomF32(w * h, w * 7 + h + size, 1000);
        // With ties: values quantised to a few levels.
        const q = x.map((v) => Math.round(v / 250) + 0); // (+ 0: no −0, which compares equal to 0)
        for (const data of [x, q]) {
          const ref = await cpu.read(await cpu.medianFilter2d(data, w, h, { size }));
          const got = await backends.g.read(await backends.g.medianFilter2d(data, w, h, { size }));
          expect(Array.from(got), `${w}×${h} size ${size}`).toEqual(Array.from(ref));
        }
      }
  });

  it('tiled through host memory (forced small binding limit) equals the CPU exactly', async () => {
    const x = randomF32(97 * 61, 5, 10);
    for (const size of [3, 5]) {
      const ref = await cpu.read(await cpu.medianFilter2d(x, 97, 61, { size }));
      expect(Array.from(await backends.tiled.read(await backends.tiled.medianFilter2d(x, 97, 61, { size })))).toEqual(Array.from(ref));
    }
  });

  it('accepts only 3 and 5', async () => {
    await expect(backends.g.medianFilter2d(new Float32Array(49), 7, 7, { size: 7 })).rejects.toThrow(/size = 7, expected 3 or 5/);
    await expect(cpu.medianFilter2d(new Float32Array(49), 7, 7, { size: 4 })).rejects.toThrow(/size = 4, expected 3 or 5/);
  });
});
