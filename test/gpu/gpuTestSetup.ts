/**
 * Shared setup of the WebGPU kernel tests: a Dawn `GPU` in Node (SwiftShader without a GPU).
 * When Dawn cannot start, the suites are skipped and say so loudly (console.warn SKIPPED); the
 * fix is `node scripts/ensure-webgpu.mjs` (Debian libvulkan1 + chromium's SwiftShader ICD).
 */
import { afterAll, beforeAll } from 'vitest';
import { nodeGpu } from '../../src/compute/nodeGpu';
import { createWebGpuBackend, type WebGpuBackend } from '../../src/compute/webgpuBackend';
import { createCpuBackend } from '../../src/compute/cpuBackend';
import { lcg } from '../../src/ops/image/__tests__/helpers';
import { testContext } from '../../src/nodes/io/__tests__/imageNodeContext';

export const { gpu, reason } = await nodeGpu();
if (!gpu) console.warn(`SKIPPED: WebGPU kernel tests (test/gpu): ${reason}`);

/** float32 unit round-off, 2⁻²⁴. */
export const EPS32 = 2 ** -24;

/** Random float32 values in [−scale/2, scale/2) + offset (deterministic). */
export function randomF32(n: number, seed: number, scale = 1000, offset = 0): Float32Array {
  return Float32Array.from(lcg(n, seed), (v) => v * scale + offset);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = d; // NaN propagates as a failure
  }
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

export function sumAbs(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]);
  return s;
}

/**
 * The backends a kernel suite compares, created before and disposed after its tests: the CPU
 * reference, a WebGPU backend with the device's limits, and one whose bindings hold only
 * `tiledBytes`, so that every input is processed in tiles through host memory.
 */
export function useBackends(tiledBytes: number) {
  const b = { cpu: createCpuBackend(), g: null as unknown as WebGpuBackend, tiled: null as unknown as WebGpuBackend };
  beforeAll(async () => {
    if (!gpu) return;
    b.g = await createWebGpuBackend({ gpu });
    b.tiled = await createWebGpuBackend({ gpu, maxBindingBytes: tiledBytes });
  });
  afterAll(() => {
    b.g?.dispose();
    b.tiled?.dispose();
  });
  return b;
}

/** A node test context forced onto `backend`; `used` collects the backends the node reports. */
export function backendContext(backend: 'auto' | 'cpu' | 'webgpu') {
  const used: string[] = [];
  const ctx = Object.assign(testContext(), { backend, usedBackend: (n: string) => used.push(n) });
  return { ctx, used };
}
