/**
 * Vite plugin that lets TF.js's multithreaded wasm backend start after a production build.
 *
 * TF.js hands its pthread workers the Emscripten factory as source text
 * (`factory.toString()`), which they re-evaluate on their own. That inner function reads
 * `_scriptDir`, a variable of the IIFE around it, guarded by `typeof _scriptDir !== "undefined"`.
 * The minifier sees a declared binding, drops the guard and renames it (`e && …`), so in each
 * worker the text throws "ReferenceError: e is not defined" and the backend waits forever for
 * threads that never load. In this app `_scriptDir` is always undefined anyway (module workers
 * have no `document.currentScript`; `.wasm` files come from `setWasmPaths`, the worker script from
 * `mainScriptUrlOrBlob`), so the two reads are replaced by what they evaluate to.
 */
import type { Plugin } from 'vite';

const FILE = /tfjs-backend-wasm\/wasm-out\/tfjs-backend-wasm-threaded-simd\.js$/;
const READS: [string, string][] = [
  ['if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}', ''],
  ['"urlOrBlob":Module["mainScriptUrlOrBlob"]||_scriptDir,', '"urlOrBlob":Module["mainScriptUrlOrBlob"],'],
];

/** The factory without reads of `_scriptDir` inside it; throws if TF.js's text changed. */
export function tfjsWasmThreadsPatch(code: string, file = 'tfjs-backend-wasm-threaded-simd.js'): string {
  let out = code;
  for (const [from, to] of READS) {
    if (!out.includes(from)) throw new Error(`${file}: expected the Emscripten text ${JSON.stringify(from)} (TF.js upgraded? re-check scripts/viteTfjsWasmThreads.ts)`);
    out = out.split(from).join(to);
  }
  return out;
}

export function viteTfjsWasmThreads(): Plugin {
  return {
    name: 'operando:tfjs-wasm-threads',
    apply: 'build',
    transform(code, id) {
      return FILE.test(id.split('?')[0]) ? { code: tfjsWasmThreadsPatch(code, id), map: null } : null;
    },
  };
}
