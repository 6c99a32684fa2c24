// WebGPU 2-D convolution with a user kernel against the CPU backend (src/ops/image/sameConvolver.ts,
// direct sums in float64; scipy.signal.convolve mode='same').
import { describe, expect, it } from 'vitest';
import { EPS32, gpu, maxAbs, maxAbsDiff, randomF32, sumAbs, useBackends } from './gpuTestSetup';

// 4 KiB bindings (1024 values): every image below but the tiniest is tiled through host memory.
const backends = useBackends(4096);
const { cpu } = backends;

const SIZES: [number, number][] = [
  [97, 61],
  [1, 200],
  [200, 1],
  [2, 2],
  [5, 3],
];
// Odd, even (off-centre crop), rows, columns, 1 × 1, larger than the 2 × 2 and 5 × 3 images.
const KERNELS: [number, number][] = [
  [3, 3],
  [5, 4],
  [7, 1],
  [1, 6],
  [1, 1],
  [9, 9],
];

describe.skipIf(!gpu)('convolve2d (WebGPU vs CPU)', () => {
  it('resident and tiled agree with the CPU within float32 on random and edge-case sizes', async () => {
    for (const [w, h] of SIZES)
      for (const [kw, kh] of KERNELS) {
        const x = randomF32(w * h, w * 17 + h, 1000, 200);
        const kernel = randomF32(kw * kh, kw * 5 + kh, 2);
        const options = { kernel, kernelWidth: kw, kernelHeight: kh };
        const ref = await cpu.read(await cpu.convolve2d(x, w, h, options));
        // kw·kh float32 products and sums: ≤ (kw·kh + 1)·2⁻²⁴·Σ|k|·max|x| (the CPU sums in float64).
        const tol = (kw * kh + 1) * EPS32 * sumAbs(kernel) * maxAbs(x);
        for (const g of [backends.g, backends.tiled]) {
          const h1 = await g.convolve2d(x, w, h, options);
          expect(maxAbsDiff(await g.read(h1), ref), `${w}×${h} * ${kw}×${kh}${g === backends.tiled ? ' tiled' : ''}`).toBeLessThanOrEqual(tol);
          h1.dispose();
        }
      }
  });

  it('the CPU reference is scipy mode=same: a 2 × 1 kernel gives k₀·x[i] + k₁·x[i − 1], zero before the first column', async () => {
    const x = Float32Array.of(1, 2, 3, 4, 5, 6);
    const out = await cpu.read(await cpu.convolve2d(x, 3, 2, { kernel: [10, 1], kernelWidth: 2, kernelHeight: 1 }));
    expect(Array.from(out)).toEqual([10, 21, 32, 40, 54, 65]);
  });

  it('past 65535 × 64 pixels (2-D dispatch): 2049 × 2049 with a 2 × 1 kernel', async () => {
    const w = 2049;
    const n = w * w;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = ((i * 2654435761) % 1999) - 999.5; // cheap deterministic fill
    const got = await backends.g.read(await backends.g.convolve2d(x, w, w, { kernel: [3, -2], kernelWidth: 2, kernelHeight: 1 }));
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const left = i % w === 0 ? 0 : x[i - 1];
      // Two float32 products and one sum: ≤ 3·2⁻²⁴·(3|x_i| + 2|x_{i−1}|).
      const err = Math.abs(got[i] - (3 * x[i] - 2 * left)) / (3 * EPS32 * (3 * Math.abs(x[i]) + 2 * Math.abs(left)) + 1e-30);
      if (!(err <= worst)) worst = err;
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('rejects a kernel of the wrong length or with a non-finite value, naming it', async () => {
    for (const b of [cpu, backends.g]) {
      await expect(b.convolve2d(new Float32Array(4), 2, 2, { kernel: [1, 2, 3], kernelWidth: 2, kernelHeight: 2 })).rejects.toThrow(
        /convolve2d: kernel has 3 values for kernelWidth × kernelHeight = 2 × 2/,
      );
      await expect(b.convolve2d(new Float32Array(4), 2, 2, { kernel: [1, NaN], kernelWidth: 1, kernelHeight: 2 })).rejects.toThrow(
        /kernel value 1 \(row 1, column 0\) is NaN, expected a finite number/,
      );
    }
  });
});
