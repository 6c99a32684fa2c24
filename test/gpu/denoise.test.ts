// clean.denoise on the WebGPU backend: the node wired end-to-end to src/compute. Same results as
// its CPU path within float32 (median: exactly), same progress, same errors; the engine reports
// which backend ran it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denoiseNode } from '../../src/nodes/clean/denoise';
import { defaultParams } from '../../src/runtime/params';
import { emptyMeta, type ImageValue, type StackValue } from '../../src/runtime/values';
import { defineNode, NodeInputError } from '../../src/runtime/nodeDefinition';
import { makeRegistry } from '../../src/runtime/registryTypes';
import { Engine } from '../../src/runtime/engine';
import type { NodeEvent } from '../../src/runtime/engineApi';
import { wf } from '../../src/runtime/executor/__tests__/fakeNodes';
import { resetBackends, selectBackend, setGpuSource } from '../../src/compute/selectBackend';
import { EPS32, gpu, maxAbs, maxAbsDiff, randomF32, backendContext } from './gpuTestSetup';

const defaults = defaultParams(denoiseNode.params);
const W = 37;
const H = 23;
// A u16 stack of 3 frames, odd sizes.
const stack: StackValue = {
  ...{ kind: 'stack', frames: 3, width: W, height: H, dtype: 'u16' },
  data: Uint16Array.from(randomF32(3 * W * H, 5, 1), (v) => Math.round((v + 0.5) * 4000)),
  ...{ frameAxis: { name: 'z', unit: 'µm' }, frameCoords: new Float64Array([0, 0.5, 1]), valueAxis: { name: 'intensity', unit: '' }, meta: emptyMeta() },
};

beforeAll(() => {
  if (gpu) setGpuSource(gpu);
});
afterAll(() => resetBackends());

describe.skipIf(!gpu)('clean.denoise on WebGPU', () => {
  it('Gaussian and 3×3 / 5×5 median per frame equal the CPU path (float32 tolerance; median exact)', async () => {
    for (const [method, size, sigma] of [
      ['gaussian', 3, 1.7],
      ['median', 3, 1],
      ['median', 5, 1],
    ] as const) {
      const params = { ...defaults, method, size, sigma };
      const onCpu = backendContext('cpu');
      const onGpu = backendContext('webgpu');
      const ref = (await denoiseNode.run({ image: stack }, params, onCpu.ctx)).image as StackValue;
      const got = (await denoiseNode.run({ image: stack }, params, onGpu.ctx)).image as StackValue;
      expect(onCpu.used).toEqual(['cpu']);
      expect(onGpu.used).toEqual(['webgpu']);
      expect(got.kind).toBe('stack');
      expect(got.dtype).toBe('f32');
      // Gaussian: two float32 passes of 2r + 1 taps (r = 7): ≤ (2r + 5)·2⁻²⁴·max|x| (see test/gpu/filters.test.ts).
      const tol = method === 'gaussian' ? 19 * EPS32 * maxAbs(stack.data) : 0;
      expect(maxAbsDiff(got.data, ref.data), `${method} ${size}`).toBeLessThanOrEqual(tol);
      expect(onGpu.ctx.progressCalls).toEqual(onCpu.ctx.progressCalls);
    }
  });

  it("'auto' on a software (fallback) adapter and windows without a kernel run on the CPU", async () => {
    expect((await selectBackend('auto')).name).toBe('cpu'); // SwiftShader is a fallback adapter
    const auto = backendContext('auto');
    await denoiseNode.run({ image: stack }, { ...defaults, method: 'gaussian' }, auto.ctx);
    expect(auto.used).toEqual(['cpu']);
    const seven = backendContext('webgpu');
    await denoiseNode.run({ image: stack }, { ...defaults, method: 'median', size: 7 }, seven.ctx);
    expect(seven.used).toEqual(['cpu']);
  });

  it('a non-finite pixel fails with the CPU message', async () => {
    const data = new Float32Array(W * H).fill(1);
    data[W + 2] = NaN;
    const img: ImageValue = { kind: 'image', width: W, height: H, dtype: 'f32', data, valueAxis: { name: 'v', unit: '' }, meta: emptyMeta() };
    const run = (backend: 'cpu' | 'webgpu') => denoiseNode.run({ image: img }, { ...defaults }, backendContext(backend).ctx);
    await expect(run('webgpu')).rejects.toThrow(NodeInputError);
    await expect(run('webgpu')).rejects.toThrow(/non-finite value \(NaN\) at row 1, column 2/);
    await expect(run('cpu')).rejects.toThrow(/non-finite value \(NaN\) at row 1, column 2/);
  });

  it("the engine forces the backend per run and reports it in 'done' and 'cached' events", async () => {
    const source = defineNode({
      type: 'test.image',
      version: 1,
      category: 'io',
      title: 'Image',
      help: 'A fixed test image.',
      inputs: [],
      outputs: [{ name: 'image', label: 'Image', kinds: ['image'] }],
      params: {},
      async run() {
        const value: ImageValue = { kind: 'image', width: W, height: H, dtype: 'f32', data: randomF32(W * H, 9, 100), valueAxis: { name: 'v', unit: '' }, meta: emptyMeta() };
        return { image: value };
      },
    });
    const engine = new Engine(makeRegistry([source, denoiseNode]));
    const doc = wf([['img', 'test.image'], ['dn', 'clean.denoise', { method: 'gaussian', sigma: 2 }]], ['img.image->dn.image']);
    const backendOf = async (backend: 'cpu' | 'webgpu') => {
      const events: NodeEvent[] = [];
      const summary = await engine.run(doc, { backend }, (e) => events.push(e));
      expect(summary.ok).toBe(true);
      return events.filter((e) => e.nodeId === 'dn' && (e.status === 'done' || e.status === 'cached')).map((e) => [e.status, 'backend' in e ? e.backend : '']);
    };
    expect(await backendOf('webgpu')).toEqual([['done', 'webgpu']]);
    // Same inputs and parameters: answered from the cache, still saying which backend computed it.
    expect(await backendOf('webgpu')).toEqual([['cached', 'webgpu']]);
    const source2 = makeRegistry([source, denoiseNode]);
    const cpuEngine = new Engine(source2);
    const events: NodeEvent[] = [];
    await cpuEngine.run(doc, { backend: 'cpu' }, (e) => events.push(e));
    expect(events.find((e) => e.nodeId === 'dn' && e.status === 'done')).toMatchObject({ backend: 'cpu' });
    // An image source node reports nothing: 'cpu'.
    expect(events.find((e) => e.nodeId === 'img' && e.status === 'done')).toMatchObject({ backend: 'cpu' });
  });
});
