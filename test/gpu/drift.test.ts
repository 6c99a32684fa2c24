// register.drift's apply step (bilinear shift per frame) on the WebGPU backend against its CPU
// path; the shifts themselves are found on the CPU either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftNode } from '../../src/nodes/register/drift';
import { defaultParams } from '../../src/runtime/params';
import { emptyMeta, type StackValue, type TableValue } from '../../src/runtime/values';
import { bilinearShift } from '../../src/ops/image/bilinearShift';
import { gaussianFilter } from '../../src/ops/image/gaussianFilter';
import { numericColumn } from '../../src/ops/image/__tests__/registration2Fixtures';
import { resetBackends, setGpuSource } from '../../src/compute/selectBackend';
import { EPS32, gpu, maxAbs, maxAbsDiff, randomF32, backendContext } from './gpuTestSetup';

const [W, H] = [45, 37];
const moves: [number, number][] = [
  [0, 0],
  [1.5, -2.25],
  [-3, 0.75],
];
// Smooth random texture (Gaussian-filtered noise) moved by sub-pixel amounts.
const base = gaussianFilter(randomF32(W * H, 3, 1000, 500), W, H, { sigma: 1.5 });
const data = new Float32Array(moves.length * W * H);
moves.forEach(([dy, dx], f) => data.set(bilinearShift(base, W, H, { dy, dx, fill: 500 }), f * W * H));
const stack: StackValue = {
  ...{ kind: 'stack', frames: moves.length, width: W, height: H, dtype: 'f32', data },
  ...{ frameAxis: { name: 't', unit: 's' }, frameCoords: new Float64Array([0, 1, 2]), valueAxis: { name: 'v', unit: '' }, meta: emptyMeta() },
};

beforeAll(() => {
  if (gpu) setGpuSource(gpu);
});
afterAll(() => resetBackends());

describe.skipIf(!gpu)('register.drift on WebGPU', () => {
  it('bilinear apply step equals the CPU run within float32; same shifts table and progress', async () => {
    const params = { ...defaultParams(driftNode.params), upsampleFactor: 20 };
    const runOn = async (backend: 'cpu' | 'webgpu') => {
      const { ctx, used } = backendContext(backend);
      const out = await driftNode.run({ stack }, params, ctx);
      return { registered: (out.registered as StackValue).data, shifts: out.shifts as TableValue, used, progress: ctx.progressCalls };
    };
    const ref = await runOn('cpu');
    const got = await runOn('webgpu');
    expect([ref.used, got.used]).toEqual([['cpu'], ['webgpu']]);
    expect(got.shifts).toEqual(ref.shifts);
    expect(got.progress).toEqual(ref.progress);
    // As test/gpu/bilinearShift.test.ts: two float32 lerps, ≤ 6·2⁻²⁴·max|x|.
    expect(maxAbsDiff(got.registered, ref.registered)).toBeLessThanOrEqual(6 * EPS32 * maxAbs(data));
    // And the drift was found (frame 1 moved by +1.5 rows → shift −1.5).
    expect(Math.abs(numericColumn(ref.shifts, 'dy')[1] + 1.5)).toBeLessThan(0.2);
  });
});
