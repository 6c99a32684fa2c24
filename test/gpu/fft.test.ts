// WebGPU FFT (Stockham radix-2 + Bluestein), cross-power spectrum and reductions against the CPU
// backend (src/ops/fft/fft2d.ts, crossPowerSpectrum.ts, src/ops/array/reduceStats.ts).
import { describe, expect, it } from 'vitest';
import { createWebGpuBackend } from '../../src/compute/webgpuBackend';
import { getFftPlan } from '../../src/ops/fft/fftPlanCache';
import { reduceStats } from '../../src/ops/array/reduceStats';
import { REDUCE_FOLD } from '../../src/compute/wgsl/reduce.wgsl';
import { EPS32, gpu, maxAbs, maxAbsDiff, randomF32, sumAbs, useBackends } from './gpuTestSetup';

// 8 KiB bindings (2048 values): a 61 × 97 complex array (11 834 values) is cut into bands.
const backends = useBackends(8192);
const { cpu } = backends;

/** log₂ of the power-of-two length the GPU transforms for n (Bluestein pads to m ≥ 2n − 1). */
function log2Inner(n: number): number {
  const p = getFftPlan(n);
  return p.kind === 'bluestein' ? Math.log2(p.m) : Math.log2(n);
}

/**
 * Float32 FFT error bound: every output is a sum over all inputs through log₂ of the transformed
 * lengths of butterflies (each adding ≲ 2 roundings), Bluestein adding its chirp products and a
 * second transform; so |X_gpu − X_cpu| ≤ 4·2⁻²⁴·(log₂ m_rows + log₂ m_cols + 4)·Σ|x| (the CPU
 * works in float64). Inverse transforms divide by rows·cols.
 */
function fftTol(x: Float32Array, rows: number, cols: number, inverse: boolean): number {
  const bound = 4 * EPS32 * (log2Inner(rows) + log2Inner(cols) + 4) * sumAbs(x);
  return inverse ? bound / (rows * cols) : bound;
}

// Powers of two, odd, prime (97×61), single row / column, 1 × 1, mixed.
const SIZES: [number, number][] = [
  [64, 32],
  [61, 97],
  [97, 61],
  [1, 1],
  [1, 13],
  [13, 1],
  [1, 256],
  [256, 1],
  [3, 5],
  [128, 96],
];

describe.skipIf(!gpu)('fft2d (WebGPU vs CPU)', () => {
  it('forward and inverse, real and complex input, on random and edge-case sizes', async () => {
    for (const [rows, cols] of SIZES) {
      const n = rows * cols;
      const real = randomF32(n, rows * 101 + cols, 100, 20);
      const complex = randomF32(2 * n, rows + cols * 7, 100);
      for (const x of [real, complex])
        for (const inverse of [false, true]) {
          const ref = await cpu.read(await cpu.fft2d(x, rows, cols, { inverse }));
          const got = await backends.g.read(await backends.g.fft2d(x, rows, cols, { inverse }));
          const what = `${rows}×${cols} ${x === real ? 'real' : 'complex'} ${inverse ? 'inverse' : 'forward'}`;
          expect(got.length, what).toBe(2 * n);
          expect(maxAbsDiff(got, ref), what).toBeLessThanOrEqual(fftTol(x, rows, cols, inverse));
        }
    }
  });

  it('inverse of forward returns the input, chained on the GPU without read-back', async () => {
    const rows = 61;
    const cols = 97;
    const x = randomF32(rows * cols * 2, 4, 10);
    const f = await backends.g.fft2d(x, rows, cols);
    const back = await backends.g.fft2d(f, rows, cols, { inverse: true });
    f.dispose();
    // Round-off of both transforms, averaged by the 1/n of the inverse: a few 2⁻²⁴·(log₂ m + 4)
    // of the largest input value (×4 for the two transforms and the spread of errors).
    const L = log2Inner(rows) + log2Inner(cols) + 4;
    expect(maxAbsDiff(await backends.g.read(back), x)).toBeLessThanOrEqual(16 * EPS32 * L * maxAbs(x));
    back.dispose();
  });

  it('tiled through host memory (bands of rows and of columns) equals the CPU within float32', async () => {
    for (const [rows, cols] of [
      [61, 97],
      [64, 32],
      [1, 256],
    ] as const) {
      const x = randomF32(rows * cols, rows + cols, 100);
      for (const inverse of [false, true]) {
        const ref = await cpu.read(await cpu.fft2d(x, rows, cols, { inverse }));
        const got = await backends.tiled.read(await backends.tiled.fft2d(x, rows, cols, { inverse }));
        expect(maxAbsDiff(got, ref), `${rows}×${cols}`).toBeLessThanOrEqual(fftTol(x, rows, cols, inverse));
      }
    }
  });

  it('says when one transform cannot fit the binding limit, and rejects wrong lengths', async () => {
    const small = await createWebGpuBackend({ gpu: gpu!, maxBindingBytes: 1024 });
    try {
      await expect(small.fft2d(new Float32Array(2 * 300), 2, 150)).rejects.toThrow(/length 150 .*binding limit/);
    } finally {
      small.dispose();
    }
    await expect(backends.g.fft2d(new Float32Array(7), 2, 3)).rejects.toThrow(/input has 7 values, expected rows·cols = 6 \(real\) or 2·rows·cols = 12/);
  });
});

describe.skipIf(!gpu)('crossPowerSpectrum (WebGPU vs CPU)', () => {
  it('normalised and plain, on spectra chained from the GPU FFT; zeros stay zero', async () => {
    const rows = 61;
    const cols = 97;
    const a = await backends.g.fft2d(randomF32(rows * cols, 1, 100), rows, cols);
    const b = await backends.g.fft2d(randomF32(rows * cols, 2, 100), rows, cols);
    const ha = await backends.g.read(a);
    const hb = await backends.g.read(b);
    for (const normalize of [true, false]) {
      const ref = await cpu.read(await cpu.crossPowerSpectrum(ha, hb, { normalize }));
      const got = await backends.g.read(await backends.g.crossPowerSpectrum(a, b, { normalize }));
      // Normalised: unit-magnitude values from a few float32 operations, ≤ 8·2⁻²⁴ each. Plain:
      // a product of two float32 values, relative ≤ 4·2⁻²⁴ of |a|·|b|.
      let tol = 8 * EPS32;
      if (!normalize) for (let i = 0; i < ha.length; i += 2) tol = Math.max(tol, 4 * EPS32 * Math.hypot(ha[i], ha[i + 1]) * Math.hypot(hb[i], hb[i + 1]));
      expect(maxAbsDiff(got, ref)).toBeLessThanOrEqual(tol);
    }
    const tiledGot = await backends.tiled.read(await backends.tiled.crossPowerSpectrum(ha, hb));
    expect(maxAbsDiff(tiledGot, await cpu.read(await cpu.crossPowerSpectrum(ha, hb)))).toBeLessThanOrEqual(8 * EPS32);
    const zeros = await backends.g.read(await backends.g.crossPowerSpectrum(new Float32Array(4), Float32Array.of(1, 2, 0, 0)));
    expect(Array.from(zeros)).toEqual([0, 0, 0, 0]);
    a.dispose();
    b.dispose();
  });

  it('past 65535 × 64 elements (2-D dispatch)', async () => {
    const n = 65535 * 64 + 1001;
    const a = randomF32(2 * n, 11, 10);
    const b = randomF32(2 * n, 12, 10);
    const ref = await cpu.read(await cpu.crossPowerSpectrum(a, b));
    const got = await backends.g.read(await backends.g.crossPowerSpectrum(a, b));
    expect(maxAbsDiff(got, ref)).toBeLessThanOrEqual(8 * EPS32);
  });
});

describe.skipIf(!gpu)('reduce (WebGPU vs CPU)', () => {
  /**
   * Each pass folds REDUCE_FOLD values sequentially in float32 (error ≤ REDUCE_FOLD·2⁻²⁴ of the
   * sum of |terms|), and there are ⌈log₁₆ n⌉ passes. Min and max are exact.
   */
  const check = (got: { min: number; max: number; sum: number; sumSquares: number; count: number }, x: Float32Array) => {
    const ref = reduceStats(x);
    const passes = Math.max(1, Math.ceil(Math.log(x.length) / Math.log(REDUCE_FOLD)));
    const rel = (passes * REDUCE_FOLD + 2) * EPS32;
    expect([got.min, got.max, got.count]).toEqual([ref.min, ref.max, ref.count]);
    expect(Math.abs(got.sum - ref.sum)).toBeLessThanOrEqual(rel * sumAbs(x));
    expect(Math.abs(got.sumSquares - ref.sumSquares)).toBeLessThanOrEqual(rel * ref.sumSquares);
  };

  it('min, max, sum, sum of squares on odd, prime, 1-element and tiled inputs', async () => {
    for (const n of [1, 2, 15, 16, 17, 255, 257, 97 * 61, 100_003]) {
      const x = randomF32(n, n, 1000, 17);
      check(await backends.g.reduce(x), x);
      check(await backends.tiled.reduce(x), x);
      expect(await cpu.reduce(x)).toEqual(reduceStats(x));
    }
  });

  it('a million values: five passes over the partials, GPU-resident input', async () => {
    const x = randomF32(1_000_003, 3, 100, -40);
    const h = await backends.g.upload(x);
    check(await backends.g.reduce(h), x);
    h.dispose();
  });
});
