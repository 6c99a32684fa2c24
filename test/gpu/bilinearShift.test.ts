// WebGPU bilinear shift (the apply step of register.drift) against the CPU backend
// (src/ops/image/bilinearShift.ts: scipy.ndimage.shift order 1, mode 'constant').
import { describe, expect, it } from 'vitest';
import { EPS32, gpu, maxAbs, maxAbsDiff, randomF32, useBackends } from './gpuTestSetup';

// 4 KiB bindings (1024 values): larger images are shifted in output tiles on that backend
// (more tiled cases: tiledKernels.test.ts).
const backends = useBackends(4096);
const { cpu } = backends;

/**
 * Two float32 lerps with weights in [0, 1] (rounded to float32 from the float64 table): each
 * ≤ 3·2⁻²⁴·max|x|, so ≤ 6·2⁻²⁴·max|x|; the source pixels are the CPU's (same float64 indices).
 */
const tol = (x: Float32Array) => 6 * EPS32 * maxAbs(x);

describe.skipIf(!gpu)('bilinearShift2d (WebGPU vs CPU)', () => {
  it('sub-pixel, integer, near-integer and out-of-range shifts on odd, prime, 1×N, N×1 and tiny images', async () => {
    const shifts: [number, number][] = [
      [0.3, -1.7],
      [2, 3],
      [-0.5, 0.25],
      [100, 0],
      [-1e-10, 1 - 1e-12],
      [-60.5, 96.9],
    ];
    for (const [w, h] of [
      [97, 61],
      [1, 200],
      [200, 1],
      [2, 2],
      [5, 3],
      [1, 1],
    ] as const) {
      const x = randomF32(w * h, w * 3 + h, 1000, 100);
      for (const [dy, dx] of shifts) {
        const options = { dy, dx, fill: 7.5 };
        const ref = await cpu.read(await cpu.bilinearShift2d(x, w, h, options));
        for (const g of [backends.g, backends.tiled]) {
          const got = await g.read(await g.bilinearShift2d(x, w, h, options));
          expect(maxAbsDiff(got, ref), `${w}×${h} shift (${dy}, ${dx})${g === backends.tiled ? ' small limit' : ''}`).toBeLessThanOrEqual(tol(x));
        }
      }
    }
  });

  it('past 65535 × 64 pixels (2-D dispatch): 2049 × 2049', async () => {
    const w = 2049;
    const x = new Float32Array(w * w);
    for (let i = 0; i < x.length; i++) x[i] = ((i * 2654435761) % 1999) - 999.5; // cheap deterministic fill
    const options = { dy: -3.25, dx: 1.5, fill: -1 };
    const ref = await cpu.read(await cpu.bilinearShift2d(x, w, w, options));
    const got = await backends.g.read(await backends.g.bilinearShift2d(x, w, w, options));
    expect(maxAbsDiff(got, ref)).toBeLessThanOrEqual(tol(x));
  });

  it('rejects a non-finite shift with the CPU message', async () => {
    for (const b of [cpu, backends.g]) {
      await expect(b.bilinearShift2d(new Float32Array(4), 2, 2, { dy: NaN, dx: 0 })).rejects.toThrow(/bilinearShift: dy = NaN, expected a finite number of pixels/);
    }
  });
});
