/**
 * WebGPU in Node (tests, CLI, benchmarks): the `webgpu` npm package (Dawn). Without a GPU, Dawn
 * runs on Chromium's SwiftShader Vulkan driver (Debian `chromium` + `libvulkan1`; see
 * `scripts/ensure-webgpu.mjs`); this module points Vulkan at it unless VK_ICD_FILENAMES is set.
 * Node only: never imported by the browser bundle.
 */
import { existsSync } from 'node:fs';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let cached: Promise<{ gpu: GPU | null; reason: string }> | null = null;

/**
 * A `GPU` (navigator.gpu equivalent) from Dawn, or null with the reason when Dawn cannot start or
 * finds no adapter. Also installs the WebGPU globals (`GPUBufferUsage`, …) that kernels use.
 */
export function nodeGpu(): Promise<{ gpu: GPU | null; reason: string }> {
  cached ??= (async () => {
    if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    process.env.XDG_RUNTIME_DIR ??= '/tmp';
    try {
      const dawn = (await import('webgpu')) as { create(flags: string[]): GPU; globals: Record<string, unknown> };
      for (const [k, v] of Object.entries(dawn.globals)) if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
      const gpu = dawn.create([]);
      const adapter = await gpu.requestAdapter();
      if (!adapter) return { gpu: null, reason: `Dawn found no WebGPU adapter (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'}; run scripts/ensure-webgpu.mjs)` };
      return { gpu, reason: '' };
    } catch (e) {
      return { gpu: null, reason: `Dawn (npm webgpu) could not start: ${e instanceof Error ? e.message : String(e)} (run scripts/ensure-webgpu.mjs)` };
    }
  })();
  return cached;
}
