/**
 * The one place that chooses TF.js's backend (state: TF.js keeps one global backend per realm).
 * Chain webgpu → wasm → cpu, tried explicitly in that order: `tf.setBackend('webgpu')` fails
 * without an adapter and TF.js would otherwise silently pick webgl. The wasm backend finds its
 * `.wasm` files through `setWasmPaths`: in Node in the package's `dist` folder, in a browser at
 * the URLs of the files Vite bundles (`tfjsWasmUrls.ts`, `?url` imports, loaded only in browsers).
 * Multithreaded wasm (XNNPACK on a pthread pool) is left to TF.js's own check in a cross-origin
 * isolated page — the threaded `.wasm` is bundled and the pthread workers are Blob URLs, so
 * nothing is fetched from elsewhere; a production build needs `scripts/viteTfjsWasmThreads.ts`,
 * without which the workers fail to start and the backend hangs — and off in Node (one thread,
 * like the benchmarks' peers).
 * `tfjsRegisterKernels` then adds the training kernels the cpu and wasm backends lack or run slowly.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { tfjsRegisterKernels } from './tfjsRegisterKernels';

export type TfjsBackendName = 'webgpu' | 'wasm' | 'cpu';

export interface TfjsInitBackendOptions {
  /** Backends to try, in order; the first that initialises is used. @default ['webgpu', 'wasm', 'cpu'] */
  prefer?: TfjsBackendName[];
}

let wasmConfigured = false;
let chosen: TfjsBackendName | null = null;

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string' && typeof window === 'undefined';
}

async function configureWasm(): Promise<boolean> {
  if (wasmConfigured) return true;
  if (isNode() || globalThis.crossOriginIsolated !== true) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (isNode()) {
    const modName = 'node:module';
    const { createRequire } = (await import(/* @vite-ignore */ modName)) as typeof import('node:module');
    const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
    setWasmPaths(entry.replace(/[^/\\]+$/, ''));
  } else {
    const { tfjsWasmUrls } = await import('./tfjsWasmUrls');
    setWasmPaths(tfjsWasmUrls());
  }
  wasmConfigured = true;
  return true;
}

async function tryBackend(name: TfjsBackendName): Promise<boolean> {
  try {
    if (name === 'webgpu' && !(typeof navigator !== 'undefined' && 'gpu' in navigator && navigator.gpu)) return false;
    if (name === 'wasm') await configureWasm();
    const ok = await tf.setBackend(name);
    if (!ok) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** Sets TF.js's backend to the first of `prefer` that works and returns its name. */
export async function tfjsInitBackend(options: TfjsInitBackendOptions = {}): Promise<TfjsBackendName> {
  const prefer = options.prefer ?? ['webgpu', 'wasm', 'cpu'];
  if (prefer.length === 0) throw new RangeError('prefer: expected at least one backend name, got []');
  if (chosen === prefer[0] && tf.getBackend() === chosen) return chosen;
  for (const name of prefer) {
    if (await tryBackend(name)) {
      tfjsRegisterKernels(name);
      chosen = name;
      return name;
    }
  }
  throw new Error(`no TF.js backend could be started (tried ${prefer.join(', ')})`);
}
