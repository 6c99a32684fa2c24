/**
 * Bundles the GPU bench (gpuBench.ts) into one self-contained ESM file for the device machine,
 * where there is no node_modules: only Dawn's native addon is loaded at run time, from a path
 * (loadDawn.ts). Used by scripts/device/pack-gpubench.sh and the smoke test.
 *
 *   tsx bench/gpu/bundleGpuBench.ts OUTFILE
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function bundleGpuBench(outfile: string): Promise<void> {
  await build({
    entryPoints: [join(import.meta.dirname, 'gpuBench.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: { js: "import { createRequire as __gpubenchRequire } from 'node:module'; const require = __gpubenchRequire(import.meta.url);" },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: tsx bench/gpu/bundleGpuBench.ts OUTFILE');
    process.exit(2);
  }
  await bundleGpuBench(out);
}
