// register.volume-shift on the WebGPU backend (3-D FFTs, cross-power spectrum and reductions in
// src/compute) against its CPU path (the float64 op src/ops/volume/phaseCorrelation3d.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { volumeShiftNode } from '../../src/nodes/register/volumeShift';
import { defaultParams } from '../../src/runtime/params';
import { emptyMeta, type StackValue, type TableValue } from '../../src/runtime/values';
import { reg2F32, reg2Json, numericColumn } from '../../src/ops/image/__tests__/registration2Fixtures';
import { resetBackends, setGpuSource } from '../../src/compute/selectBackend';
import { gpu, maxAbsDiff, backendContext } from './gpuTestSetup';

const defaults = defaultParams(volumeShiftNode.params);
const fx = reg2Json<{ d: number; h: number; w: number; results: { upsample: number; shift: number[] }[] }>('volume.json');
const stack = (data: Float32Array, d: number, h: number, w: number): StackValue => ({
  ...{ kind: 'stack', frames: d, width: w, height: h, dtype: 'f32', data },
  ...{ frameAxis: { name: 'z', unit: 'µm' }, frameCoords: Float64Array.from({ length: d }, (_, i) => i), valueAxis: { name: 'v', unit: '' }, meta: emptyMeta() },
});
const fixed = stack(reg2F32('volume_ref.f32'), fx.d, fx.h, fx.w);
const moving = stack(reg2F32('volume_mov.f32'), fx.d, fx.h, fx.w);

async function runOn(backend: 'cpu' | 'webgpu', params: typeof defaults) {
  const { ctx, used } = backendContext(backend);
  const out = await volumeShiftNode.run({ fixed, moving }, params, ctx);
  const t = out.shift as TableValue;
  const shift = ['dz', 'dy', 'dx'].map((c) => numericColumn(t, c)[0]);
  return { shift, error: numericColumn(t, 'error')[0], registered: (out.registered as StackValue).data, used };
}

beforeAll(() => {
  if (gpu) setGpuSource(gpu);
});
afterAll(() => resetBackends());

describe.skipIf(!gpu)('register.volume-shift on WebGPU', () => {
  it('finds the CPU shift (skimage fixture, 20 × 24 × 28) with and without the Hann window', async () => {
    for (const [window, upsampleFactor] of [
      ['none', 10],
      ['hann', 20],
    ] as const) {
      const params = { ...defaults, window, upsampleFactor };
      const ref = await runOn('cpu', params);
      const got = await runOn('webgpu', params);
      expect([ref.used, got.used]).toEqual([['cpu'], ['webgpu']]);
      // The refinement grid has spacing 1/u; float32 spectra pick the same grid point.
      expect(got.shift, window).toEqual(ref.shift);
      if (window === 'none') expect(got.shift.map((v) => +v.toFixed(9))).toEqual(fx.results.find((r) => r.upsample === 10)!.shift);
      // Error metric from float32 Σ|F|² (relative ≲ 1e-6) and the same peak value.
      expect(Math.abs(got.error - ref.error)).toBeLessThan(1e-4);
      // Same shift → the same trilinear resampling on the host.
      expect(maxAbsDiff(got.registered, ref.registered)).toBe(0);
    }
  });
});
