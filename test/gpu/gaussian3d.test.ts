// WebGPU separable 3-D Gaussian against the CPU backend (src/ops/volume/gaussianFilter3d.ts,
// scipy.ndimage.gaussian_filter mode 'nearest', float64).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denoiseNode } from '../../src/nodes/clean/denoise';
import { defaultParams } from '../../src/runtime/params';
import { emptyMeta, type StackValue } from '../../src/runtime/values';
import { resetBackends, setGpuSource } from '../../src/compute/selectBackend';
import { EPS32, gpu, maxAbs, maxAbsDiff, randomF32, useBackends, backendContext } from './gpuTestSetup';

// 4 KiB bindings (1024 values): larger volumes are filtered in boxes on that backend
// (more tiled cases: tiledKernels.test.ts).
const backends = useBackends(4096);
const { cpu } = backends;

describe.skipIf(!gpu)('gaussianFilter3d (WebGPU vs CPU)', () => {
  it('odd, prime, flat (depth 1), single-voxel-wide and thin volumes; sigma larger than the volume', async () => {
    for (const [w, h, d] of [
      [13, 11, 7],
      [17, 1, 5],
      [1, 9, 4],
      [8, 6, 1],
      [2, 2, 2],
      [1, 1, 23],
      [15, 13, 9], // 1755 voxels: over the 4 KiB limit
    ] as const)
      for (const sigma of [0.7, 2.2]) {
        const x = randomF32(w * h * d, w * 7 + h * 3 + d, 1000, 300);
        const ref = await cpu.read(await cpu.gaussianFilter3d(x, w, h, d, { sigma }));
        // Three float32 passes, each ≤ (r + 2)·2⁻²⁴·max|x| (as the 2-D kernel), plus float32 weights.
        const r = Math.floor(4 * sigma + 0.5);
        const tol = (3 * r + 8) * EPS32 * maxAbs(x);
        for (const g of [backends.g, backends.tiled]) {
          const got = await g.read(await g.gaussianFilter3d(x, w, h, d, { sigma }));
          expect(maxAbsDiff(got, ref), `${w}×${h}×${d} σ=${sigma}${g === backends.tiled ? ' small limit' : ''}`).toBeLessThanOrEqual(tol);
        }
      }
  });

  it('past 65535 × 64 voxels (2-D dispatch): 129 × 128 × 256', async () => {
    const [w, h, d] = [129, 128, 256];
    const x = new Float32Array(w * h * d);
    for (let i = 0; i < x.length; i++) x[i] = ((i * 2654435761) % 1999) - 999.5; // cheap deterministic fill
    const ref = await cpu.read(await cpu.gaussianFilter3d(x, w, h, d, { sigma: 0.5 }));
    const got = await backends.g.read(await backends.g.gaussianFilter3d(x, w, h, d, { sigma: 0.5 }));
    expect(maxAbsDiff(got, ref)).toBeLessThanOrEqual((3 * 2 + 8) * EPS32 * maxAbs(x));
  });

  it('rejects a bad depth and sigma with clear messages', async () => {
    for (const b of [cpu, backends.g]) {
      await expect(b.gaussianFilter3d(new Float32Array(12), 2, 3, 0, { sigma: 1 })).rejects.toThrow(/gaussianFilter3d: depth = 0, expected a positive integer/);
      await expect(b.gaussianFilter3d(new Float32Array(12), 2, 3, 2, { sigma: -1 })).rejects.toThrow(/gaussianFilter3d: sigma = -1, expected a finite number > 0/);
    }
  });
});

beforeAll(() => {
  if (gpu) setGpuSource(gpu);
});
afterAll(() => resetBackends());

describe.skipIf(!gpu)('clean.denoise 3-D Gaussian on WebGPU', () => {
  it('equals the CPU run within float32 and reports the backend', async () => {
    const [W, H, F] = [19, 14, 6];
    const stack: StackValue = {
      ...{ kind: 'stack', frames: F, width: W, height: H, dtype: 'u16' },
      data: Uint16Array.from(randomF32(F * W * H, 8, 1), (v) => Math.round((v + 0.5) * 4000)),
      ...{ frameAxis: { name: 'z', unit: 'µm' }, frameCoords: Float64Array.from({ length: F }, (_, i) => i), valueAxis: { name: 'v', unit: '' }, meta: emptyMeta() },
    };
    const params = { ...defaultParams(denoiseNode.params), method: 'gaussian' as const, dimensions: '3d' as const, sigma: 1.3 };
    const runOn = async (backend: 'cpu' | 'webgpu') => {
      const { ctx, used } = backendContext(backend);
      const v = (await denoiseNode.run({ image: stack }, params, ctx)).image as StackValue;
      return { data: v.data as Float32Array, used, progress: ctx.progressCalls };
    };
    const ref = await runOn('cpu');
    const got = await runOn('webgpu');
    expect([ref.used, got.used]).toEqual([['cpu'], ['webgpu']]);
    expect(got.progress).toEqual(ref.progress);
    expect(maxAbsDiff(got.data, ref.data)).toBeLessThanOrEqual((3 * 5 + 8) * EPS32 * 4000);
  });
});
