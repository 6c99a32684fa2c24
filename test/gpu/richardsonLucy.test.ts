// Richardson–Lucy on the WebGPU backend (direct convolutions + elementwise kernels, all iterations
// on the GPU) against the CPU backend (src/ops/image/richardsonLucy.ts, float64), and clean.deblur
// wired to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deblurNode } from '../../src/nodes/clean/deblur';
import { defaultParams } from '../../src/runtime/params';
import { emptyMeta, type StackValue } from '../../src/runtime/values';
import { gaussianPsf } from '../../src/ops/image/gaussianPsf';
import { resetBackends, setGpuSource } from '../../src/compute/selectBackend';
import { EPS32, gpu, maxAbs, maxAbsDiff, randomF32, useBackends, backendContext } from './gpuTestSetup';

// 4 KiB bindings: images over 1024 pixels are done in tiles on that backend (more tiled cases:
// tiledKernels.test.ts).
const backends = useBackends(4096);
const { cpu } = backends;

/**
 * float32 error of `numIter` iterations on positive data with a positive PSF of kw·kh taps: each
 * iteration two convolutions of positive terms (relative ≤ kw·kh·2⁻²⁴ each), a ratio and a
 * product; RL's fixed-point iteration does not amplify earlier errors much (measured: far below
 * this linear bound), so ≤ numIter·2·(kw·kh + 2)·2⁻²⁴ relative to max|u|.
 */
const rlTol = (numIter: number, taps: number, result: Float32Array) => numIter * 2 * (taps + 2) * EPS32 * maxAbs(result);

beforeAll(() => {
  if (gpu) setGpuSource(gpu);
});
afterAll(() => resetBackends());

describe.skipIf(!gpu)('richardsonLucy (WebGPU vs CPU)', () => {
  it('odd, prime, single-row and tiny images; clip, filterEpsilon; 0 iterations', async () => {
    const psf = gaussianPsf({ size: 5, sigma: 1.2 });
    const asym = Float64Array.of(0.1, 0.5, 0.2, 0.05, 0.15, 0); // 3 × 2, off-centre
    for (const [w, h, k, kw, kh, numIter, clip, filterEpsilon] of [
      [37, 23, psf, 5, 5, 10, false, null],
      [61, 13, asym, 3, 2, 7, true, null],
      [200, 1, Float64Array.of(0.25, 0.5, 0.25), 3, 1, 5, false, 0.3],
      [3, 2, psf, 5, 5, 4, false, null],
      [37, 23, psf, 5, 5, 0, true, null],
      [45, 31, psf, 5, 5, 3, false, null],
    ] as const) {
      const x = randomF32(w * h, w + 3 * h, 1, 0.55); // positive, 0.05 … 1.05
      const options = { psf: k, psfWidth: kw, psfHeight: kh, numIter, clip, filterEpsilon };
      const ref = await cpu.read(await cpu.richardsonLucy(x, w, h, options));
      const what = `${w}×${h} psf ${kw}×${kh} ${numIter} it`;
      const got = await backends.g.read(await backends.g.richardsonLucy(x, w, h, options));
      // Measured: ≤ 10·2⁻²⁴·max|u| (e.g. 9 for 37 × 23, 10 iterations, where the bound is 540).
      expect(maxAbsDiff(got, ref), what).toBeLessThanOrEqual(rlTol(numIter, kw * kh, ref));
      // With 4 KiB bindings: resident up to 1024 pixels, in tiles for 45 × 31.
      const tiled = await backends.tiled.read(await backends.tiled.richardsonLucy(x, w, h, options));
      expect(maxAbsDiff(tiled, ref), `${what} small limit`).toBeLessThanOrEqual(rlTol(numIter, kw * kh, ref));
    }
  });

  it('rejects a bad PSF with the CPU message', async () => {
    const options = { psf: [1, 2, 3], psfWidth: 2, psfHeight: 2 };
    for (const b of [cpu, backends.g]) {
      await expect(b.richardsonLucy(new Float32Array(4), 2, 2, options)).rejects.toThrow(/richardsonLucy: psf has 3 values for psfWidth × psfHeight = 2 × 2/);
    }
  });
});

describe.skipIf(!gpu)('clean.deblur Richardson–Lucy on WebGPU', () => {
  it('equals the CPU run within float32 and reports the backend', async () => {
    const [W, H, F] = [29, 17, 2];
    const stack: StackValue = {
      ...{ kind: 'stack', frames: F, width: W, height: H, dtype: 'f32', data: randomF32(F * W * H, 77, 1, 0.55) },
      ...{ frameAxis: { name: 't', unit: 's' }, frameCoords: new Float64Array([0, 1]), valueAxis: { name: 'v', unit: '' }, meta: emptyMeta() },
    };
    const defaults = defaultParams(deblurNode.params);
    const runOn = async (backend: 'cpu' | 'webgpu') => {
      const { ctx, used } = backendContext(backend);
      const v = (await deblurNode.run({ image: stack }, defaults, ctx)).image as StackValue;
      return { data: v.data as Float32Array, used, progress: ctx.progressCalls };
    };
    const ref = await runOn('cpu');
    const got = await runOn('webgpu');
    expect([ref.used, got.used]).toEqual([['cpu'], ['webgpu']]);
    expect(got.progress).toEqual(ref.progress);
    // Defaults: 7 × 7 Gaussian PSF, 10 iterations.
    expect(maxAbsDiff(got.data, ref.data)).toBeLessThanOrEqual(rlTol(defaults.iterations as number, 49, ref.data));
  });
});
