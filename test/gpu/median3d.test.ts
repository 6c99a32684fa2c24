// WebGPU 3×3×3 median against the CPU backend (src/ops/volume/medianFilter3d.ts, scipy
// median_filter mode 'reflect'); its cancel / progress in boxes: tileProgress.test.ts.
// Selection only compares values, so results are exactly equal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetBackends, setGpuSource } from '../../src/compute/selectBackend';
import { denoiseNode } from '../../src/nodes/clean/denoise';
import { defaultParams } from '../../src/runtime/params';
import { emptyMeta, type StackValue } from '../../src/runtime/values';
import { gpu, randomF32, useBackends, backendContext } from './gpuTestSetup';

// 4 KiB bindings (1024 values): larger volumes go through host memory in boxes.
const backends = useBackends(4096);
const { cpu } = backends;

/** First index where a and b differ (−1: equal), for a readable failure. NaN counts as a difference. */
function firstDiff(a: Float32Array, b: Float32Array): number {
  for (let i = 0; i < a.length; i++) if (!(a[i] === b[i])) return i;
  return a.length === b.length ? -1 : a.length;
}

describe.skipIf(!gpu)('medianFilter3d (WebGPU vs CPU)', () => {
  it('odd, prime, tiny, 1×1×N, N×1×1 and flat volumes, resident and in boxes', async () => {
    for (const [w, h, d] of [
      [13, 11, 7],
      [17, 1, 5],
      [1, 9, 4],
      [8, 6, 1],
      [2, 2, 2],
      [1, 1, 1],
      [1, 1, 23],
      [23, 1, 1],
      [15, 13, 9], // 1755 voxels: slabs of whole planes under the 4 KiB limit
      [41, 37, 5], // 1517-value planes: planes cut too
    ] as const) {
      // Few distinct values (rounded): ties inside windows are common.
      const x = Float32Array.from(randomF32(w * h * d, w * 5 + h * 3 + d, 40), (v) => Math.round(v) + 0); // + 0: no −0
      const ref = await cpu.read(await cpu.medianFilter3d(x, w, h, d));
      for (const g of [backends.g, backends.tiled]) {
        const r = await g.medianFilter3d(x, w, h, d);
        const got = await g.read(r);
        r.dispose();
        expect(firstDiff(got, ref), `${w}×${h}×${d}${g === backends.tiled ? ' small limit' : ''}`).toBe(-1);
      }
    }
    expect(backends.g.pool.live).toBe(0);
    expect(backends.tiled.pool.live).toBe(0);
  });

  it('past 65535 × 64 voxels (2-D dispatch): 129 × 128 × 256', async () => {
    const [w, h, d] = [129, 128, 256];
    const x = new Float32Array(w * h * d);
    for (let i = 0; i < x.length; i++) x[i] = ((i * 2654435761) % 1999) - 999.5; // cheap deterministic fill
    const ref = await cpu.read(await cpu.medianFilter3d(x, w, h, d));
    const got = await backends.g.read(await backends.g.medianFilter3d(x, w, h, d));
    expect(firstDiff(got, ref)).toBe(-1);
  });

  it('rejects bad sizes with clear messages', async () => {
    for (const b of [cpu, backends.g]) {
      await expect(b.medianFilter3d(new Float32Array(12), 2, 3, 0)).rejects.toThrow(/medianFilter3d: depth = 0, expected a positive integer/);
      await expect(b.medianFilter3d(new Float32Array(11), 2, 3, 2)).rejects.toThrow(/medianFilter3d: input has/);
    }
  });
});

describe.skipIf(!gpu)('clean.denoise 3-D median on WebGPU', () => {
  it('3×3×3 equals the CPU run exactly and reports the backend; 5×5×5 stays on the CPU', async () => {
    const [W, H, F] = [19, 14, 6];
    const stack: StackValue = {
      ...{ kind: 'stack', frames: F, width: W, height: H, dtype: 'u16' },
      data: Uint16Array.from(randomF32(F * W * H, 9, 1), (v) => Math.round((v + 0.5) * 4000)),
      ...{ frameAxis: { name: 'z', unit: 'µm' }, frameCoords: Float64Array.from({ length: F }, (_, i) => i), valueAxis: { name: 'v', unit: '' }, meta: emptyMeta() },
    };
    const runOn = async (backend: 'cpu' | 'webgpu', size: number) => {
      const { ctx, used } = backendContext(backend);
      const params = { ...defaultParams(denoiseNode.params), method: 'median' as const, dimensions: '3d' as const, size };
      const v = (await denoiseNode.run({ image: stack }, params, ctx)).image as StackValue;
      return { data: v.data as Float32Array, used, progress: ctx.progressCalls };
    };
    const ref = await runOn('cpu', 3);
    const got = await runOn('webgpu', 3);
    expect([ref.used, got.used]).toEqual([['cpu'], ['webgpu']]);
    expect(got.progress).toEqual(ref.progress);
    expect(firstDiff(got.data, ref.data)).toBe(-1);
    const five = await runOn('webgpu', 5);
    expect(five.used).toEqual(['cpu']);
    expect(firstDiff(five.data, (await runOn('cpu', 5)).data)).toBe(-1);
  });
});

beforeAll(() => {
  if (gpu) setGpuSource(gpu);
});
afterAll(() => resetBackends());
