/**
 * Backend selection: the only module-level state of `src/compute` — the CPU backend and at most
 * one WebGPU backend (one device per thread: pipelines, tables and the buffer pool are reused by
 * every node of every run). 'auto' takes WebGPU when a hardware adapter answers, else the CPU (a
 * software fallback adapter such as SwiftShader is correct but slower than the CPU ops); a forced
 * choice ('cpu' | 'webgpu', per run via `RunOptions.backend` → `RunContext.backend`) is obeyed or
 * fails with a clear message. A lost device is forgotten, so the next call asks again.
 */
import type { BackendChoice, ComputeBackend } from './computeBackend';
import { createCpuBackend } from './cpuBackend';
import { createWebGpuBackend, type WebGpuBackend } from './webgpuBackend';

let cpu: ComputeBackend | null = null;
let webgpu: Promise<WebGpuBackend> | null = null;
/** Where WebGPU comes from when not `navigator.gpu` (Node: `nodeGpu()`); null = none. */
let gpuSource: GPU | null | undefined;

/** Sets the `GPU` to use instead of `navigator.gpu` (Node tests, CLI, benchmarks); null disables WebGPU. */
export function setGpuSource(gpu: GPU | null | undefined): void {
  gpuSource = gpu;
  resetBackends();
}

/** Drops (and disposes) the cached backends. */
export function resetBackends(): void {
  const old = webgpu;
  webgpu = null;
  void old?.then((b) => b.dispose()).catch(() => {});
  cpu = null;
}

function cpuBackend(): ComputeBackend {
  cpu ??= createCpuBackend();
  return cpu;
}

function webgpuBackend(): Promise<WebGpuBackend> {
  if (!webgpu) {
    const gpu = gpuSource === undefined ? (globalThis.navigator as Navigator | undefined)?.gpu : gpuSource;
    const p = gpu ? createWebGpuBackend({ gpu }) : Promise.reject(new Error('WebGPU is not available here (no navigator.gpu)'));
    webgpu = p;
    p.then(
      (b) => void b.device.lost.then(() => {
        if (webgpu === p) webgpu = null;
      }),
      () => {},
    );
  }
  return webgpu;
}

/**
 * The backend for `choice`. 'auto' never fails (falls back to the CPU); 'webgpu' rejects with the
 * reason when no adapter or device can be had.
 */
export async function selectBackend(choice: BackendChoice = 'auto'): Promise<ComputeBackend> {
  switch (choice) {
    case 'cpu':
      return cpuBackend();
    case 'webgpu':
      return webgpuBackend();
    case 'auto':
      try {
        const gpu = await webgpuBackend();
        return gpu.isFallbackAdapter ? cpuBackend() : gpu;
      } catch {
        return cpuBackend();
      }
    default:
      throw new RangeError(`selectBackend: choice = ${JSON.stringify(choice)}, expected 'auto', 'cpu' or 'webgpu'`);
  }
}
