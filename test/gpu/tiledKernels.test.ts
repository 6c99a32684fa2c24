// Issue 5: the 3-D Gaussian, Richardson–Lucy, the bilinear shift and non-local means on inputs
// larger than one GPU binding, processed in tiles through host memory (src/compute/tiles2d.ts).
// Each tile runs the resident kernel's operations in the same order on the same values, so the
// tiled result must equal the resident WebGPU result exactly, and the CPU op (float64) within the
// float32 tolerances of the kernels' own suites.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebGpuBackend, type WebGpuBackend } from '../../src/compute/webgpuBackend';
import { gaussianFilter } from '../../src/ops/image/gaussianFilter';
import { gaussianPsf } from '../../src/ops/image/gaussianPsf';
import { EPS32, gpu, maxAbs, maxAbsDiff, randomF32, useBackends } from './gpuTestSetup';

// 4 KiB bindings (1024 values) for most cases; 256 bytes (64 values) for tiny inputs.
const backends = useBackends(4096);
const { cpu } = backends;
let tiny: WebGpuBackend;
beforeAll(async () => {
  if (gpu) tiny = await createWebGpuBackend({ gpu, maxBindingBytes: 256 });
});
afterAll(() => tiny?.dispose());

type Backend = typeof backends.g;

/** Runs `f` on the resident backend and on `small`; checks exact equality and returns the tiled values. */
async function residentAndTiled(small: Backend, what: string, f: (b: Backend) => Promise<Float32Array>): Promise<Float32Array> {
  const resident = await f(backends.g);
  const tiled = await f(small);
  expect(maxAbsDiff(tiled, resident), `${what}: tiled vs resident`).toBe(0);
  return tiled;
}

describe.skipIf(!gpu)('gaussianFilter3d in tiles (WebGPU vs CPU)', () => {
  it('z slabs (halo past the slab), in-plane boxes, boxes split on all axes, split x–y / z passes, a voxel column, tiny limits', async () => {
    // Plans (planTiles3d, 1024 values): 8×6×23 σ=2 → slabs of 5 planes with an 8-plane halo;
    // 37×29×11 σ=0.2 → 7 × 8 in-plane boxes, full depth; 37×29×40 σ=0.2 → 8 × 8 × 8 boxes with
    // halos on every axis; 23×17×13 σ=1.3 → (2r + 1)³ does not fit: an x–y then a z round trip;
    // 1×1×1500 σ=3 → two slabs with 12-plane halos; 64 values: 5×4×7 and 3×2×13.
    for (const [w, h, d, sigma, small] of [
      [8, 6, 23, 2, 'k4'],
      [37, 29, 11, 0.2, 'k4'],
      [37, 29, 40, 0.2, 'k4'],
      [23, 17, 13, 1.3, 'k4'],
      [1, 1, 1500, 3, 'k4'],
      [5, 4, 7, 0.5, 'tiny'],
      [3, 2, 13, 0.3, 'tiny'],
    ] as const) {
      const x = randomF32(w * h * d, w * 7 + h * 3 + d, 1000, 300);
      const what = `${w}×${h}×${d} σ=${sigma}`;
      const ref = await cpu.read(await cpu.gaussianFilter3d(x, w, h, d, { sigma }));
      const b = small === 'tiny' ? tiny : backends.tiled;
      const got = await residentAndTiled(b, what, async (g) => g.read(await g.gaussianFilter3d(x, w, h, d, { sigma })));
      // As test/gpu/gaussian3d.test.ts: three float32 passes, each ≤ (r + 2)·2⁻²⁴·max|x|, plus float32 weights.
      const r = Math.floor(4 * sigma + 0.5);
      expect(maxAbsDiff(got, ref), what).toBeLessThanOrEqual((3 * r + 8) * EPS32 * maxAbs(x));
    }
  });

  it('says why when not even one voxel with its halo fits', async () => {
    const b = await createWebGpuBackend({ gpu: gpu!, maxBindingBytes: 16 });
    try {
      await expect(b.gaussianFilter3d(new Float32Array(5 * 5 * 5), 5, 5, 5, { sigma: 1 })).rejects.toThrow(
        /gaussianFilter3d: the GPU binding limit \(4 values\) cannot hold even one voxel with its halo/,
      );
    } finally {
      b.dispose();
    }
  });
});

describe.skipIf(!gpu)('richardsonLucy in tiles (WebGPU vs CPU)', () => {
  // As test/gpu/richardsonLucy.test.ts.
  const rlTol = (numIter: number, taps: number, result: Float32Array) => numIter * 2 * (taps + 2) * EPS32 * maxAbs(result);

  it('rounds of several iterations on clipped tiles, one iteration per round, halo past the tile, even PSF, clip and filterEpsilon, tiny limits', async () => {
    const psf5 = gaussianPsf({ size: 5, sigma: 1.2 });
    const psf3 = gaussianPsf({ size: 3, sigma: 0.8 });
    const even = Float64Array.of(0.4, 0.3, 0.2, 0.1); // 2 × 2: 'same' offsets reach 1 one way, 0 the other
    const wide = Float64Array.from({ length: 45 }, (_, i) => 1 + ((i * 7) % 5)); // 15 × 3, off-centre weights
    const wideSum = wide.reduce((a, v) => a + v, 0);
    wide.forEach((v, i) => (wide[i] = v / wideSum));
    // Plans (rlTilePlan, 1024 values): 45×31, 3 it → rounds of 2 + 1 iterations, 16-column tiles;
    // 200×7 → all 5 iterations at once, 12-column tiles; 97×61 → one iteration per round, 24 × 24
    // tiles; 35×31 with a 15-wide PSF → 14-pixel halo around 4 × 4 tiles; 64 values: 9×8, 11×7.
    for (const [w, h, k, kw, kh, numIter, clip, filterEpsilon, small] of [
      [45, 31, psf5, 5, 5, 3, false, null, 'k4'],
      [200, 7, psf3, 3, 3, 5, false, 0.3, 'k4'],
      [97, 61, psf5, 5, 5, 4, true, null, 'k4'],
      [35, 31, wide, 15, 3, 1, false, null, 'k4'],
      [45, 31, psf5, 5, 5, 0, true, null, 'k4'],
      [9, 8, psf3, 3, 3, 3, false, null, 'tiny'],
      [11, 7, even, 2, 2, 2, true, null, 'tiny'],
    ] as const) {
      const x = randomF32(w * h, w + 3 * h, 1, 0.55); // positive, 0.05 … 1.05
      const options = { psf: k, psfWidth: kw, psfHeight: kh, numIter, clip, filterEpsilon };
      const what = `${w}×${h} psf ${kw}×${kh} ${numIter} it`;
      const ref = await cpu.read(await cpu.richardsonLucy(x, w, h, options));
      const b = small === 'tiny' ? tiny : backends.tiled;
      const got = await residentAndTiled(b, what, async (g) => g.read(await g.richardsonLucy(x, w, h, options)));
      expect(maxAbsDiff(got, ref), what).toBeLessThanOrEqual(rlTol(numIter, kw * kh, ref));
    }
  });
});

describe.skipIf(!gpu)('bilinearShift2d in tiles (WebGPU vs CPU)', () => {
  // As test/gpu/bilinearShift.test.ts: two float32 lerps, ≤ 6·2⁻²⁴·max|x|.
  it('output tiles reading only their source rectangle: shifts past a tile, out of range, 1×N, N×1, tiny limits', async () => {
    const shifts: [number, number][] = [
      [0.3, -1.7],
      [2, 3],
      [-20.5, 33.3],
      [100, 0],
      [-1e-10, 1 - 1e-12],
      [5.5, -40.25],
    ];
    // 97×61 → 97 × 8 tiles (1024 values); 1×1500 and 1500×1 → tables over one binding; 64 values: 9×8, 3×30.
    for (const [w, h, small] of [
      [97, 61, 'k4'],
      [1, 1500, 'k4'],
      [1500, 1, 'k4'],
      [9, 8, 'tiny'],
      [3, 30, 'tiny'],
    ] as const) {
      const x = randomF32(w * h, w * 3 + h, 1000, 100);
      for (const [dy, dx] of shifts) {
        const options = { dy, dx, fill: 7.5 };
        const what = `${w}×${h} shift (${dy}, ${dx})`;
        const ref = await cpu.read(await cpu.bilinearShift2d(x, w, h, options));
        const b = small === 'tiny' ? tiny : backends.tiled;
        const got = await residentAndTiled(b, what, async (g) => g.read(await g.bilinearShift2d(x, w, h, options)));
        expect(maxAbsDiff(got, ref), what).toBeLessThanOrEqual(6 * EPS32 * maxAbs(x));
      }
    }
  });
});

describe.skipIf(!gpu)('nlMeansDenoise2d in tiles (WebGPU vs CPU)', () => {
  /** A noisy piecewise-smooth image in about [0, 1]. */
  const noisy = (w: number, h: number, seed: number) => {
    const smooth = gaussianFilter(randomF32(w * h, seed, 4, 0.5), w, h, { sigma: 2 });
    const noise = randomF32(w * h, seed + 1, 0.2);
    return smooth.map((v, i) => v + noise[i]);
  };
  // As test/gpu/nlMeans.test.ts.
  const nlmTol = (d: number, x: Float32Array) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of x) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    return (2 ** -18 + 2 * (2 * d + 1) ** 2 * EPS32) * (hi - lo);
  };

  it("padded tiles with numpy 'reflect' halos: tiles not dividing the image, halo past the tile, 1×N, N×1, tiny limits", async () => {
    // Halo = patch radius + search radius. 37×23 (5, 3) → 37 × 11 tiles, halo 5; 35×31 (5, 10)
    // → 8 × 8 tiles, halo 12; 64 values: 9×8 (1, 1) → 9 × 3 tiles.
    for (const [w, h, o, small] of [
      [37, 23, { h: 0.08, patchSize: 5, patchDistance: 3 }, 'k4'],
      [35, 31, { h: 0.1, patchSize: 5, patchDistance: 10 }, 'k4'],
      [31, 40, { h: 0.12, patchSize: 4, patchDistance: 2, sigma: 0.05 }, 'k4'],
      [1, 1200, { h: 0.08, patchSize: 3, patchDistance: 2 }, 'k4'],
      [1200, 1, { h: 0.08, patchSize: 3, patchDistance: 2 }, 'k4'],
      [9, 8, { h: 0.05, patchSize: 1, patchDistance: 1 }, 'tiny'],
    ] as const) {
      const x = noisy(w, h, w * 7 + h);
      const what = `${w}×${h} ${JSON.stringify(o)}`;
      const ref = await cpu.read(await cpu.nlMeansDenoise2d(x, w, h, o));
      const b = small === 'tiny' ? tiny : backends.tiled;
      const got = await residentAndTiled(b, what, async (g) => g.read(await g.nlMeansDenoise2d(x, w, h, o)));
      expect(maxAbsDiff(got, ref), what).toBeLessThanOrEqual(nlmTol(o.patchDistance, x));
      expect(maxAbsDiff(ref, x), `${what} denoises`).toBeGreaterThan(0.01);
    }
  });
});
