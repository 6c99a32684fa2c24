// WebGPU non-local means (skimage fast mode, gather form) against the CPU backend
// (src/ops/image/nlMeansDenoise.ts: integral images in float64).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaussianFilter } from '../../src/ops/image/gaussianFilter';
import { denoiseNode } from '../../src/nodes/clean/denoise';
import { defaultParams } from '../../src/runtime/params';
import { emptyMeta, type StackValue } from '../../src/runtime/values';
import { resetBackends, setGpuSource } from '../../src/compute/selectBackend';
import { EPS32, gpu, maxAbsDiff, randomF32, useBackends, backendContext } from './gpuTestSetup';

// 4 KiB bindings (1024 values): a padded image larger than that is done in padded tiles on that
// backend (more tiled cases: tiledKernels.test.ts).
const backends = useBackends(4096);
const { cpu } = backends;

/** A noisy piecewise-smooth image in about [0, 1]. */
function noisy(w: number, h: number, seed: number): Float32Array {
  const smooth = gaussianFilter(randomF32(w * h, seed, 4, 0.5), w, h, { sigma: 2 });
  const noise = randomF32(w * h, seed + 1, 0.2);
  return smooth.map((v, i) => v + noise[i]);
}

/**
 * A weight's relative error: ≤ 2⁻²⁰ from fastExp (its float32 truncation may move the 20-bit
 * mantissa by one) plus the float32 patch distance (a few 2⁻²⁴); a weighted mean then moves by
 * ≤ 2·δ·range ≤ 2⁻¹⁸·range, and the float32 sums of (2d + 1)² terms add ≤ 2·(2d + 1)²·2⁻²⁴·range.
 * Measured: ≤ 1.7e−6·range.
 */
const nlmTol = (d: number, x: Float32Array) => (2 ** -18 + 2 * (2 * d + 1) ** 2 * EPS32) * range(x);

function range(x: Float32Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return hi - lo;
}

describe.skipIf(!gpu)('nlMeansDenoise2d (WebGPU vs CPU)', () => {
  it('odd, prime, 1×N, N×1 and tiny images; even patch size, sigma, patch of 1', async () => {
    for (const [w, h] of [
      [37, 23],
      [1, 40],
      [40, 1],
      [5, 3],
      [2, 2],
    ] as const)
      for (const o of [
        { h: 0.08, patchSize: 5, patchDistance: 3 },
        { h: 0.12, patchSize: 4, patchDistance: 2, sigma: 0.05 },
        { h: 0.05, patchSize: 1, patchDistance: 1 },
      ]) {
        const x = noisy(w, h, w * 7 + h);
        const ref = await cpu.read(await cpu.nlMeansDenoise2d(x, w, h, o));
        const got = await backends.g.read(await backends.g.nlMeansDenoise2d(x, w, h, o));
        const what = `${w}×${h} ${JSON.stringify(o)}`;
        expect(maxAbsDiff(got, ref), what).toBeLessThanOrEqual(nlmTol(o.patchDistance, x));
        if (w * h > 10) expect(maxAbsDiff(ref, x), `${what} denoises`).toBeGreaterThan(0.01);
        // 4 KiB bindings: the padded 37 × 23 image does not fit, and that backend tiles it.
        const small = await backends.tiled.read(await backends.tiled.nlMeansDenoise2d(x, w, h, o));
        expect(maxAbsDiff(small, ref), `${what} small limit`).toBeLessThanOrEqual(nlmTol(o.patchDistance, x));
      }
  });
});

beforeAll(() => {
  if (gpu) setGpuSource(gpu);
});
afterAll(() => resetBackends());

describe.skipIf(!gpu)('clean.denoise non-local means on WebGPU', () => {
  it('equals the CPU run (auto h per frame) within float32 and reports the backend', async () => {
    const [W, H] = [31, 19];
    const stack: StackValue = {
      ...{ kind: 'stack', frames: 2, width: W, height: H, dtype: 'f32', data: Float32Array.of(...noisy(W, H, 1), ...noisy(W, H, 2)) },
      ...{ frameAxis: { name: 't', unit: 's' }, frameCoords: new Float64Array([0, 1]), valueAxis: { name: 'v', unit: '' }, meta: emptyMeta() },
    };
    const params = { ...defaultParams(denoiseNode.params), method: 'nl-means' as const, patchSize: 5, patchDistance: 4 };
    const runOn = async (backend: 'cpu' | 'webgpu') => {
      const { ctx, used } = backendContext(backend);
      const v = (await denoiseNode.run({ image: stack }, params, ctx)).image as StackValue;
      return { data: v.data as Float32Array, used, progress: ctx.progressCalls };
    };
    const ref = await runOn('cpu');
    const got = await runOn('webgpu');
    expect([ref.used, got.used]).toEqual([['cpu'], ['webgpu']]);
    expect(got.progress).toEqual(ref.progress);
    expect(maxAbsDiff(got.data, ref.data)).toBeLessThanOrEqual(nlmTol(4, stack.data as Float32Array));
  });
});
