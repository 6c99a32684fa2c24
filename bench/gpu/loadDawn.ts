/**
 * Dawn (the `webgpu` package's native addon) loaded from an explicit path, so the bundled bench
 * runs where there is no node_modules: next to the bundle (`dawn.node`, as scripts/device packs
 * it), `$DAWN_NODE`, `--dawn`, or the repo's node_modules when run from source.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SWIFTSHADER_ICD } from '../../src/compute/nodeGpu';

interface DawnAddon {
  create(flags: string[]): GPU;
  globals: Record<string, unknown>;
}

/** Where the addon is: the explicit path, else beside this file, else node_modules/webgpu. */
export function findDawnAddon(explicit?: string): string {
  const candidates: string[] = [];
  if (explicit) candidates.push(explicit);
  if (process.env.DAWN_NODE) candidates.push(process.env.DAWN_NODE);
  candidates.push(join(dirname(fileURLToPath(import.meta.url)), 'dawn.node'));
  try {
    const pkg = dirname(createRequire(import.meta.url).resolve('webgpu'));
    candidates.push(join(pkg, 'dist', `${process.platform}-${process.arch}`, 'dawn.node'));
  } catch {
    // Not in a checkout with node_modules (the packed bundle): the other candidates decide.
  }
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`Dawn addon not found; looked at ${candidates.join(', ')} (pass --dawn PATH or set DAWN_NODE)`);
  return found;
}

/**
 * A `GPU` from the addon, with the WebGPU globals (`GPUBufferUsage`, …) installed. Without a
 * Vulkan driver named in the environment, SwiftShader is used where Chromium has it (as
 * src/compute/nodeGpu.ts does); on a GPU machine the caller sets VK_DRIVER_FILES / VK_ICD_FILENAMES.
 */
export function loadDawn(addonPath: string, flags: string[]): GPU {
  if (!process.env.VK_ICD_FILENAMES && !process.env.VK_DRIVER_FILES && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
  const dawn = createRequire(import.meta.url)(addonPath) as DawnAddon;
  for (const [k, v] of Object.entries(dawn.globals)) if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
  return dawn.create(flags);
}
