/**
 * URLs of onnxruntime-web's WASM runtime (the JSEP build: WebAssembly and WebGPU) in a browser
 * build: Vite copies both files into the bundle (`?url`), so nothing is downloaded from elsewhere,
 * and the runtime's thread workers load its own `.mjs` rather than the app's bundle. Imported only
 * in browsers (`onnxSegmenter`).
 */
import mjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.mjs?url';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';

export function ortWasmUrls(): { mjs: string; wasm: string } {
  return { mjs: mjsUrl, wasm: wasmUrl };
}
